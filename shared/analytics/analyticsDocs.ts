import type { Counters } from './counters';
import type { OrderEventType, OrderStatus } from '../events/orderEvent';

/** Spreads hot aggregates over several documents so concurrent consumers rarely race on one ETag. */
export const AGGREGATE_SHARDS = 16;

/** One change to one aggregate document, written into the projection before it is applied (the intent). */
export interface PendingOp {
  docId: string;
  kind: 'day' | 'totals';
  date?: string;
  shard: number;
  delta: Counters;
}

/** Container `orderProjections`: the analytics service's own copy of one order. */
export interface ProjectionDoc {
  id: string;
  kind: 'order';
  version: number;
  eventType: OrderEventType;
  status: OrderStatus;
  open: boolean;
  createdAt: string;
  day: string;
  total: number;
  currency: string;
  counters: Counters;
  appliedAt: string;
  /** Set while the aggregate deltas of `version` are being applied; cleared once all are in. */
  pending?: { version: number; ops: PendingOp[] };
}

/**
 * Container `aggregates`: sums of order counters, for all time (`totals:s<n>`) or for orders created on one
 * UTC day (`day:<yyyy-mm-dd>:s<n>`). `applied` remembers, per order, the last version whose delta is in
 * `counters`, so re-applying an intent is a no-op; entries are dropped a while after they are done.
 */
export interface AggregateDoc {
  id: string;
  kind: 'day' | 'totals';
  date?: string;
  shard: number;
  counters: Counters;
  applied: Record<string, { v: number; doneAt?: number }>;
}

export const OPEN_STATUSES: readonly OrderStatus[] = ['pending', 'confirmed', 'shipped'];

export function shardOf(orderId: string): number {
  // FNV-1a: stable across processes and platforms, unlike anything keyed on object identity.
  let h = 0x811c9dc5;
  for (let i = 0; i < orderId.length; i += 1) {
    h ^= orderId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % AGGREGATE_SHARDS;
}

export const totalsDocId = (shard: number): string => `totals:s${shard}`;
export const dayDocId = (date: string, shard: number): string => `day:${date}:s${shard}`;
export const utcDay = (iso: string): string => new Date(iso).toISOString().slice(0, 10);
