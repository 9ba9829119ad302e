import { brokerErrors } from '../errors';
import type { Consumer } from './Consumer';
import type { MessageQueue } from './MessageQueue';
import { withApplicationProperties } from './messageCopies';
import { MessageState, type StoredMessage } from './StoredMessage';

/**
 * Settlement by lock token, shared by receiver links and the management link. `consumer` is the link settling,
 * when known: a session message may only be settled under its session's live lock.
 */
export function lockedMessage(
  q: MessageQueue,
  token: string,
  consumer?: Consumer,
  sessionId?: string,
): StoredMessage {
  const now = q.ctx.now();
  const m = q.locks.get(token);
  if (q.sessions && (m?.sessionId ?? sessionId) !== undefined) {
    q.sessions.assertHeld((m?.sessionId ?? sessionId)!, now, consumer);
  }
  if (!m) throw brokerErrors.messageLockLost();
  if (!(q.sessions && m.sessionId !== undefined) && m.lockedUntil <= now) {
    q.release(m, true);
    throw brokerErrors.messageLockLost();
  }
  return m;
}

function modify(q: MessageQueue, m: StoredMessage, props: Record<string, unknown> | undefined): void {
  if (!props || Object.keys(props).length === 0) return;
  q.sizeBytes -= m.bare.length;
  m.bare = withApplicationProperties(m, props);
  q.sizeBytes += m.bare.length;
  q.ctx.journal.append({ type: 'put', entity: q.key, message: m });
}

export function complete(q: MessageQueue, token: string, consumer?: Consumer, sessionId?: string): void {
  q.remove(lockedMessage(q, token, consumer, sessionId));
}

export function abandon(
  q: MessageQueue,
  token: string,
  props?: Record<string, unknown>,
  consumer?: Consumer,
  sessionId?: string,
): void {
  const m = lockedMessage(q, token, consumer, sessionId);
  modify(q, m, props);
  // A dead-letter queue counts no attempts: its messages come back as they were (the SDK's own tests expect
  // deliveryCount 0 after abandoning a dead-lettered message).
  q.release(m, !q.isDeadLetterQueue);
}

/**
 * The `released` outcome: the client gives the message back without having tried it (AMQP 1.0 §3.4.4: "the
 * delivery-count of the header of the released message MUST NOT be incremented"). Azure.Messaging.ServiceBus
 * releases every message that reaches a prefetch-0 receiver after its receive call returned (ReleaseMessage in
 * Microsoft.Azure.Amqp), so counting these would dead-letter messages nobody ever saw (MaxDeliveryCountExceeded).
 * Abandon arrives as `modified` and counts, as in Azure.
 */
export function releaseUnattempted(q: MessageQueue, token: string, consumer?: Consumer): void {
  q.release(lockedMessage(q, token, consumer), false);
}

export function defer(
  q: MessageQueue,
  token: string,
  props?: Record<string, unknown>,
  consumer?: Consumer,
  sessionId?: string,
): void {
  const m = lockedMessage(q, token, consumer, sessionId);
  modify(q, m, props);
  m.state = MessageState.Deferred;
  // Deferring is a delivery attempt, as in Azure (the SDK's tests: received with 0, deferred, received back by
  // sequence number with 1), but it never dead-letters: the message is only delivered again when asked for.
  m.deliveryCount++;
  q.release(m, false);
}

export function deadLetterLocked(
  q: MessageQueue,
  token: string,
  reason: string | undefined,
  description: string | undefined,
  props?: Record<string, unknown>,
  consumer?: Consumer,
  sessionId?: string,
): void {
  const m = lockedMessage(q, token, consumer, sessionId);
  // As in Azure: a dead-letter queue has no dead-letter queue of its own. The request fails and the message is
  // unlocked at once with its count unchanged (the SDK's tests receive it again straight away, count 0).
  if (q.isDeadLetterQueue) {
    q.release(m, false);
    throw brokerErrors.notAllowed(
      `'${q.path}' is a dead-letter queue: complete or abandon its messages instead.`,
    );
  }
  modify(q, m, props);
  q.deadLetter(m, reason, description);
}

export function renewLock(q: MessageQueue, token: string): number {
  const m = lockedMessage(q, token);
  if (q.sessions && m.sessionId !== undefined) return m.lockedUntil;
  m.lockedUntil = q.ctx.now() + q.props.lockDurationMs;
  return m.lockedUntil;
}

/** Messages from `from` on, in sequence order, in any state (locked, deferred and scheduled included). */
export function peek(q: MessageQueue, from: number, count: number, sessionId?: string): StoredMessage[] {
  const picked: StoredMessage[] = [];
  const start = Math.max(1, Math.ceil(from));
  const span = q.lastSequence - start + 1;
  // Walk sequence numbers when the range is not much sparser than the store (the common case: a peek cursor
  // near the live messages), so a peek costs O(count + gaps), not a sort of the whole store per request.
  if (span <= 4 * q.messages.size + count) {
    for (let seq = start; seq <= q.lastSequence && picked.length < count; seq++) {
      const m = q.messages.get(seq);
      if (m && (sessionId === undefined || m.sessionId === sessionId)) picked.push(m);
    }
    return picked;
  }
  for (const m of q.messages.values()) {
    if (m.seq >= start && (sessionId === undefined || m.sessionId === sessionId)) picked.push(m);
  }
  picked.sort((a, b) => a.seq - b.seq);
  return picked.slice(0, count);
}

/** Receives deferred messages by sequence number; all must exist and be deferred, or nothing is received. */
export function receiveDeferred(
  q: MessageQueue,
  seqs: number[],
  receiveAndDelete: boolean,
  sessionId?: string,
): StoredMessage[] {
  const now = q.ctx.now();
  const found = seqs.map((seq) => {
    const m = q.messages.get(seq);
    if (
      !m ||
      m.state !== MessageState.Deferred ||
      m.lockToken !== undefined ||
      (q.sessions && m.sessionId !== sessionId)
    ) {
      throw brokerErrors.messageNotFound(`Sequence number ${seq} is not a deferred message of '${q.path}'.`);
    }
    return m;
  });
  if (q.sessions && sessionId !== undefined) q.sessions.assertHeld(sessionId, now);
  for (const m of found) {
    if (receiveAndDelete) q.remove(m);
    else q.lock(m, now);
  }
  return found;
}

export function cancelScheduled(q: MessageQueue, seqs: number[]): void {
  const found = seqs.map((seq) => {
    const m = q.messages.get(seq);
    if (!m || m.state !== MessageState.Scheduled) {
      throw brokerErrors.messageNotFound(`Sequence number ${seq} is not a scheduled message of '${q.path}'.`);
    }
    return m;
  });
  for (const m of found) q.remove(m);
}

/**
 * `batch-delete-messages` (deleteMessages / purgeMessages in newer SDKs): removes up to `count` messages enqueued
 * before `before`, oldest first. Locked and scheduled messages are skipped (a lock holder must still be able to
 * settle; a scheduled message is not yet in the entity).
 */
export function batchDelete(q: MessageQueue, count: number, before: number, sessionId?: string): number {
  const victims: StoredMessage[] = [];
  for (const m of peek(q, 1, Number.MAX_SAFE_INTEGER, sessionId)) {
    if (victims.length >= count) break;
    if (m.lockToken === undefined && m.state !== MessageState.Scheduled && m.enqueuedAt < before)
      victims.push(m);
  }
  for (const m of victims) q.remove(m);
  return victims.length;
}
