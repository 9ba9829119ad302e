import type { z } from 'zod';
import type { AggregateDoc } from '../../../shared/analytics/analyticsDocs';
import { computeDashboard } from '../../../shared/analytics/computeDashboard';
import type { DashboardSnapshot } from '../../../shared/analytics/dashboardSnapshot';
import { dashboardSnapshotSchema } from '../../../shared/analytics/dashboardSnapshotSchema';

// Compile-time: the documented shape and the TypeScript contract are the same type, both ways.
type Schema = z.infer<typeof dashboardSnapshotSchema>;
const toInterface = (s: Schema): DashboardSnapshot => s;
const toSchema = (s: DashboardSnapshot): Schema => s;
void toInterface;
void toSchema;

const now = new Date('2026-11-21T12:00:00.000Z');
const agg = (id: string, counters: Record<string, number>, date?: string): AggregateDoc => ({
  id,
  kind: date ? 'day' : 'totals',
  shard: 0,
  counters,
  ...(date ? { date } : {}),
});

const busy = computeDashboard({
  totals: [
    agg('totals:s0', {
      orders: 4,
      revenue: 3500,
      cancelled: 1,
      'revenueCur|EUR': 2500,
      'revenueCur|USD': 1000,
      'status|pending': 1,
      'status|confirmed': 1,
      'status|delivered': 1,
      'status|cancelled': 1,
    }),
  ],
  days: [
    agg(
      'day:2026-11-21:s0',
      { orders: 2, revenue: 2500, 'skuQty|A': 3, 'skuRev|A': 1500, open: 1, openMs: 39_600_000 },
      '2026-11-21',
    ),
    agg(
      'day:2026-11-01:s0',
      { orders: 2, revenue: 1000, cancelled: 1, 'skuQty|B': 1, 'skuRev|B': 1000 },
      '2026-11-01',
    ),
    agg('day:2026-11-20:s0', { orders: 1, revenue: 0, open: 1, openMs: 43_200_000 }, '2026-11-20'),
  ],
  openMarks: { oldest: '2026-11-20T12:00:00.000Z', p90: '2026-11-20T12:00:00.000Z' },
  openOrdersRead: 2,
  now,
});

describe('dashboardSnapshotSchema (the OpenAPI body of the dashboard routes)', () => {
  it('accepts what computeDashboard produces with data', () => {
    const parsed = dashboardSnapshotSchema.safeParse(busy);
    expect(parsed.error?.issues).toBeUndefined();
    expect(busy.topProducts).toHaveLength(2);
    expect(busy.openAge.count).toBe(2);
  });

  it('accepts what computeDashboard produces with no orders at all', () => {
    const empty = computeDashboard({ totals: [], days: [], openMarks: {}, openOrdersRead: 0, now });
    expect(dashboardSnapshotSchema.safeParse(empty).error?.issues).toBeUndefined();
  });

  it('accepts the snapshot after a JSON round trip (what the HTTP client receives)', () => {
    const wire: unknown = JSON.parse(JSON.stringify(busy));
    expect(dashboardSnapshotSchema.safeParse(wire).success).toBe(true);
  });

  it('rejects a field the code does not return and a missing one, so drift fails here', () => {
    expect(dashboardSnapshotSchema.safeParse({ ...busy, extra: 1 }).success).toBe(false);
    const { cost: _cost, ...withoutCost } = busy;
    expect(dashboardSnapshotSchema.safeParse(withoutCost).success).toBe(false);
    const stored = { ...busy, _etag: '"x"' };
    expect(dashboardSnapshotSchema.safeParse(stored).success).toBe(false);
  });
});
