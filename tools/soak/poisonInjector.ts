import { ServiceBusClient } from '@azure/service-bus';
import { setTimeout as delay } from 'node:timers/promises';

export const POISON_PREFIX = 'soak-poison-';

/** Malformed events of several kinds, as a buggy or hostile producer would send them to `orders`. */
function poisonBody(n: number): { body: unknown; contentType?: string; subject?: string } {
  switch (n % 4) {
    case 0:
      return { body: '{"not json', contentType: 'application/json' };
    case 1:
      return { body: { schemaVersion: 1, type: 'OrderCreated', id: 'x' }, subject: 'OrderCreated' };
    case 2:
      return { body: { schemaVersion: 99, type: 'OrderShipped' }, subject: 'OrderShipped' };
    default:
      return { body: Buffer.from([0xff, 0x00, 0xfe, 0x01]) };
  }
}

export interface PoisonInjector {
  /** Message ids the broker acknowledged. */
  sent: string[];
  /** Message ids tried but never acknowledged (the broker may still have stored them before dying). */
  unacknowledged: string[];
  stop(): Promise<void>;
}

/**
 * Sends one malformed event straight to the `orders` queue every `everyMs`, each with a known messageId. A
 * send that fails (the broker killed) is repeated with the same messageId: duplicate detection makes the
 * repeat harmless if the first attempt had in fact been stored.
 */
export function injectPoison(connectionString: string, everyMs: number): PoisonInjector {
  const client = new ServiceBusClient(connectionString, {
    retryOptions: { maxRetries: 2, timeoutInMs: 10_000 },
  });
  const sender = client.createSender('orders');
  const sent: string[] = [];
  const unacknowledged: string[] = [];
  let stopped = false;
  const loop = (async () => {
    for (let n = 0; !stopped; n++) {
      await delay(everyMs);
      if (stopped) break;
      const messageId = `${POISON_PREFIX}${n}`;
      let acknowledged = false;
      for (let attempt = 0; attempt < 60 && !acknowledged; attempt++) {
        try {
          await sender.sendMessages({ messageId, ...poisonBody(n) });
          acknowledged = true;
        } catch {
          await delay(1000);
        }
      }
      (acknowledged ? sent : unacknowledged).push(messageId);
    }
  })();
  return {
    sent,
    unacknowledged,
    async stop() {
      stopped = true;
      await loop;
      await client.close().catch(() => undefined);
    },
  };
}
