import { brokerErrors } from '../errors';
import type { Consumer } from './Consumer';
import { MinHeap } from './MinHeap';

export interface SessionEntry {
  id: string;
  /** Sequence numbers of this session's available messages (may hold stale entries, skipped on pop). */
  available: MinHeap;
  owner: Consumer | undefined;
  lockedUntil: number;
  state: Buffer | undefined;
  /** Sequence numbers delivered under the current session lock. */
  locked: Set<number>;
}

/** The sessions of one session-enabled entity: which consumer holds which session lock, and until when. */
export class SessionTable {
  readonly entries = new Map<string, SessionEntry>();

  constructor(private readonly lockDurationMs: number) {}

  get(id: string): SessionEntry | undefined {
    return this.entries.get(id);
  }

  getOrCreate(id: string): SessionEntry {
    let entry = this.entries.get(id);
    if (!entry) {
      entry = {
        id,
        available: new MinHeap(),
        owner: undefined,
        lockedUntil: 0,
        state: undefined,
        locked: new Set(),
      };
      this.entries.set(id, entry);
    }
    return entry;
  }

  isLocked(entry: SessionEntry, now: number): boolean {
    return entry.owner !== undefined && entry.lockedUntil > now;
  }

  /** Locks a named session for `consumer`, or throws SessionCannotBeLocked if another holds it. */
  lock(id: string, consumer: Consumer, now: number): SessionEntry {
    const entry = this.getOrCreate(id);
    if (this.isLocked(entry, now) && entry.owner !== consumer) throw brokerErrors.sessionCannotBeLocked(id);
    entry.owner = consumer;
    entry.lockedUntil = now + this.lockDurationMs;
    return entry;
  }

  /** The first unlocked session that has a deliverable message, in order of its oldest message. */
  findAvailable(now: number, hasDeliverable: (entry: SessionEntry) => boolean): SessionEntry | undefined {
    let best: SessionEntry | undefined;
    for (const entry of this.entries.values()) {
      if (this.isLocked(entry, now) || !hasDeliverable(entry)) continue;
      if (!best || (entry.available.peekKey() ?? Infinity) < (best.available.peekKey() ?? Infinity))
        best = entry;
    }
    return best;
  }

  /** Checks that the session lock is held (by `consumer` when given) and not expired. */
  assertHeld(id: string, now: number, consumer?: Consumer): SessionEntry {
    const entry = this.entries.get(id);
    if (!entry || !this.isLocked(entry, now) || (consumer !== undefined && entry.owner !== consumer)) {
      throw brokerErrors.sessionLockLost(id);
    }
    return entry;
  }

  renew(id: string, now: number, consumer?: Consumer): number {
    const entry = this.assertHeld(id, now, consumer);
    entry.lockedUntil = now + this.lockDurationMs;
    return entry.lockedUntil;
  }

  /** Drops sessions that hold nothing, so the table does not grow with every session id ever seen. */
  prune(id: string): void {
    const entry = this.entries.get(id);
    if (entry && !entry.owner && entry.available.size === 0 && entry.locked.size === 0 && !entry.state) {
      this.entries.delete(id);
    }
  }
}
