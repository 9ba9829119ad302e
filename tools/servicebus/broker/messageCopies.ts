import { mergeApplicationProperties } from '../amqp/applicationProperties';
import { MessageState, type StoredMessage } from './StoredMessage';

/** The bare message of `m` with application properties merged in (the rest keeps the sender's bytes and types). */
export function withApplicationProperties(m: StoredMessage, changes: Record<string, unknown>): Buffer {
  return mergeApplicationProperties(m.bare, changes);
}

/**
 * The dead-letter copy: Azure puts the reason and description in the application properties `DeadLetterReason`
 * and `DeadLetterErrorDescription`, which is where the SDK reads them from.
 */
export function withDeadLetterProperties(
  m: StoredMessage,
  reason: string | undefined,
  description: string | undefined,
): StoredMessage {
  const changes: Record<string, unknown> = {};
  if (reason !== undefined) changes.DeadLetterReason = reason;
  if (description !== undefined) changes.DeadLetterErrorDescription = description;
  return {
    ...m,
    bare: Object.keys(changes).length ? withApplicationProperties(m, changes) : m.bare,
    state: MessageState.Active,
    lockToken: undefined,
    lockedUntil: 0,
    // A dead-lettered message no longer expires (Azure does not expire the dead-letter queue).
    expiresAt: Infinity,
  };
}

/** A fresh copy for another entity (forwarding, topic fan-out): new sequence number, no lock, no attempts. */
export function forwardedCopy(m: StoredMessage, now: number): StoredMessage {
  return {
    ...m,
    seq: 0,
    enqueuedAt: now,
    deliveryCount: 0,
    lockToken: undefined,
    lockedUntil: 0,
    state: MessageState.Active,
  };
}
