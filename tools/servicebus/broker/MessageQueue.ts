import type { EntityProperties } from '../config/NamespaceConfig';
import { brokerErrors } from '../errors';
import type { Consumer } from './Consumer';
import type { EntityContext } from './EntityContext';
import { MinHeap } from './MinHeap';
import { SessionTable } from './SessionTable';
import { MessageState, messageSize, type StoredMessage } from './StoredMessage';
import { newLockToken } from '../amqp/lockToken';
import { withDeadLetterProperties } from './messageCopies';
import { countMessages, expiryOf, tickQueue, type MessageCounts } from './queueClock';
import { hasDeliverable, pumpQueue } from './dispatch';

/**
 * One message store with its delivery rules: a queue, a subscription, or either one's dead-letter queue.
 * Invariant: a message is in at most one of {available heap (unlocked, active), locks, deferred, scheduled}, so two
 * consumers can never hold the same message.
 */
export class MessageQueue {
  readonly key: string;
  readonly messages = new Map<number, StoredMessage>();
  readonly locks = new Map<string, StoredMessage>();
  readonly sessions: SessionTable | undefined;
  /** Sequence numbers of available messages (non-session entities). */
  readonly available = new MinHeap();
  /** Scheduled messages by due time, and expiring ones by expiry (entries go stale; checked on pop). */
  readonly scheduled = new MinHeap();
  readonly expiry = new MinHeap();
  readonly consumers: Consumer[] = [];
  private pumpQueued = false;
  private waitersQueued = false;
  /** Session receivers waiting for a session with messages; each returns true once it is settled. */
  readonly sessionWaiters = new Set<() => boolean>();
  /** Round-robin position among consumers. */
  rr = 0;
  sizeBytes = 0;
  lastSequence = 0;

  constructor(
    readonly path: string,
    readonly props: EntityProperties,
    readonly ctx: EntityContext,
    /** Undefined for a dead-letter queue itself. */
    readonly deadLetterQueue: MessageQueue | undefined,
  ) {
    this.key = path.toLowerCase();
    this.sessions = props.requiresSession ? new SessionTable(props.lockDurationMs) : undefined;
  }

  get isDeadLetterQueue(): boolean {
    return this.deadLetterQueue === undefined;
  }

  /** Throws QuotaExceeded when `bytes` more would pass maxSizeInMegabytes (the dead-letter queue counts too). */
  assertRoom(bytes: number): void {
    const used = this.sizeBytes + (this.deadLetterQueue?.sizeBytes ?? 0);
    if (used + bytes > this.props.maxSizeBytes) {
      throw brokerErrors.quotaExceeded(this.path, this.props.maxSizeBytes / 1024 / 1024);
    }
  }

  /** Takes a new message: active now (with its expiry) or scheduled for later. */
  accept(m: StoredMessage): void {
    const now = this.ctx.now();
    m.enqueuedAt = now;
    if (m.scheduledAt > now) {
      m.state = MessageState.Scheduled;
    } else {
      m.state = MessageState.Active;
      m.expiresAt = expiryOf(m, this.props, now);
    }
    this.add(m);
  }

  /** Stores a message (seq 0 = assign the next one) and journals it. */
  add(m: StoredMessage, journal = true): void {
    if (m.seq === 0) m.seq = ++this.lastSequence;
    else if (m.seq > this.lastSequence) this.lastSequence = m.seq;
    this.messages.set(m.seq, m);
    this.sizeBytes += messageSize(m);
    if (journal) this.ctx.journal.append({ type: 'put', entity: this.key, message: m });
    this.place(m);
  }

  /** Puts a stored message where its state says it belongs (also used when replaying the journal). */
  place(m: StoredMessage): void {
    if (m.state === MessageState.Scheduled) this.scheduled.push(m.scheduledAt, m.seq);
    else if (m.state === MessageState.Active) this.makeAvailable(m);
    if (m.expiresAt !== Infinity && m.state !== MessageState.Scheduled) this.expiry.push(m.expiresAt, m.seq);
  }

  private makeAvailable(m: StoredMessage): void {
    if (this.sessions && m.sessionId !== undefined) {
      this.sessions.getOrCreate(m.sessionId).available.push(m.seq, m.seq);
      this.notifySessionWaiters();
    } else this.available.push(m.seq, m.seq);
    this.schedulePump();
  }

  /** Offers newly available sessions to receivers waiting in acceptNextSession, oldest first. */
  private notifySessionWaiters(): void {
    if (this.sessionWaiters.size === 0 || this.waitersQueued) return;
    this.waitersQueued = true;
    queueMicrotask(() => {
      this.waitersQueued = false;
      for (const waiter of [...this.sessionWaiters]) if (!waiter()) break;
    });
  }

  /** Removes a message for good (completed, received and deleted, expired, moved). */
  remove(m: StoredMessage): void {
    if (!this.messages.delete(m.seq)) return;
    this.sizeBytes -= messageSize(m);
    if (m.lockToken) this.locks.delete(m.lockToken);
    if (this.sessions && m.sessionId !== undefined) {
      this.sessions.get(m.sessionId)?.locked.delete(m.seq);
      this.sessions.prune(m.sessionId);
    }
    this.ctx.journal.append({ type: 'delete', entity: this.key, seq: m.seq });
  }

  journalUpdate(m: StoredMessage): void {
    this.ctx.journal.append({
      type: 'update',
      entity: this.key,
      seq: m.seq,
      state: m.state,
      deliveryCount: m.deliveryCount,
      scheduledAt: m.scheduledAt,
      expiresAt: m.expiresAt,
    });
  }

  addConsumer(c: Consumer): void {
    this.consumers.push(c);
    this.schedulePump();
  }

  removeConsumer(c: Consumer): void {
    const i = this.consumers.indexOf(c);
    if (i >= 0) this.consumers.splice(i, 1);
    if (this.sessions && c.sessionId !== undefined) {
      const entry = this.sessions.get(c.sessionId);
      if (entry?.owner === c) this.releaseSession(c.sessionId);
    }
  }

  schedulePump(): void {
    if (this.pumpQueued || this.consumers.length === 0) return;
    this.pumpQueued = true;
    queueMicrotask(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  /** Gives available messages to consumers with credit, round-robin, so competing consumers share the load. */
  pump(): void {
    pumpQueue(this);
  }

  /** Whether a session has a message ready. */
  hasDeliverable(heap: MinHeap): boolean {
    return hasDeliverable(this, heap);
  }

  /** Locks a message for peekLock; a session message's lock is its session's lock. */
  lock(m: StoredMessage, now: number): void {
    m.lockToken = newLockToken();
    if (this.sessions && m.sessionId !== undefined) {
      const entry = this.sessions.getOrCreate(m.sessionId);
      entry.locked.add(m.seq);
      m.lockedUntil = entry.lockedUntil;
    } else {
      m.lockedUntil = now + this.props.lockDurationMs;
    }
    this.locks.set(m.lockToken, m);
  }

  /** Makes a message visible again after abandon or lock expiry, counting the attempt. */
  release(m: StoredMessage, countAttempt: boolean): void {
    if (m.lockToken) this.locks.delete(m.lockToken);
    m.lockToken = undefined;
    if (this.sessions && m.sessionId !== undefined) this.sessions.get(m.sessionId)?.locked.delete(m.seq);
    if (countAttempt) m.deliveryCount++;
    if (countAttempt && m.deliveryCount >= this.props.maxDeliveryCount && !this.isDeadLetterQueue) {
      this.deadLetter(
        m,
        'MaxDeliveryCountExceeded',
        `Message could not be consumed after ${this.props.maxDeliveryCount} delivery attempts.`,
      );
      return;
    }
    this.journalUpdate(m);
    if (m.state === MessageState.Active) this.makeAvailable(m);
  }

  releaseSession(sessionId: string): void {
    const entry = this.sessions?.get(sessionId);
    if (!entry) return;
    entry.owner = undefined;
    entry.lockedUntil = 0;
    for (const seq of [...entry.locked]) {
      const m = this.messages.get(seq);
      if (m) this.release(m, true);
    }
    entry.locked.clear();
    this.sessions!.prune(sessionId);
    this.notifySessionWaiters();
    this.schedulePump();
  }

  expire(m: StoredMessage): void {
    if (this.props.deadLetteringOnMessageExpiration && !this.isDeadLetterQueue) {
      this.deadLetter(m, 'TTLExpiredException', 'The message expired and was dead lettered.');
    } else {
      this.remove(m);
    }
  }

  /** Moves a message to the dead-letter queue (or forwardDeadLetteredMessagesTo), with Azure's reason properties. */
  deadLetter(m: StoredMessage, reason: string | undefined, description: string | undefined): void {
    this.remove(m);
    const copy = withDeadLetterProperties(m, reason, description);
    if (this.props.forwardDeadLetteredMessagesTo) {
      this.ctx.forward(this.props.forwardDeadLetteredMessagesTo, { ...copy, deadLetterSource: this.path });
    } else {
      this.deadLetterQueue?.add(copy);
    }
  }

  /** Periodic work: activate due scheduled messages, expire TTLs, release expired locks and session locks. */
  tick(now: number): void {
    tickQueue(this, now);
  }

  counts(): MessageCounts {
    return countMessages(this);
  }
}
