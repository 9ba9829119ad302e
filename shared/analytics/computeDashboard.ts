import type { AggregateDoc } from './analyticsDocs';
import { sumCounters } from './counters';
import type { DashboardSnapshot } from './dashboardSnapshot';
import { openAge, openDays } from './openAge';
import { orderStatuses, type OrderStatus } from '../events/orderEvent';

export const DASHBOARD_DAYS = 30;
export const TOP_PRODUCTS = 10;

export interface DashboardInputs {
  totals: readonly AggregateDoc[];
  /** Day documents of the window and of every older day that still has open orders. */
  days: readonly AggregateDoc[];
  /** createdAt of the open orders that openAgeLookups named (the oldest, and the one at the p90 age). */
  openMarks: { oldest?: string; p90?: string };
  /** How many open order documents were read to find the marks. */
  openOrdersRead: number;
  now: Date;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? 0;
}

export function windowStart(now: Date): string {
  return new Date(now.getTime() - (DASHBOARD_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
}

/** Pure: the snapshot from the aggregate documents and the two open orders that mark the open-age spread. */
export function computeDashboard(input: DashboardInputs): DashboardSnapshot {
  const totals = sumCounters(input.totals.map((d) => d.counters));
  const get = (c: Record<string, number>, k: string): number => c[k] ?? 0;
  const ordersByStatus = Object.fromEntries(
    orderStatuses.map((s) => [s, get(totals, `status|${s}`)]),
  ) as Record<OrderStatus, number>;
  const orders = get(totals, 'orders');
  const cancelled = get(totals, 'cancelled');
  const revenue = get(totals, 'revenue');

  const byDay = new Map<string, AggregateDoc[]>();
  for (const d of input.days) if (d.date) byDay.set(d.date, [...(byDay.get(d.date) ?? []), d]);
  const daily: DashboardSnapshot['daily'] = [];
  const start = Date.parse(`${windowStart(input.now)}T00:00:00Z`);
  const inWindow: AggregateDoc[] = [];
  for (let i = 0; i < 30; i += 1) {
    const date = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    const docs = byDay.get(date) ?? [];
    inWindow.push(...docs);
    const c = sumCounters(docs.map((d) => d.counters));
    daily.push({
      date,
      orders: get(c, 'orders'),
      revenue: get(c, 'revenue'),
      cancelled: get(c, 'cancelled'),
    });
  }

  const windowCounters = sumCounters(inWindow.map((d) => d.counters));
  const topProducts = Object.entries(windowCounters)
    // Counters that went back to zero stay in the aggregate documents (a Patch `incr` cannot remove them).
    .filter(([k, v]) => k.startsWith('skuRev|') && v !== 0)
    .map(([k, v]) => {
      const sku = k.slice('skuRev|'.length);
      return { sku, quantity: get(windowCounters, `skuQty|${sku}`), revenue: v };
    })
    .sort((a, b) => b.revenue - a.revenue || b.quantity - a.quantity || a.sku.localeCompare(b.sku))
    .slice(0, TOP_PRODUCTS);

  return {
    id: 'current',
    generatedAt: input.now.toISOString(),
    totals: {
      orders,
      revenue,
      open: ordersByStatus.pending + ordersByStatus.confirmed + ordersByStatus.shipped,
      cancelled,
    },
    revenueByCurrency: Object.fromEntries(
      Object.entries(totals)
        .filter(([k, v]) => k.startsWith('revenueCur|') && v !== 0)
        .map(([k, v]) => [k.slice('revenueCur|'.length), v]),
    ),
    cancellationRate: orders === 0 ? 0 : cancelled / orders,
    averageOrderValue: orders - cancelled === 0 ? 0 : Math.round(revenue / (orders - cancelled)),
    ordersByStatus,
    daily,
    topProducts,
    openAge: openAge(openDays(input.days), input.openMarks, input.now),
    cost: { aggregateDocs: input.totals.length + input.days.length, openOrders: input.openOrdersRead },
  };
}
