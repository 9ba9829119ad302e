import type { EntityProperties } from '../config/NamespaceConfig';
import type { MessageQueue } from './MessageQueue';
import { MessageState, type StoredMessage } from './StoredMessage';

export interface MessageCounts {
  active: number;
  scheduled: number;
  deferred: number;
  locked: number;
}

/** Periodic work of one store: activate due scheduled messages, expire TTLs, release expired (session) locks. */
export function tickQueue(q: MessageQueue, now: number): void {
  while ((q.scheduled.peekKey() ?? Infinity) <= now) {
    const m = q.messages.get(q.scheduled.pop()!);
    if (!m || m.state !== MessageState.Scheduled) continue;
    m.state = MessageState.Active;
    m.enqueuedAt = now;
    m.expiresAt = expiryOf(m, q.props, now);
    q.journalUpdate(m);
    q.place(m);
  }
  while ((q.expiry.peekKey() ?? Infinity) <= now) {
    const m = q.messages.get(q.expiry.pop()!);
    if (m && m.lockToken === undefined && m.state !== MessageState.Scheduled && m.expiresAt <= now)
      q.expire(m);
  }
  for (const m of q.locks.values()) {
    if (m.lockedUntil <= now && !(q.sessions && m.sessionId !== undefined)) q.release(m, true);
  }
  if (q.sessions) {
    for (const entry of q.sessions.entries.values()) {
      if (entry.owner && entry.lockedUntil <= now) {
        const owner = entry.owner;
        q.releaseSession(entry.id);
        owner.sessionLost(entry.id);
      }
    }
  }
}

export function countMessages(q: MessageQueue): MessageCounts {
  let scheduled = 0;
  let deferred = 0;
  for (const m of q.messages.values()) {
    if (m.state === MessageState.Scheduled) scheduled++;
    else if (m.state === MessageState.Deferred) deferred++;
  }
  return {
    active: q.messages.size - scheduled - deferred,
    scheduled,
    deferred,
    locked: q.locks.size,
  };
}

/** When an active message expires: its own TTL capped by the entity's defaultMessageTimeToLive. */
export function expiryOf(m: StoredMessage, props: EntityProperties, from: number): number {
  const ttl = Math.min(m.ttlMs ?? Infinity, props.defaultMessageTimeToLiveMs);
  return ttl === Infinity ? Infinity : from + ttl;
}
