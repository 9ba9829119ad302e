import {
  ServiceBusClient,
  type ServiceBusReceivedMessage,
  type ServiceBusReceiver,
  type ServiceBusMessage,
} from '@azure/service-bus';
import Long from 'long';
import { portalErrors } from './errors';

/** `queue` or `topic/Subscriptions/sub`, as the broker's visibility endpoint names entities. */
export type EntityPath = string;
export type SubQueue = 'active' | 'deadletter';

/** One peeked message, as the page shows it. */
export interface PeekedMessage {
  sequenceNumber: string;
  messageId: string | undefined;
  state: string;
  body: unknown;
  subject: string | undefined;
  contentType: string | undefined;
  correlationId: string | undefined;
  deliveryCount: number | undefined;
  enqueuedTimeUtc: string | undefined;
  scheduledEnqueueTimeUtc: string | undefined;
  deadLetterReason: string | undefined;
  deadLetterErrorDescription: string | undefined;
  deadLetterSource: string | undefined;
  applicationProperties: Record<string, unknown>;
}

const BROKER_PROPERTIES = new Set(['DeadLetterReason', 'DeadLetterErrorDescription']);
// Receive loops stop at this many messages per action, so one click can never spin forever.
const MAX_PER_ACTION = 10_000;

function split(path: EntityPath): { entity: string; subscription?: string } {
  const m = /^([^/]+)\/Subscriptions\/([^/]+)$/i.exec(path);
  if (m) return { entity: m[1]!, subscription: m[2]! };
  if (!path || path.includes('/')) throw portalErrors.badRequest(`not a queue or subscription: ${path}`);
  return { entity: path };
}

const describe = (m: ServiceBusReceivedMessage): PeekedMessage => ({
  sequenceNumber: m.sequenceNumber?.toString() ?? '',
  messageId: m.messageId === undefined ? undefined : String(m.messageId),
  state: m.state,
  body: Buffer.isBuffer(m.body) ? m.body.toString('utf8') : (m.body as unknown),
  subject: m.subject,
  contentType: m.contentType,
  correlationId: m.correlationId === undefined ? undefined : String(m.correlationId),
  deliveryCount: m.deliveryCount,
  enqueuedTimeUtc: m.enqueuedTimeUtc?.toISOString(),
  scheduledEnqueueTimeUtc: m.scheduledEnqueueTimeUtc?.toISOString(),
  deadLetterReason: m.deadLetterReason,
  deadLetterErrorDescription: m.deadLetterErrorDescription,
  deadLetterSource: m.deadLetterSource,
  applicationProperties: { ...(m.applicationProperties ?? {}) },
});

/** Peek, resend, delete, purge and cancel through the official SDK, as an operator would from Azure's explorer. */
export class ServiceBusExplorer {
  readonly #client: ServiceBusClient;

  constructor(connectionString: string) {
    this.#client = new ServiceBusClient(connectionString);
  }

  #receiver(path: EntityPath, sub: SubQueue, mode: 'peekLock' | 'receiveAndDelete' = 'peekLock') {
    const { entity, subscription } = split(path);
    const options = {
      receiveMode: mode,
      ...(sub === 'deadletter' ? { subQueueType: 'deadLetter' as const } : {}),
    };
    return subscription
      ? this.#client.createReceiver(entity, subscription, options)
      : this.#client.createReceiver(entity, options);
  }

  /** Peeks up to `count` messages (all states: active, scheduled, deferred) from `fromSequence` on. */
  async peek(
    path: EntityPath,
    sub: SubQueue,
    count: number,
    fromSequence?: number,
  ): Promise<PeekedMessage[]> {
    const receiver = this.#receiver(path, sub);
    try {
      // Always from an explicit sequence number: the SDK keeps the last peeked number per entity on the
      // connection (shared by every receiver of it), so a second peek without one continues past the end.
      const peeked = await receiver.peekMessages(Math.max(1, Math.min(count, 500)), {
        fromSequenceNumber: Long.fromNumber(Math.max(1, fromSequence ?? 1)),
      });
      return peeked.map(describe);
    } finally {
      await receiver.close();
    }
  }

  /**
   * Receives from `sub` and settles the messages `pick` selects (every one when it selects all); the rest are
   * abandoned. Bounded by MAX_PER_ACTION and ends at the first empty receive.
   */
  async #settle(
    path: EntityPath,
    sub: SubQueue,
    wanted: Set<string> | 'all',
    onEach: (m: ServiceBusReceivedMessage, r: ServiceBusReceiver) => Promise<void>,
  ): Promise<number> {
    const receiver = this.#receiver(path, sub);
    let done = 0;
    const skipped: ServiceBusReceivedMessage[] = [];
    try {
      for (let seen = 0; seen < MAX_PER_ACTION;) {
        const batch = await receiver.receiveMessages(100, { maxWaitTimeInMs: 1000 });
        if (batch.length === 0) break;
        seen += batch.length;
        for (const m of batch) {
          if (wanted === 'all' || wanted.has(m.sequenceNumber?.toString() ?? '')) {
            await onEach(m, receiver);
            done += 1;
          } else skipped.push(m);
        }
        if (wanted !== 'all' && done === wanted.size) break;
      }
    } finally {
      // Held until the end so a skipped message is not received again in the same loop.
      await Promise.allSettled(skipped.map((m) => receiver.abandonMessage(m)));
      await receiver.close();
    }
    return done;
  }

  /** Deletes (receives and completes) the chosen messages, or every one, of a sub-queue. */
  delete(path: EntityPath, sub: SubQueue, sequenceNumbers: string[] | 'all'): Promise<number> {
    const wanted = sequenceNumbers === 'all' ? 'all' : new Set(sequenceNumbers);
    return this.#settle(path, sub, wanted, (m, r) => r.completeMessage(m));
  }

  /**
   * Sends dead letters back to their entity (a subscription's to its topic) under a new message id, as the app's
   * replay does, then completes them. The id is derived from the dead letter's sequence number, so a retried
   * resend of the same message is dropped by duplicate detection rather than delivered twice.
   */
  async resend(path: EntityPath, sequenceNumbers: string[] | 'all'): Promise<string[]> {
    const { entity } = split(path);
    const sender = this.#client.createSender(entity);
    const ids: string[] = [];
    try {
      const wanted = sequenceNumbers === 'all' ? 'all' : new Set(sequenceNumbers);
      await this.#settle(path, 'deadletter', wanted, async (m, r) => {
        const messageId = `${String(m.messageId ?? 'message')}:resend-${m.sequenceNumber?.toString() ?? ''}`;
        const properties = Object.fromEntries(
          Object.entries(m.applicationProperties ?? {}).filter(([k]) => !BROKER_PROPERTIES.has(k)),
        );
        const copy: ServiceBusMessage = {
          body: m.body as unknown,
          messageId,
          ...(m.subject ? { subject: m.subject } : {}),
          ...(m.contentType ? { contentType: m.contentType } : {}),
          ...(m.correlationId !== undefined ? { correlationId: m.correlationId } : {}),
          ...(m.sessionId ? { sessionId: m.sessionId } : {}),
          applicationProperties: { ...properties, replayOf: String(m.messageId ?? '') },
        };
        await sender.sendMessages(copy);
        await r.completeMessage(m);
        ids.push(messageId);
      });
    } finally {
      await sender.close();
    }
    return ids;
  }

  /** Cancels scheduled messages by sequence number (a subscription's through its topic, where they wait). */
  async cancelScheduled(path: EntityPath, sequenceNumbers: string[]): Promise<void> {
    const sender = this.#client.createSender(split(path).entity);
    try {
      await sender.cancelScheduledMessages(sequenceNumbers.map((s) => Long.fromString(s)));
    } finally {
      await sender.close();
    }
  }

  close(): Promise<void> {
    return this.#client.close();
  }
}
