import { addCounters } from './counters';
import type { AggregateDoc, PendingOp } from './analyticsDocs';
import type { DocStore } from './docStore';
import { ConcurrencyExhaustedError } from './errors';

const MAX_ATTEMPTS = 50;

export interface AggregateOpInit {
  store: DocStore<AggregateDoc>;
  orderId: string;
  version: number;
  now: number;
  /** How long a done entry stays in `applied` (ms); must exceed the longest invocation. Default 10 minutes. */
  retentionMs?: number;
}

function prune(doc: AggregateDoc, now: number, retentionMs: number): void {
  for (const [k, e] of Object.entries(doc.applied))
    if (e.doneAt !== undefined && now - e.doneAt > retentionMs) delete doc.applied[k];
}

/**
 * Adds an op's delta once. Versions only grow per order, so an entry at or above `version` means this delta
 * (or a later one, which already includes it) is in: a retry, a redelivery or a slow concurrent worker
 * finishing the same intent all change nothing. Concurrent writers meet on the ETag and retry on 412.
 */
export async function applyAggregateOp(op: PendingOp, init: AggregateOpInit): Promise<void> {
  const retentionMs = init.retentionMs ?? 600_000;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const current = await init.store.read(op.docId);
    if (!current) {
      const doc: AggregateDoc = {
        id: op.docId,
        kind: op.kind,
        ...(op.date ? { date: op.date } : {}),
        shard: op.shard,
        counters: addCounters({}, op.delta),
        applied: { [init.orderId]: { v: init.version } },
      };
      if ((await init.store.create(doc)) !== 'exists') return;
      continue;
    }
    const doc = current.doc;
    doc.applied ??= {};
    const entry = doc.applied[init.orderId];
    if (entry && entry.v >= init.version) return;
    addCounters(doc.counters, op.delta);
    doc.applied[init.orderId] = { v: init.version };
    prune(doc, init.now, retentionMs);
    if ((await init.store.replace(doc, current.etag)) !== 'stale') return;
  }
  throw new ConcurrencyExhaustedError(`aggregate ${op.docId}: too many concurrent updates`);
}

/** Marks an order's entry done so it can be pruned later; idempotent, and harmless if it never runs. */
export async function markAggregateOpDone(op: PendingOp, init: AggregateOpInit): Promise<void> {
  const retentionMs = init.retentionMs ?? 600_000;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const current = await init.store.read(op.docId);
    const entry = current?.doc.applied?.[init.orderId];
    if (!current || !entry || entry.v !== init.version || entry.doneAt !== undefined) return;
    entry.doneAt = init.now;
    prune(current.doc, init.now, retentionMs);
    if ((await init.store.replace(current.doc, current.etag)) !== 'stale') return;
  }
  throw new ConcurrencyExhaustedError(`aggregate ${op.docId}: too many concurrent updates`);
}
