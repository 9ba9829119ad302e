import {
  dayDocId,
  shardOf,
  totalsDocId,
  utcDay,
  type AggregateDoc,
  type ProjectionDoc,
} from '../../shared/analytics/analyticsDocs';
import { addCounters, orderCounters } from '../../shared/analytics/counters';
import { projectionDoc } from '../../shared/analytics/projectionDoc';
import type { OrderIntegrationEvent, OrderSnapshot, OrderStatus } from '../../shared/events/orderEvent';

const SKUS = 200;
const HISTORY_DAYS = 60;
const DAY_MS = 86_400_000;

/** Deterministic pseudo-random numbers (mulberry32), so every run seeds the same history. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function statusFor(r: number): OrderStatus {
  // A shop's mix: most orders delivered, a tenth cancelled, a fifth still open.
  if (r < 0.6) return 'delivered';
  if (r < 0.7) return 'cancelled';
  if (r < 0.8) return 'shipped';
  if (r < 0.9) return 'confirmed';
  return 'pending';
}

/** The i-th order of the seeded history: created within the last 60 days, 1-3 lines from 200 products. */
export function seededOrder(i: number, now: number): OrderSnapshot {
  const r = rng(i + 1);
  const createdAt = new Date(now - Math.floor(r() * HISTORY_DAYS * DAY_MS)).toISOString();
  const lines = 1 + Math.floor(r() * 3);
  const items = Array.from({ length: lines }, (_, k) => ({
    sku: `SKU-${(Math.floor(r() * SKUS) + k) % SKUS}`,
    name: 'Seeded product',
    unitPrice: 100 + Math.floor(r() * 10_000),
    quantity: 1 + Math.floor(r() * 3),
  }));
  const subtotal = items.reduce((s, it) => s + it.unitPrice * it.quantity, 0);
  return {
    id: `seed-${i}`,
    customerId: `customer-${i % 5000}`,
    customerEmail: 'seed@orderflow.local',
    status: statusFor(r()),
    currency: 'EUR',
    items,
    pricing: {
      subtotal,
      discount: 0,
      tax: Math.round(subtotal * 0.19),
      shipping: 495,
      total: subtotal + Math.round(subtotal * 0.19) + 495,
    },
    createdAt,
    updatedAt: createdAt,
    version: 1,
  };
}

/** The projection document the analytics service holds for an order once every event is applied and pruned. */
export function projectionOf(order: OrderSnapshot, appliedAt: string): ProjectionDoc {
  return projectionDoc({ id: order.id, version: order.version, eventType: 'OrderCreated', order, appliedAt });
}

/** Adds an order's counters into its shard's totals and day aggregates, as applying its events did. */
export function accumulate(aggregates: Map<string, AggregateDoc>, order: OrderSnapshot): void {
  const shard = shardOf(order.id);
  const day = utcDay(order.createdAt);
  for (const [id, kind] of [
    [totalsDocId(shard), 'totals'],
    [dayDocId(day, shard), 'day'],
  ] as const) {
    const doc = aggregates.get(id) ?? {
      id,
      shard,
      kind,
      ...(kind === 'day' ? { date: day } : {}),
      counters: {},
    };
    addCounters(doc.counters, orderCounters(order));
    aggregates.set(id, doc);
  }
}

/** A new order's creation event, as the relay publishes it. */
export function createdEvent(orderId: string, now: Date): OrderIntegrationEvent {
  const order: OrderSnapshot = {
    ...seededOrder(Number.parseInt(orderId.replace(/\D/g, '').slice(0, 9) || '1', 10), now.getTime()),
    id: orderId,
    status: 'pending',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  return {
    schemaVersion: 1,
    id: `${orderId}:1`,
    type: 'OrderCreated',
    occurredAt: now.toISOString(),
    orderId,
    version: 1,
    order,
  };
}
