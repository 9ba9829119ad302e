import type { MessageQueue } from './MessageQueue';
import type { Topic } from './Topic';
import { MessageState } from './StoredMessage';

/**
 * What an entity holds, in one place for the administration API (`get*RuntimeProperties`) and the portal.
 * `active` counts every message that is neither scheduled nor deferred (locked ones included, as Azure does);
 * `locked` is the part of `active` currently locked by a receiver. Forwarding is synchronous here, so the
 * transfer counts are always 0.
 */
export interface RuntimeCounts {
  active: number;
  scheduled: number;
  deferred: number;
  locked: number;
  deadLetter: number;
  transfer: number;
  transferDeadLetter: number;
  /** Every message held, dead letters included. */
  total: number;
  /** Bytes held, dead letters included. */
  sizeInBytes: number;
}

export function storeRuntimeCounts(q: MessageQueue): RuntimeCounts {
  const c = q.counts();
  const deadLetter = q.deadLetterQueue?.messages.size ?? 0;
  return {
    active: c.active,
    scheduled: c.scheduled,
    deferred: c.deferred,
    locked: c.locked,
    deadLetter,
    transfer: 0,
    transferDeadLetter: 0,
    total: q.messages.size + deadLetter,
    sizeInBytes: q.sizeBytes + (q.deadLetterQueue?.sizeBytes ?? 0),
  };
}

/** A topic holds nothing itself: its scheduled messages are the distinct scheduled copies in its subscriptions. */
export function topicRuntimeCounts(topic: Topic): RuntimeCounts {
  const scheduled = new Set<number>();
  let sizeInBytes = 0;
  for (const sub of topic.subscriptions) {
    for (const m of sub.queue.messages.values()) if (m.state === MessageState.Scheduled) scheduled.add(m.seq);
    sizeInBytes += sub.queue.sizeBytes + (sub.queue.deadLetterQueue?.sizeBytes ?? 0);
  }
  return {
    active: 0,
    scheduled: scheduled.size,
    deferred: 0,
    locked: 0,
    deadLetter: 0,
    transfer: 0,
    transferDeadLetter: 0,
    total: 0,
    sizeInBytes,
  };
}
