import type { Doc } from './vercelInternals';

interface Entry {
  /** When the document expires, in ms since the epoch. */
  at: number;
  doc: Doc;
}

/**
 * When each document of a container expires, as a min-heap on the expiry time: finding what is due costs
 * O(log n) per expired document and O(1) when nothing is, so reads never scan the container. A document
 * rewritten since it was indexed leaves a stale entry behind; the sweeper skips it (the stored object is no
 * longer the indexed one), and the new version has its own entry.
 */
export class ExpiryIndex {
  private heap: Entry[] = [];

  /** Indexes `doc` if it expires under the container's `defaultTtl`. */
  track(doc: Doc, defaultTtl: unknown): void {
    const seconds = effectiveTtl(doc.ttl, defaultTtl);
    if (seconds === undefined) return;
    this.push({ at: (doc._ts + seconds) * 1000, doc });
  }

  /** Removes and returns the documents due at `now` (ms); some may be stale (rewritten or deleted since). */
  due(now: number): Doc[] {
    const out: Doc[] = [];
    while (this.heap.length > 0 && (this.heap[0] as Entry).at <= now) out.push(this.pop().doc);
    return out;
  }

  get size(): number {
    return this.heap.length;
  }

  private push(entry: Entry): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((h[parent] as Entry).at <= entry.at) break;
      h[i] = h[parent] as Entry;
      i = parent;
    }
    h[i] = entry;
  }

  private pop(): Entry {
    const h = this.heap;
    const top = h[0] as Entry;
    const last = h.pop() as Entry;
    if (h.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const child = r < h.length && (h[r] as Entry).at < (h[l] as Entry).at ? r : l;
      if ((h[child] as Entry).at >= last.at) break;
      h[i] = h[child] as Entry;
      i = child;
    }
    h[i] = last;
    return top;
  }
}

/**
 * Seconds a document lives after its last write, as Cosmos DB computes it: nothing expires unless the
 * container has a `defaultTtl`; then the item's own `ttl` wins (-1: never), else the default (-1: never).
 */
export function effectiveTtl(itemTtl: unknown, defaultTtl: unknown): number | undefined {
  if (typeof defaultTtl !== 'number') return undefined;
  const ttl = typeof itemTtl === 'number' ? itemTtl : defaultTtl;
  return ttl > 0 ? ttl : undefined;
}
