import { create_container, type Connection, type Receiver } from 'rhea';
import { receiveExactly, startHarness, type Harness } from './harness';

/**
 * Clients that misuse links at volume (issue 11): links that never grant credit, and a receiver that takes
 * hundreds of messages and never settles any. Azure's behaviour: locks expire, messages are redelivered with a
 * higher count and dead-lettered after maxDeliveryCount; nobody else is affected.
 */
describe('Service Bus emulator: clients that never grant credit or never settle', () => {
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

  it('dead-letters what a never-settling receiver took, after maxDeliveryCount lock expiries, while others are served', async () => {
    const total = 200;
    // shortlock: lockDuration 1 s, maxDeliveryCount 2.
    await h.client
      .createSender('shortlock')
      .sendMessages(Array.from({ length: total }, (_, i) => ({ body: i })));
    const open = (credit: number): Promise<Receiver> => {
      const r = connection.open_receiver({
        source: { address: 'shortlock' },
        credit_window: credit,
        autoaccept: false,
        rcv_settle_mode: 1,
      });
      return new Promise((resolve) => r.once('receiver_open', () => resolve(r)));
    };
    // Twenty links that never grant credit, and one that takes everything and settles nothing.
    const idle = await Promise.all(Array.from({ length: 20 }, () => open(0)));
    let taken = 0;
    const hoarder = await open(total);
    hoarder.on('message', () => taken++);

    // A normal client keeps completing round trips on another queue meanwhile.
    const sender = h.client.createSender('competing');
    const receiver = h.client.createReceiver('competing');
    const dlq = h.client.createReceiver('shortlock', { subQueueType: 'deadLetter' });
    let dead: Awaited<ReturnType<typeof dlq.peekMessages>> = [];
    let roundTrips = 0;
    // Until all are dead-lettered (two lock expiries of 1 s each), bounded by a generous deadline rather than a
    // number of rounds: a round trip's length is no clock (it shrank tenfold once the broker set TCP_NODELAY).
    const deadline = Date.now() + 45_000;
    for (let round = 0; Date.now() < deadline && dead.length < total; round++) {
      await sender.sendMessages({ body: round });
      const [m] = await receiveExactly(receiver, 1);
      await receiver.completeMessage(m!);
      roundTrips++;
      dead = await dlq.peekMessages(total + 1);
    }
    expect(dead).toHaveLength(total);
    expect(new Set(dead.map((m) => m.body as number)).size).toBe(total);
    expect(dead.every((m) => m.deadLetterReason === 'MaxDeliveryCountExceeded')).toBe(true);
    // Each message went to the hoarder once per attempt: no message was lost or given to an idle link.
    expect(taken).toBe(total * 2);
    expect(roundTrips).toBeGreaterThan(0);
    for (const r of [...idle, hoarder]) r.close();
    await Promise.all([receiver.close(), dlq.close()]);
  });
});
