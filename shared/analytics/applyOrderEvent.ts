import { applyAggregateOp, markAggregateOpDone } from './applyAggregateOp';
import {
  dayDocId,
  OPEN_STATUSES,
  shardOf,
  totalsDocId,
  utcDay,
  type AggregateDoc,
  type PendingOp,
  type ProjectionDoc,
} from './analyticsDocs';
import { diffCounters, orderCounters } from './counters';
import type { DocStore, Stored } from './docStore';
import { ConcurrencyExhaustedError } from './errors';
import type { OrderIntegrationEvent } from '../events/orderEvent';

export interface ProjectionStores {
  projections: DocStore<ProjectionDoc>;
  aggregates: DocStore<AggregateDoc>;
  now?: () => Date;
  retentionMs?: number;
}

export type ApplyOutcome = 'applied' | 'stale';

const MAX_ATTEMPTS = 50;

function opsFor(orderId: string, previous: ProjectionDoc | undefined, next: ProjectionDoc): PendingOp[] {
  const shard = shardOf(orderId);
  const ops: PendingOp[] = [];
  const totals = diffCounters(previous?.counters, next.counters);
  if (Object.keys(totals).length > 0)
    ops.push({ docId: totalsDocId(shard), kind: 'totals', shard, delta: totals });
  // createdAt never changes in practice; if it did, the order moves between day documents.
  if (previous && previous.day !== next.day) {
    ops.push({
      docId: dayDocId(previous.day, shard),
      kind: 'day',
      date: previous.day,
      shard,
      delta: diffCounters(previous.counters, {}),
    });
    ops.push({
      docId: dayDocId(next.day, shard),
      kind: 'day',
      date: next.day,
      shard,
      delta: diffCounters(undefined, next.counters),
    });
  } else if (Object.keys(totals).length > 0) {
    ops.push({ docId: dayDocId(next.day, shard), kind: 'day', date: next.day, shard, delta: totals });
  }
  return ops;
}

/**
 * Finishes a projection's intent: applies each aggregate op (idempotently), clears `pending` with the ETag,
 * then marks the ops done. Any worker may finish any intent; the result is the same.
 */
async function finishPending(stored: Stored<ProjectionDoc>, s: ProjectionStores): Promise<void> {
  const pending = stored.doc.pending;
  if (!pending) return;
  const init = {
    store: s.aggregates,
    orderId: stored.doc.id,
    version: pending.version,
    now: (s.now?.() ?? new Date()).getTime(),
    ...(s.retentionMs !== undefined ? { retentionMs: s.retentionMs } : {}),
  };
  await Promise.all(pending.ops.map((op) => applyAggregateOp(op, init)));
  let current: Stored<ProjectionDoc> | undefined = stored;
  for (let attempt = 0; current?.doc.pending?.version === pending.version; attempt += 1) {
    if (attempt >= MAX_ATTEMPTS)
      throw new ConcurrencyExhaustedError(`projection ${stored.doc.id}: pending not cleared`);
    const { pending: _done, ...rest } = current.doc;
    if ((await s.projections.replace(rest, current.etag)) !== 'stale') break;
    current = await s.projections.read(stored.doc.id);
  }
  await Promise.all(pending.ops.map((op) => markAggregateOpDone(op, init)));
}

/**
 * Applies one order event to the projection. One document per order holds the last applied version; an
 * event at or below it is a no-op, so duplicates and out-of-order delivery change nothing. Shared
 * aggregates are changed through an intent recorded in the order's document first (`pending`), so a crash
 * at any point is finished by the next delivery without counting anything twice.
 */
export async function applyOrderEvent(
  event: OrderIntegrationEvent,
  s: ProjectionStores,
): Promise<ApplyOutcome> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    // A creation usually meets no projection yet: try the create first and save a read.
    const current =
      attempt === 0 && event.type === 'OrderCreated' ? undefined : await s.projections.read(event.orderId);
    if (current?.doc.pending) {
      await finishPending(current, s);
      continue;
    }
    if (current && current.doc.version >= event.version) return 'stale';
    const { order } = event;
    const next: ProjectionDoc = {
      id: event.orderId,
      kind: 'order',
      version: event.version,
      eventType: event.type,
      status: order.status,
      open: OPEN_STATUSES.includes(order.status),
      createdAt: order.createdAt,
      day: utcDay(order.createdAt),
      total: order.pricing.total,
      currency: order.currency,
      counters: orderCounters(order),
      appliedAt: (s.now?.() ?? new Date()).toISOString(),
    };
    const ops = opsFor(event.orderId, current?.doc, next);
    if (ops.length > 0) next.pending = { version: event.version, ops };
    const written = current
      ? await s.projections.replace(next, current.etag)
      : await s.projections.create(next);
    if (written === 'stale' || written === 'exists') continue;
    await finishPending(written, s);
    return 'applied';
  }
  throw new ConcurrencyExhaustedError(`projection ${event.orderId}: too many concurrent updates`);
}
