export const MessageState = { Active: 0, Deferred: 1, Scheduled: 2 } as const;
export type MessageState = (typeof MessageState)[keyof typeof MessageState];

/**
 * A message held by an entity. The bare message (properties, application properties, body, footer) is kept as the
 * bytes the sender encoded, so memory stays close to the payload size and delivery is a buffer concatenation;
 * only header and annotations are rebuilt per delivery.
 */
export interface StoredMessage {
  seq: number;
  bare: Buffer;
  /** The sender's message annotations (partition key, scheduled time...), without broker-owned x-opt values. */
  annotations: Record<string, unknown> | undefined;
  durable: boolean;
  priority: number | undefined;
  /** Header TTL as sent; undefined = the entity default. */
  ttlMs: number | undefined;
  messageId: string | undefined;
  sessionId: string | undefined;
  enqueuedAt: number;
  /** Infinity = never. Computed when the message becomes active. */
  expiresAt: number;
  state: MessageState;
  scheduledAt: number;
  /** Earlier delivery attempts: the header delivery_count sent on the next delivery. */
  deliveryCount: number;
  lockToken: string | undefined;
  lockedUntil: number;
  /** Set on messages auto-forwarded out of a dead-letter queue. */
  deadLetterSource: string | undefined;
}

export function messageSize(m: StoredMessage): number {
  return m.bare.length + 64;
}
