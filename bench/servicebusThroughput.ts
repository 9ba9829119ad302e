import { ServiceBusClient, type ServiceBusMessage } from '@azure/service-bus';

export interface ThroughputRun {
  sendPerSec: number;
  receivePerSec: number;
  received: number;
}

const BODY = Buffer.alloc(1024, 7);

/**
 * Sends `count` 1 KB messages with the SDK in full batches, then receives and completes them all with
 * `receivers` concurrent peekLock receivers. Rates are messages per second of wall time for each phase.
 */
export async function measureThroughput(
  connectionString: string,
  queue: string,
  count: number,
  receivers: number,
): Promise<ThroughputRun> {
  const client = new ServiceBusClient(connectionString, {
    retryOptions: { maxRetries: 0, timeoutInMs: 30_000 },
  });
  try {
    const sender = client.createSender(queue);
    await sender.sendMessages({ body: BODY, messageId: 'warm' }); // open the link outside the timing
    const warm = client.createReceiver(queue, { receiveMode: 'receiveAndDelete' });
    await warm.receiveMessages(1, { maxWaitTimeInMs: 2000 });
    await warm.close();
    const t0 = performance.now();
    let sent = 0;
    while (sent < count) {
      const batch = await sender.createMessageBatch();
      // Message ids are set by the client: the floor stamps none, and the SDK lock renewer needs one.
      while (
        sent < count &&
        batch.tryAddMessage({ body: BODY, messageId: `m${sent}` } satisfies ServiceBusMessage)
      )
        sent++;
      await sender.sendMessages(batch);
    }
    const sendMs = performance.now() - t0;
    let received = 0;
    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: receivers }, async () => {
        const r = client.createReceiver(queue);
        while (received < count) {
          const got = await r.receiveMessages(100, { maxWaitTimeInMs: 1000 });
          if (got.length === 0) break;
          await Promise.all(got.map((m) => r.completeMessage(m)));
          received += got.length;
        }
        await r.close();
      }),
    );
    const receiveMs = performance.now() - t1;
    return { sendPerSec: (count / sendMs) * 1000, receivePerSec: (received / receiveMs) * 1000, received };
  } finally {
    await client.close();
  }
}
