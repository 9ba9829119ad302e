import type { AggregateDoc } from '../../../shared/analytics/analyticsDocs';
import { computeDashboard, percentile } from '../../../shared/analytics/computeDashboard';
import { msOfDay } from '../../../shared/analytics/counters';

const now = new Date('2026-11-21T12:00:00.000Z');
const agg = (
  id: string,
  kind: 'day' | 'totals',
  counters: Record<string, number>,
  date?: string,
): AggregateDoc => ({
  id,
  kind,
  shard: 0,
  counters,
  ...(date ? { date } : {}),
});

describe('computeDashboard', () => {
  const totals = [
    agg('totals:s0', 'totals', {
      orders: 3,
      revenue: 3000,
      cancelled: 1,
      'status|pending': 1,
      'status|shipped': 1,
      'status|cancelled': 1,
    }),
    agg('totals:s1', 'totals', { orders: 1, revenue: 500, 'revenueCur|EUR': 500, 'status|delivered': 1 }),
  ];
  const days = [
    agg(
      'day:2026-11-21:s0',
      'day',
      {
        orders: 2,
        revenue: 2000,
        'skuQty|A': 3,
        'skuRev|A': 1500,
        'skuQty|B': 1,
        'skuRev|B': 500,
        // Two open orders created at 11:59 and 11:00.
        open: 2,
        openMs: msOfDay('2026-11-21T11:59:00.000Z') + msOfDay('2026-11-21T11:00:00.000Z'),
      },
      '2026-11-21',
    ),
    agg(
      'day:2026-11-21:s1',
      'day',
      { orders: 1, revenue: 500, 'skuQty|B': 2, 'skuRev|B': 500 },
      '2026-11-21',
    ),
    agg(
      'day:2026-10-30:s0',
      'day',
      { orders: 1, revenue: 1000, cancelled: 1, 'skuQty|C': 9, 'skuRev|C': 9000 },
      '2026-10-30',
    ),
  ];
  const snap = computeDashboard({
    totals,
    days,
    openMarks: { oldest: '2026-11-21T11:00:00.000Z', p90: '2026-11-21T11:00:00.000Z' },
    openOrdersRead: 2,
    now,
  });

  it('sums the totals shards into totals, statuses and the cancellation rate', () => {
    expect(snap.totals).toEqual({ orders: 4, revenue: 3500, open: 2, cancelled: 1 });
    expect(snap.ordersByStatus).toEqual({ pending: 1, confirmed: 0, shipped: 1, delivered: 1, cancelled: 1 });
    expect(snap.cancellationRate).toBe(0.25);
    expect(snap.revenueByCurrency).toEqual({ EUR: 500 });
    expect(snap.averageOrderValue).toBe(Math.round(3500 / 3));
  });

  it('lists 30 zero-filled days ending today, oldest first', () => {
    expect(snap.daily).toHaveLength(30);
    expect(snap.daily[0]!.date).toBe('2026-10-23');
    expect(snap.daily[29]).toEqual({ date: '2026-11-21', orders: 3, revenue: 2500, cancelled: 0 });
    expect(snap.daily.find((d) => d.date === '2026-10-30')).toEqual({
      date: '2026-10-30',
      orders: 1,
      revenue: 1000,
      cancelled: 1,
    });
  });

  it('ranks products by revenue within the window', () => {
    expect(snap.topProducts).toEqual([
      { sku: 'C', quantity: 9, revenue: 9000 },
      { sku: 'A', quantity: 3, revenue: 1500 },
      { sku: 'B', quantity: 3, revenue: 1000 },
    ]);
  });

  it('computes the open orders age from the day sums and the two marks', () => {
    expect(snap.openAge).toEqual({
      count: 2,
      averageSeconds: (60 + 3600) / 2,
      p90Seconds: 3600,
      oldestSeconds: 3600,
    });
    expect(snap.cost).toEqual({ aggregateDocs: 5, openOrders: 2 });
  });

  it('counts open orders of days before the window in the open age, not in the daily series', () => {
    const old = computeDashboard({
      totals: [],
      days: [agg('day:2026-01-01:s0', 'day', { orders: 1, open: 1, openMs: 0 }, '2026-01-01')],
      openMarks: { oldest: '2026-01-01T00:00:00.000Z', p90: '2026-01-01T00:00:00.000Z' },
      openOrdersRead: 1,
      now,
    });
    const age = (now.getTime() - Date.parse('2026-01-01T00:00:00.000Z')) / 1000;
    expect(old.openAge).toEqual({ count: 1, averageSeconds: age, p90Seconds: age, oldestSeconds: age });
    expect(old.daily.reduce((a, d) => a + d.orders, 0)).toBe(0);
  });

  it('ignores counters that went back to zero (a cancelled product, a currency with no revenue left)', () => {
    const zeroed = computeDashboard({
      totals: [agg('totals:s0', 'totals', { orders: 1, revenue: 0, 'revenueCur|EUR': 0, cancelled: 1 })],
      days: [agg('day:2026-11-21:s0', 'day', { orders: 1, 'skuQty|A': 0, 'skuRev|A': 0 }, '2026-11-21')],
      openMarks: {},
      openOrdersRead: 0,
      now,
    });
    expect(zeroed.topProducts).toEqual([]);
    expect(zeroed.revenueByCurrency).toEqual({});
  });

  it('leaves days outside the window out', () => {
    const old = computeDashboard({
      totals: [],
      days: [agg('day:2026-01-01:s0', 'day', { orders: 5 }, '2026-01-01')],
      openMarks: {},
      openOrdersRead: 0,
      now,
    });
    expect(old.daily.reduce((a, d) => a + d.orders, 0)).toBe(0);
    expect(old.openAge).toEqual({ count: 0, averageSeconds: 0, p90Seconds: 0, oldestSeconds: 0 });
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([], 90)).toBe(0);
  });
});
