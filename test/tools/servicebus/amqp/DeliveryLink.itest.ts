import { create_container, message as rheaMessage, type Connection, type EventContext } from 'rhea';
import { receiveExactly, startHarness, type Harness } from '../harness';

const outcomes = rheaMessage as unknown as { released(): { described(): unknown } };

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

  it('gives a released message back with its delivery count unchanged, however often it is released', async () => {
    // Azure.Messaging.ServiceBus with prefetch 0 releases (settled, `released`) every message that reaches its link
    // after a receive call returned. 'work' dead-letters at MaxDeliveryCount 3: release 10x past it, as .NET does.
    const releases = 30;
    await h.client.createSender('work').sendMessages({ body: 'released', messageId: 'rel-1' });
    const receiver = connection.open_receiver({
      source: { address: 'work' },
      credit_window: 0,
      autoaccept: false,
      rcv_settle_mode: 1,
    });
    await new Promise<void>((resolve) => receiver.once('receiver_open', () => resolve()));
    const counts: number[] = [];
    for (let i = 0; i < releases; i++) {
      const delivered = new Promise<EventContext>((resolve) => receiver.once('message', resolve));
      receiver.add_credit(1);
      const ctx = await delivered;
      counts.push(ctx.message?.delivery_count ?? 0);
      ctx.delivery!.update(true, outcomes.released().described());
    }
    receiver.close();
    // Invariant: a release is not a delivery attempt (AMQP 1.0 section 3.4.4), so the count never moves.
    expect(counts).toEqual(Array.from({ length: releases }, () => 0));
    const sdkReceiver = h.client.createReceiver('work');
    const [m] = await receiveExactly(sdkReceiver, 1);
    expect({ id: m!.messageId, deliveryCount: m!.deliveryCount }).toEqual({ id: 'rel-1', deliveryCount: 0 });
    await sdkReceiver.completeMessage(m!);
    await sdkReceiver.close();
    const dlq = h.client.createReceiver('work', { subQueueType: 'deadLetter' });
    expect(await dlq.peekMessages(1)).toEqual([]);
    await dlq.close();
  });
});
