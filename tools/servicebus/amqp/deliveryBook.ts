import type { Session } from 'rhea';

/** rhea's per-session limit (`DEFAULT_BUFFER_SIZE` in rhea/lib/session.js); also the incoming window we advertise. */
export const SESSION_DELIVERY_LIMIT = 2048;

/** A delivery as rhea's session keeps it (fields rhea has at run time but leaves out of its typings). */
export interface BookedDelivery {
  id: number;
  settled: boolean;
  remote_settled: boolean;
  incomplete?: boolean;
  link: { is_remote_open(): boolean };
}

/**
 * Replaces rhea's per-session delivery ring (a CircularBuffer of 2,048 that rhea reclaims only from its head, and
 * only once *both* ends have settled). Left as it is, that ring stalls a link for good:
 *  - peekLock: the client settles second (AMQP rcv-settle-mode second) and forgets the delivery once we settle,
 *    with no frame back, so `remote_settled` never becomes true and nothing is ever reclaimed: delivery 2,049 waits
 *    forever (issue 11); management and $cbs replies the client settled first were likewise never reclaimed here
 *    (issue 18.1);
 *  - one delivery held unsettled for minutes (a long lock) pins every slot behind it.
 *
 * Invariant, per session and direction: a delivery is kept exactly while it can still change, that is until
 * either end has settled it (or its link is gone, so nobody can settle it any more) and its last frame has been
 * written; it is then forgotten wherever it sits. The capacity therefore counts only deliveries still open, and
 * one held delivery costs one slot, never the slots behind it. Forgetting happens in rhea's own reclaim step
 * (`pop_if`), which runs after pending transfers and dispositions of the same pass are written.
 *
 * It keeps rhea's interface (available, push, pop_if, by_id, get_head, get_tail) so rhea's session code runs
 * unchanged, and it is installed per session of this server only (the SDK in the same process keeps its own).
 */
export class DeliveryBook<D extends BookedDelivery> {
  readonly capacity: number;
  private readonly byId = new Map<number, D>();

  constructor(
    capacity: number,
    private readonly done: (d: D) => boolean,
  ) {
    this.capacity = capacity;
  }

  get size(): number {
    return this.byId.size;
  }

  available(): number {
    return Math.max(0, this.capacity - this.byId.size);
  }

  push(d: D): void {
    if (this.byId.size >= this.capacity) {
      // rhea's own wording, so its callers (and logs) read the same: the peer overran the window, or we sent
      // without checking sendable().
      throw new Error(`circular buffer overflow: size=${this.byId.size} capacity=${this.capacity}`);
    }
    this.byId.set(d.id, d);
  }

  /** rhea passes its head-only predicate; the book applies its own rule to every delivery it holds. */
  pop_if(): number {
    let n = 0;
    for (const [id, d] of this.byId) {
      if (this.done(d)) {
        this.byId.delete(id);
        n++;
      }
    }
    return n;
  }

  by_id(id: number): D | undefined {
    return this.byId.get(id);
  }

  get_head(): D | undefined {
    for (const d of this.byId.values()) return d;
    return undefined;
  }

  get_tail(): D | undefined {
    let last: D | undefined;
    for (const d of this.byId.values()) last = d;
    return last;
  }
}

interface SessionInternals {
  outgoing: { deliveries: unknown; next_pending_delivery: number };
  incoming: { deliveries: unknown };
}

/**
 * Installs a DeliveryBook on both directions of a session this server accepted (call on `session_open`, before any
 * transfer). Outgoing: done once its transfer is written and either end settled it or its link is gone.
 * Incoming: done once it is complete and either end settled it.
 */
export function reclaimSettledDeliveries(session: Session): void {
  const s = session as unknown as SessionInternals;
  const outgoing = s.outgoing;
  s.outgoing.deliveries = new DeliveryBook<BookedDelivery>(
    SESSION_DELIVERY_LIMIT,
    (d) =>
      d.id < outgoing.next_pending_delivery && (d.settled || d.remote_settled || !d.link.is_remote_open()),
  );
  s.incoming.deliveries = new DeliveryBook<BookedDelivery>(
    SESSION_DELIVERY_LIMIT,
    (d) => !d.incomplete && (d.settled || d.remote_settled || !d.link.is_remote_open()),
  );
}
