import type { AggregateDoc, AnalyticsDoc, ProjectionDoc } from '../../../shared/analytics/analyticsDocs';
import { counterPatches, MAX_PATCH_OPERATIONS } from '../../../shared/analytics/counterPatches';
import { MAX_BATCH_OPERATIONS } from '../../../shared/analytics/cosmosProjectionStore';
import type { Stored } from '../../../shared/analytics/docStore';
import type { BatchOutcome, ProjectionOp, ProjectionStore } from '../../../shared/analytics/projectionStore';
import { SimulatedCrash } from './memoryDocStore';

interface Entry {
  json: string;
  etag: string;
}

/** Lets other pending promises run, so concurrent callers interleave between a read and a batch. */
const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * An in-memory `projections` container with Cosmos DB's transactional batch semantics: operations run in
 * order on a copy and are committed all together or not at all (the failing operation's status, nothing
 * written); 409 on create of an existing id, 412 on a stale ETag, 404 on replace or patch of a missing
 * document; Patch `incr` adds missing keys. Ids are unique per shard, as per logical partition.
 *
 * Crash switch: after `crashAfterBatches` more batches the next one throws SimulatedCrash, either before it
 * reaches the store (`crashMode: 'lost'`) or after it committed (`'committed'`: the response was lost).
 */
export class MemoryProjectionStore implements ProjectionStore {
  private readonly docs = new Map<string, Entry>();
  private counter = 0;
  reads = 0;
  batches = 0;
  crashAfterBatches: number | undefined;
  crashMode: 'lost' | 'committed' = 'lost';

  private static key = (shard: number, id: string): string => `${shard}/${id}`;

  async read(id: string, shard: number): Promise<Stored<ProjectionDoc> | undefined> {
    this.reads += 1;
    await yieldTurn();
    const e = this.docs.get(MemoryProjectionStore.key(shard, id));
    return e ? { doc: JSON.parse(e.json) as ProjectionDoc, etag: e.etag } : undefined;
  }

  private crashNow(): boolean {
    if (this.crashAfterBatches === undefined) return false;
    if (this.crashAfterBatches > 0) {
      this.crashAfterBatches -= 1;
      return false;
    }
    this.crashAfterBatches = undefined;
    return true;
  }

  async batch(shard: number, ops: readonly ProjectionOp[]): Promise<BatchOutcome> {
    this.batches += 1;
    const operations = ops.reduce(
      (n, op) => n + (op.type === 'increment' ? counterPatches(op.counters).length : 1),
      0,
    );
    // The service rejects the whole request (400): the SDK throws, there is no per-operation status.
    if (operations > MAX_BATCH_OPERATIONS) throw new Error(`400: ${operations} operations in one batch`);
    await yieldTurn();
    const crash = this.crashNow();
    if (crash && this.crashMode === 'lost') throw new SimulatedCrash('crash before the batch');
    const staged = new Map<string, Entry>();
    const get = (id: string): Entry | undefined => {
      const k = MemoryProjectionStore.key(shard, id);
      return staged.get(k) ?? this.docs.get(k);
    };
    const put = (doc: AnalyticsDoc): void => {
      this.counter += 1;
      staged.set(MemoryProjectionStore.key(shard, doc.id), {
        json: JSON.stringify(doc),
        etag: `"${this.counter}"`,
      });
    };
    for (const [index, op] of ops.entries()) {
      const id = op.type === 'increment' ? op.id : op.doc.id;
      if (op.type !== 'increment' && op.doc.shard !== shard) return { ok: false, index, status: 400 };
      const existing = get(id);
      if (op.type === 'create') {
        if (existing) return { ok: false, index, status: 409 };
        put(op.doc);
      } else if (op.type === 'replace') {
        if (!existing) return { ok: false, index, status: 404 };
        if (existing.etag !== op.ifMatch) return { ok: false, index, status: 412 };
        put(op.doc);
      } else {
        if (counterPatches(op.counters).some((p) => p.length > MAX_PATCH_OPERATIONS))
          return { ok: false, index, status: 400 };
        if (!existing) return { ok: false, index, status: 404 };
        const doc = JSON.parse(existing.json) as AggregateDoc;
        for (const [k, v] of Object.entries(op.counters)) doc.counters[k] = (doc.counters[k] ?? 0) + v;
        put(doc);
      }
    }
    for (const [k, e] of staged) this.docs.set(k, e);
    if (crash) throw new SimulatedCrash('crash after the batch committed');
    return { ok: true };
  }

  query<R>(): Promise<R[]> {
    return Promise.reject(
      new Error('MemoryProjectionStore does not run SQL: cover queries against the offline Cosmos DB'),
    );
  }

  all(): AnalyticsDoc[] {
    return [...this.docs.values()].map((e) => JSON.parse(e.json) as AnalyticsDoc);
  }

  aggregates(kind: AggregateDoc['kind']): AggregateDoc[] {
    return this.all().filter((d): d is AggregateDoc => d.kind === kind);
  }

  projections(): ProjectionDoc[] {
    return this.all().filter((d): d is ProjectionDoc => d.kind === 'order');
  }
}
