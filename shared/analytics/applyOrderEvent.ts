import { aggregateDeltas } from './aggregateDeltas';
import { shardOf, type ProjectionDoc } from './analyticsDocs';
import type { Stored } from './docStore';
import { BatchRejectedError, ConcurrencyExhaustedError } from './errors';
import { projectionDoc } from './projectionDoc';
import type { ProjectionOp, ProjectionStore } from './projectionStore';
import type { OrderIntegrationEvent } from '../events/orderEvent';
import { appMetrics } from '../telemetry/appMetrics';

export interface ProjectionServices {
  projections: ProjectionStore;
  now?: () => Date;
}

export type ApplyOutcome = 'applied' | 'stale';

const MAX_ATTEMPTS = 50;

/**
 * Applies one order event to the analytics projection in ONE transactional batch in the order's shard: the
 * projection document (created, or replaced on its ETag) and `incr` patches of the shard's totals and day
 * documents. The batch is atomic, so the aggregates always equal the sum of the projections' counters, and a
 * crash leaves nothing half done. The projection's version makes a duplicate or older event a no-op.
 *
 * Requests: OrderCreated 1 (the create is tried without a read); later events 2 (read, batch); plus one per
 * lost race and one the first time a shard meets a new day (its day document is created instead of patched).
 */
export async function applyOrderEvent(
  event: OrderIntegrationEvent,
  s: ProjectionServices,
): Promise<ApplyOutcome> {
  const shard = shardOf(event.orderId);
  const appliedAt = s.now?.() ?? new Date();
  const next = projectionDoc({
    id: event.orderId,
    version: event.version,
    eventType: event.type,
    order: event.order,
    appliedAt: appliedAt.toISOString(),
  });
  /** Aggregate documents found missing: created in the next attempt instead of patched. */
  const missing = new Set<string>();
  // A creation usually meets no projection yet: try the create first and save a read.
  let known = event.type === 'OrderCreated';
  let current: Stored<ProjectionDoc> | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    if (!known) {
      current = await s.projections.read(event.orderId, shard);
      known = true;
    }
    if (current && current.doc.version >= event.version) return 'stale';
    const ops: ProjectionOp[] = [
      current ? { type: 'replace', doc: next, ifMatch: current.etag } : { type: 'create', doc: next },
      ...aggregateDeltas(current?.doc, next).map((d): ProjectionOp =>
        missing.has(d.id)
          ? { type: 'create', doc: d }
          : { type: 'increment', id: d.id, counters: d.counters },
      ),
    ];
    const outcome = await s.projections.batch(shard, ops);
    if (outcome.ok) {
      appMetrics.projectionLag(event.type, event.occurredAt, appliedAt);
      return 'applied';
    }
    const op = ops[outcome.index];
    if (outcome.index === 0 && [409, 412, 404].includes(outcome.status)) {
      known = false; // someone else wrote this order's projection: read it and decide again
    } else if (op?.type === 'increment' && outcome.status === 404) {
      missing.add(op.id);
    } else if (op?.type === 'create' && outcome.status === 409) {
      missing.delete(op.doc.id); // a concurrent event created it first: patch it
    } else {
      throw new BatchRejectedError(
        `projection ${event.orderId}: batch operation ${outcome.index} (${op?.type ?? '?'}) failed with ${outcome.status}`,
      );
    }
  }
  throw new ConcurrencyExhaustedError(`projection ${event.orderId}: too many concurrent updates`);
}
