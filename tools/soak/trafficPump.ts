import { ServiceBusClient } from '@azure/service-bus';
import { setTimeout as delay } from 'node:timers/promises';

export interface TrafficPump {
  /** Messages the broker acknowledged on send. */
  sent(): number;
  /** Messages received and completed on the pump's one receiver link. */
  received(): number;
  /** Stops sending; waits up to `drainMs` for the receiver to take what was sent, then closes. */
  stop(drainMs?: number): Promise<void>;
}

/**
 * Extra traffic through the broker on a queue of its own (`queue`, no consumer in the app): batches of small
 * messages at about `perSecond`, received and completed on one long-lived receiver link, through the same
 * kill -9 of the broker as the app's traffic. It adds broker volume (the short soak needs 20,000 messages in
 * two minutes, more than two cores move through the whole pipeline) without adding Cosmos DB work.
 */
export function pumpTraffic(connectionString: string, queue: string, perSecond: number): TrafficPump {
  const client = new ServiceBusClient(connectionString, {
    retryOptions: { maxRetries: 2, timeoutInMs: 10_000 },
  });
  const sender = client.createSender(queue);
  let sent = 0;
  let received = 0;
  const receiver = client.createReceiver(queue);
  const subscription = receiver.subscribe(
    {
      processMessage: () => {
        received += 1;
        return Promise.resolve();
      },
      // A killed broker: the SDK reconnects the link by itself.
      processError: () => Promise.resolve(),
    },
    { maxConcurrentCalls: 16 },
  );
  let stopped = false;
  const batch = 20;
  const loop = (async () => {
    for (let n = 0; !stopped; n++) {
      const started = performance.now();
      try {
        await sender.sendMessages(
          Array.from({ length: batch }, (_, i) => ({ body: { n, i }, messageId: `t-${n}-${i}` })),
        );
        sent += batch;
      } catch {
        await delay(1000);
      }
      await delay(Math.max(0, (1000 * batch) / perSecond - (performance.now() - started)));
    }
  })();
  return {
    sent: () => sent,
    received: () => received,
    async stop(drainMs = 30_000) {
      stopped = true;
      await loop;
      const end = performance.now() + drainMs;
      while (received < sent && performance.now() < end) await delay(200);
      await subscription.close().catch(() => undefined);
      await client.close().catch(() => undefined);
    },
  };
}
