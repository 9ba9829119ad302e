import type { Doc } from './vercelInternals';

/**
 * The latest-version change feed of one container: a logical sequence number (LSN) stamped on every
 * write, and the live documents ordered by it. `order` lists LSNs in increasing order (a write always takes
 * a larger LSN than any before it, so appending keeps it sorted); `byLsn` holds the live ones. Reading
 * "everything after LSN n" is a binary search plus a walk, so a consumer polling the tail costs O(log n)
 * however large the container. A rewritten or deleted document leaves its old LSN behind as a gap, skipped
 * on reading and compacted away when gaps outnumber live entries. Deletes are invisible, as in Cosmos DB's
 * latest-version mode.
 */
export class ContainerFeed {
  /** The last LSN handed out; 0 before the first write. */
  lsn = 0;
  private readonly byLsn = new Map<number, Doc>();
  private order: number[] = [];

  /** The next LSN, for a document about to be stored. */
  next(): number {
    this.lsn += 1;
    return this.lsn;
  }

  added(doc: Doc): void {
    const lsn = lsnOf(doc);
    if (lsn > this.lsn) this.lsn = lsn;
    const known = this.byLsn.has(lsn);
    this.byLsn.set(lsn, doc);
    if (known) return;
    const last = this.order.at(-1) ?? 0;
    this.order.push(lsn);
    // Only a restore can add out of order; sort once rather than on every read.
    if (lsn < last) this.order.sort((a, b) => a - b);
  }

  removed(doc: Doc): void {
    this.byLsn.delete(lsnOf(doc));
    if (this.order.length > 1024 && this.order.length > 2 * this.byLsn.size) {
      this.order = this.order.filter((at) => this.byLsn.has(at));
    }
  }

  *after(lsn: number): Generator<Doc> {
    for (let i = this.firstAfter(lsn); i < this.order.length; i += 1) {
      const doc = this.byLsn.get(this.order[i] as number);
      if (doc) yield doc;
    }
  }

  /** The LSNs of the live documents now, ascending: a snapshot walks them while writes go on. */
  liveLsns(): number[] {
    return this.order.filter((at) => this.byLsn.has(at));
  }

  /** The live document written at `lsn`, or undefined once it was rewritten or deleted. */
  at(lsn: number): Doc | undefined {
    return this.byLsn.get(lsn);
  }

  get size(): number {
    return this.byLsn.size;
  }

  private firstAfter(lsn: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.order[mid] as number) <= lsn) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export function lsnOf(doc: Doc): number {
  return typeof doc._lsn === 'number' ? doc._lsn : 0;
}

/**
 * Sets a stored document's LSN as a non-enumerable property: the feed and the journal read it, but it is
 * left out of every JSON answer (reads, queries, batch results), as Cosmos DB shows `_lsn` only in
 * change-feed pages. A client that round-trips a document never sees a field it did not write.
 */
export function stampLsn(doc: Doc, lsn: number): void {
  Object.defineProperty(doc, '_lsn', { value: lsn, enumerable: false, writable: true, configurable: true });
}

/** A copy of a stored document with its `_lsn` visible: for change-feed pages, the journal and snapshots. */
export function withLsn(doc: Doc): Doc {
  return { ...doc, _lsn: lsnOf(doc) };
}
