import { create_container, type Connection, type EventContext } from 'rhea';
import { startHarness, type Harness } from '../harness';

describe('LinkRouter (raw AMQP)', () => {
  let h: Harness;
  let connection: Connection;
  beforeAll(async () => {
    h = await startHarness();
    connection = create_container().connect({ host: '127.0.0.1', port: h.emulator.port });
    await new Promise<void>((resolve) => connection.once('connection_open', () => resolve()));
  });
  afterAll(async () => {
    connection.close();
    await h.close();
  });

  it('refuses a link to a transaction coordinator with amqp:not-implemented', async () => {
    const sender = connection.open_sender({ target: {} });
    const error = await new Promise<{ condition?: string }>((resolve) =>
      sender.once('sender_error', (ctx: EventContext) =>
        resolve(ctx.sender!.error as { condition?: string }),
      ),
    );
    expect(error.condition).toBe('amqp:not-implemented');
  });
});
