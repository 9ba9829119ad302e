import type { Counters } from './counters';
import type { OrderEventType, OrderStatus } from '../events/orderEvent';

/**
 * Logical partitions of the `projections` container. An order's projection and the aggregate documents it
 * adds to live in the order's shard, so one transactional batch (one partition) updates them together.
 * Changing this moves every existing order to another partition: see README "Analytics projection".
 */
export const AGGREGATE_SHARDS = 16;

/** Container `projections`, partition key `/shard`: the analytics service's own copy of one order. */
export interface ProjectionDoc {
  id: string;
  shard: number;
  kind: 'order';
  version: number;
  eventType: OrderEventType;
  status: OrderStatus;
  open: boolean;
  createdAt: string;
  day: string;
  total: number;
  currency: string;
  /** This order's contribution to the aggregates, as they hold it now. */
  counters: Counters;
  appliedAt: string;
}

/**
 * Container `projections`, same partition as its orders: the sums of the counters of the shard's orders,
 * for all time (`totals:s<n>`) or for orders created on one UTC day (`day:<yyyy-mm-dd>:s<n>`). Changed only
 * in the same transactional batch as the projection documents whose counters it sums, so it always equals
 * the sum of their `counters` (counters that return to zero stay as 0).
 */
export interface AggregateDoc {
  id: string;
  shard: number;
  kind: 'day' | 'totals';
  date?: string;
  counters: Counters;
}

export type AnalyticsDoc = ProjectionDoc | AggregateDoc;

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
