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
  /**
   * header.first-acquirer as the sender set it, echoed on every delivery as Azure does (the SDK's live test
   * amqpAnnotatedMessage.spec.ts sends false and expects false back); undefined: not set, not sent.
   */
  firstAcquirer?: boolean;
  /** Header TTL as sent; undefined = the entity default. */
  ttlMs: number | undefined;
  messageId: string | undefined;
  sessionId: string | undefined;
  enqueuedAt: number;
  /** Infinity = never. Computed when the message becomes active. */
  expiresAt: number;
  state: MessageState;
  /** The scheduled enqueue time it arrived with (schedule-message, or the annotation on a send); 0 = none. */
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

/**
 * The state Azure reports (x-opt-message-state): a message that arrived scheduled says `scheduled` on receive and
 * peek after it became active too; deferred stays deferred. A scheduled time already past on arrival counts as
 * scheduled as well (what Azure does then is not documented), so the answer does not depend on timing.
 */
export function reportedState(m: StoredMessage): MessageState {
  return m.state === MessageState.Active && m.scheduledAt > 0 ? MessageState.Scheduled : m.state;
}
