import { ServiceBusClient } from '@azure/service-bus';
import { setTimeout as delay } from 'node:timers/promises';

export interface TrafficPump {
  /** Messages the broker acknowledged on send. */
  sent(): number;
  /** Distinct messages received and completed on the pump's one receiver link (a redelivery counts once). */
  received(): number;
  /** Sends the rest of `total`, then waits (at most `timeoutMs`) until every one was received, and closes. */
  finish(timeoutMs?: number): Promise<void>;
}

/**
 * Extra traffic through the broker on a queue of its own (`queue`, no consumer in the app): `total` small
 * messages in batches of 20 at about `perSecond`, received and completed on one long-lived receiver link,
 * through the same kill -9 of the broker as the app's traffic. It adds broker volume (the short soak needs
 * 20,000 messages in two minutes, more than two cores move through the whole pipeline) without Cosmos DB work,
 * and a fixed total makes the count deterministic: every message must arrive, a lost one fails the soak.
 */
export function pumpTraffic(
  connectionString: string,
  queue: string,
  total: number,
  perSecond: number,
): TrafficPump {
  const client = new ServiceBusClient(connectionString, {
    retryOptions: { maxRetries: 2, timeoutInMs: 10_000 },
  });
  const sender = client.createSender(queue);
  let sent = 0;
  const received = new Set<string>();
  const receiver = client.createReceiver(queue);
  const subscription = receiver.subscribe(
    {
      processMessage: (m) => {
        received.add(String(m.messageId));
        return Promise.resolve();
      },
      // A killed broker: the SDK reconnects the link by itself.
      processError: () => Promise.resolve(),
    },
    { maxConcurrentCalls: 16 },
  );
  const batch = 20;
  let closed = false;
  void (async () => {
    for (let n = 0; sent < total && !closed; n++) {
      const started = performance.now();
      const size = Math.min(batch, total - sent);
      try {
        // The same ids on a repeat: the queue has no duplicate detection, but the receiver counts distinct ids.
        await sender.sendMessages(
          Array.from({ length: size }, (_, i) => ({ body: { n, i }, messageId: `t-${sent + i}` })),
        );
        sent += size;
      } catch {
        await delay(1000);
      }
      await delay(Math.max(0, (1000 * batch) / perSecond - (performance.now() - started)));
    }
  })();
  return {
    sent: () => sent,
    received: () => received.size,
    async finish(timeoutMs = 300_000) {
      const end = performance.now() + timeoutMs;
      while ((sent < total || received.size < total) && performance.now() < end) await delay(200);
      closed = true;
      await subscription.close().catch(() => undefined);
      await client.close().catch(() => undefined);
    },
  };
}
