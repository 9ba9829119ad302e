import type { Consumer } from './Consumer';
import type { MessageQueue } from './MessageQueue';
import type { MinHeap } from './MinHeap';
import { MessageState, type StoredMessage } from './StoredMessage';

/** Gives available messages to consumers with credit, round-robin, so competing consumers share the load. */
export function pumpQueue(q: MessageQueue): void {
  const now = q.ctx.now();
  let progress = true;
  while (progress) {
    progress = false;
    for (let n = 0; n < q.consumers.length; n++) {
      const c = q.consumers[(q.rr + n) % q.consumers.length]!;
      if (c.credit() <= 0) continue;
      const m = nextFor(q, c, now);
      if (!m) continue;
      handOver(q, c, m, now);
      progress = true;
    }
    q.rr = (q.rr + 1) % Math.max(1, q.consumers.length);
  }
}

function nextFor(q: MessageQueue, c: Consumer, now: number): StoredMessage | undefined {
  if (!q.sessions) return popAvailable(q, q.available, now);
  if (c.sessionId === undefined) return undefined;
  const entry = q.sessions.get(c.sessionId);
  if (!entry || entry.owner !== c || entry.lockedUntil <= now) return undefined;
  return popAvailable(q, entry.available, now);
}

/** Pops the next deliverable message, skipping stale heap entries and expiring what is past its TTL. */
export function popAvailable(q: MessageQueue, heap: MinHeap, now: number): StoredMessage | undefined {
  for (;;) {
    const seq = heap.pop();
    if (seq === undefined) return undefined;
    const m = q.messages.get(seq);
    if (!m || m.state !== MessageState.Active || m.lockToken !== undefined) continue;
    if (m.expiresAt <= now) {
      q.expire(m);
      continue;
    }
    return m;
  }
}

/** Whether a session has a message ready (drops stale heap tops on the way). */
export function hasDeliverable(q: MessageQueue, heap: MinHeap): boolean {
  for (;;) {
    const seq = heap.peekValue();
    if (seq === undefined) return false;
    const m = q.messages.get(seq);
    if (m && m.state === MessageState.Active && m.lockToken === undefined) return true;
    heap.pop();
  }
}

function handOver(q: MessageQueue, c: Consumer, m: StoredMessage, now: number): void {
  if (c.receiveAndDelete) {
    q.remove(m);
    c.deliver(m);
    return;
  }
  q.lock(m, now);
  c.deliver(m);
}
