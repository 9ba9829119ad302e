import type { DocStore, Stored } from '../../../shared/analytics/docStore';

/** Thrown by a MemoryDocStore armed to crash: stands in for a process killed between two writes. */
export class SimulatedCrash extends Error {}

/**
 * An in-memory DocStore with Cosmos semantics for ETags (every write a new ETag; 409 and 412 as results)
 * and a crash switch: after `crashAfterWrites` more successful writes, the next write throws.
 */
export class MemoryDocStore<T extends { id: string }> implements DocStore<T> {
  readonly docs = new Map<string, { json: string; etag: string }>();
  private counter = 0;
  writes = 0;
  crashAfterWrites: number | undefined;

  private stamp(doc: T): Stored<T> {
    this.counter += 1;
    const etag = `"${this.counter}"`;
    const json = JSON.stringify(doc);
    this.docs.set(doc.id, { json, etag });
    this.writes += 1;
    return { doc: JSON.parse(json) as T, etag };
  }

  private maybeCrash(): void {
    if (this.crashAfterWrites === undefined) return;
    if (this.crashAfterWrites <= 0) {
      this.crashAfterWrites = undefined;
      throw new SimulatedCrash('crash');
    }
    this.crashAfterWrites -= 1;
  }

  read(id: string): Promise<Stored<T> | undefined> {
    const e = this.docs.get(id);
    return Promise.resolve(e ? { doc: JSON.parse(e.json) as T, etag: e.etag } : undefined);
  }

  create(doc: T): Promise<Stored<T> | 'exists'> {
    this.maybeCrash();
    if (this.docs.has(doc.id)) return Promise.resolve('exists');
    return Promise.resolve(this.stamp(doc));
  }

  replace(doc: T, etag: string): Promise<Stored<T> | 'stale'> {
    this.maybeCrash();
    const e = this.docs.get(doc.id);
    if (!e || e.etag !== etag) return Promise.resolve('stale');
    return Promise.resolve(this.stamp(doc));
  }

  query<R>(): Promise<R[]> {
    return Promise.reject(
      new Error('MemoryDocStore does not run SQL: cover queries against the offline Cosmos DB'),
    );
  }

  all(): T[] {
    return [...this.docs.values()].map((e) => JSON.parse(e.json) as T);
  }
}
