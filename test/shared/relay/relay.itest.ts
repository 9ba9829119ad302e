import { ServiceBusClient } from '@azure/service-bus';
import { relayChanges } from '../../../shared/relay/relayChanges';
import { startServiceBusEmulator } from '../../../tools/servicebus';
import { orderDoc } from '../events/orderEventFixtures';

let bus: Awaited<ReturnType<typeof startServiceBusEmulator>>;
let client: ServiceBusClient;

beforeAll(async () => {
  bus = await startServiceBusEmulator({ port: 0 });
  client = new ServiceBusClient(bus.connectionString);
});
afterAll(async () => {
  await client?.close();
  await bus?.close();
});

describe('relay against the offline broker', () => {
  it('sends events in batches with their ids and properties, drops a retried batch as duplicates, and schedules reminders', async () => {
    const orders = client.createSender('orders');
    const emails = client.createSender('emails');
    const now = new Date();
    const docs = Array.from({ length: 300 }, (_, i) =>
      orderDoc({
        id: `r-${i}`,
        createdAt: now.toISOString(),
        // About 1 KB of items within the API's limits (names of at most 200 code points), which events must keep.
        items: [1, 2, 3].map((n) => ({ sku: `S${n}`, name: 'x'.repeat(170), unitPrice: 1, quantity: 1 })),
      }),
    );
    const init = { orders, emails, reminderDelayMs: 3_600_000 };
    const first = await relayChanges(docs, init);
    expect(first.batches).toBeGreaterThan(2); // 300 events of ~1 KB and 600 commands spill over several batches
    await relayChanges(docs, init); // the trigger retried the same batch: every id is a duplicate

    const receiver = client.createReceiver('orders', { receiveMode: 'receiveAndDelete' });
    const received = [];
    for (let round = 0; round < 20 && received.length < 300; round += 1) {
      received.push(...(await receiver.receiveMessages(300, { maxWaitTimeInMs: 500 })));
    }
    const extra = await receiver.receiveMessages(10, { maxWaitTimeInMs: 300 });
    await receiver.close();
    expect(received).toHaveLength(300);
    expect(extra).toHaveLength(0);
    expect(received[0]).toMatchObject({
      messageId: 'r-0:1',
      subject: 'OrderCreated',
      correlationId: 'corr-1',
      contentType: 'application/json',
    });
    expect(received[0]!.body).toMatchObject({ id: 'r-0:1', type: 'OrderCreated', orderId: 'r-0' });

    const peeker = client.createReceiver('emails');
    const peeked = await peeker.peekMessages(700);
    await peeker.close();
    const reminders = peeked.filter((m) => m.subject === 'pendingOrderReminder');
    expect(reminders).toHaveLength(300);
    expect(reminders[0]!.state).toBe('scheduled');
    expect(reminders[0]!.scheduledEnqueueTimeUtc?.getTime()).toBe(now.getTime() + 3_600_000);
    expect(peeked.filter((m) => m.subject === 'orderConfirmation')).toHaveLength(300);
  });
});
