import { create_container, type Connection, type EventContext } from 'rhea';
import { startHarness, type Harness } from '../harness';

/** Protocol details the SDK relies on, checked with a raw AMQP client where the SDK's timing would hide them. */
describe('DeliveryLink (raw AMQP)', () => {
  let h: Harness;
  let connection: Connection;
  beforeAll(async () => {
    h = await startHarness();
    const container = create_container();
    connection = container.connect({ host: '127.0.0.1', port: h.emulator.port });
    await new Promise<void>((resolve) => connection.once('connection_open', () => resolve()));
  });
  afterAll(async () => {
    connection.close();
    await h.close();
  });

  it('answers a drain with drain=true even when deliveries in flight used up all the credit', async () => {
    await h.client.createSender('competing').sendMessages([{ body: 1 }, { body: 2 }]);
    const receiver = connection.open_receiver({
      source: { address: 'competing' },
      credit_window: 0,
      autoaccept: false,
      rcv_settle_mode: 1,
    });
    await new Promise<void>((resolve) => receiver.once('receiver_open', () => resolve()));
    const got: unknown[] = [];
    receiver.on('message', (ctx: EventContext) => got.push(ctx.message?.body));
    const drained = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no drained flow from the broker (got ${got.length} messages)`)),
        3000,
      );
      receiver.once('receiver_drained', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    // Credit and drain leave in one write: the broker sees the drain after queueing both messages.
    receiver.add_credit(2);
    receiver.drain_credit();
    await drained;
    expect(got).toHaveLength(2);
    receiver.close();
  });
});
