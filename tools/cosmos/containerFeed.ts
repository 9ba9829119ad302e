import type { Doc } from './vercelInternals';

/**
 * The latest-version change feed of one container: a logical sequence number (LSN) stamped on every
 * write, and the live documents ordered by it. A JavaScript Map keeps insertion order, and a write always
 * takes a larger LSN than any before it, so re-inserting a rewritten document keeps the Map sorted: reading
 * "everything after LSN n" is a walk from the front. A deleted document leaves the feed, as in Cosmos DB's
 * latest-version mode (deletes are invisible).
 */
export class ContainerFeed {
  /** The last LSN handed out; 0 before the first write. */
  lsn = 0;
  private readonly byLsn = new Map<number, Doc>();
  private last = 0;

  /** The next LSN, for a document about to be stored. */
  next(): number {
    this.lsn += 1;
    return this.lsn;
  }

  added(doc: Doc): void {
    const lsn = lsnOf(doc);
    if (lsn > this.lsn) this.lsn = lsn;
    this.byLsn.set(lsn, doc);
    // Only a restore can add out of order; re-sort once rather than on every read.
    if (lsn < this.last) this.resort();
    else this.last = lsn;
  }

  removed(doc: Doc): void {
    this.byLsn.delete(lsnOf(doc));
  }

  *after(lsn: number): Generator<Doc> {
    for (const [at, doc] of this.byLsn) if (at > lsn) yield doc;
  }

  get size(): number {
    return this.byLsn.size;
  }

  private resort(): void {
    const sorted = [...this.byLsn.entries()].sort((a, b) => a[0] - b[0]);
    this.byLsn.clear();
    for (const [at, doc] of sorted) this.byLsn.set(at, doc);
    this.last = sorted.at(-1)?.[0] ?? 0;
  }
}

export function lsnOf(doc: Doc): number {
  return typeof doc._lsn === 'number' ? doc._lsn : 0;
}
