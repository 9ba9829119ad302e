import { create_container, types, type Connection, type EventContext } from 'rhea';

const codec = types as unknown as {
  described(descriptor: unknown, value: unknown): unknown;
  wrap_ulong(n: number): unknown;
  wrap_list(items: unknown[]): unknown;
};
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

  it('refuses a real coordinator target (descriptor 0x30, as the .NET SDK attaches it) with a clear error', async () => {
    // rhea cannot decode a coordinator terminus; echoing it back used to throw, so the link was never refused and
    // the .NET SDK timed out (ServiceTimeout) instead of reporting that transactions are not supported.
    const sender = connection.open_sender({ name: 'coordinator', target: {} });
    (sender as unknown as { local: { attach: { target: unknown } } }).local.attach.target = codec.described(
      codec.wrap_ulong(0x30),
      codec.wrap_list([]),
    );
    const error = await new Promise<{ condition?: string; description?: string }>((resolve) =>
      sender.once('sender_error', (ctx: EventContext) =>
        resolve(ctx.sender!.error as { condition?: string; description?: string }),
      ),
    );
    expect({ condition: error.condition, description: error.description }).toEqual({
      condition: 'amqp:not-implemented',
      description:
        'A transaction (a link to the transaction coordinator) is not supported by the offline Service Bus emulator.',
    });
  });
});
