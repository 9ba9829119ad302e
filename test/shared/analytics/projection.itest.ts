import {
  AGGREGATE_SHARDS,
  type AggregateDoc,
  type ProjectionDoc,
} from '../../../shared/analytics/analyticsDocs';
import { applyOrderEvent } from '../../../shared/analytics/applyOrderEvent';
import { cosmosDocStore } from '../../../shared/analytics/cosmosDocStore';
import type { DashboardSnapshot } from '../../../shared/analytics/dashboardSnapshot';
import { recalculateDashboard } from '../../../shared/analytics/recalculateDashboard';
import { orderEvent } from '../events/orderEventFixtures';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

const offline = useOfflineCosmos();

async function inParallel<T>(
  items: readonly T[],
  width: number,
  fn: (t: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

describe('analytics projection on the offline Cosmos DB', () => {
  it('counts 100 orders exactly with 16 concurrent consumers, duplicates and stale versions, and the dashboard reads it', async () => {
    const db = offline.client.database('analytics');
    const stores = {
      projections: cosmosDocStore<ProjectionDoc>(db.container('orderProjections')),
      aggregates: cosmosDocStore<AggregateDoc>(db.container('aggregates')),
    };
    const today = new Date().toISOString();
    const created = Array.from({ length: 100 }, (_, i) =>
      orderEvent(`it-${i}`, 1, 'pending', { createdAt: today }),
    );
    const cancelled = created
      .slice(0, 10)
      .map((e) => orderEvent(e.orderId, 2, 'cancelled', { createdAt: today }));
    // Each creation twice, cancellations before and after their creation: all must converge.
    const deliveries = [...cancelled.slice(0, 5), ...created, ...created, ...cancelled];
    await inParallel(deliveries, 16, (e) => applyOrderEvent(e, stores));

    let saved: DashboardSnapshot | undefined;
    const snapshot = await recalculateDashboard({
      ...stores,
      save: (s) => {
        saved = s;
        return Promise.resolve();
      },
    });
    expect(saved).toBe(snapshot);
    expect(snapshot.totals).toEqual({ orders: 100, revenue: 90 * 1571, open: 90, cancelled: 10 });
    expect(snapshot.ordersByStatus.cancelled).toBe(10);
    expect(snapshot.daily.at(-1)).toMatchObject({ orders: 100, revenue: 90 * 1571 });
    expect(snapshot.topProducts[0]).toEqual({ sku: 'SKU-A', quantity: 180, revenue: 90 * 500 });
    expect(snapshot.openAge.count).toBe(90);
    expect(snapshot.cost.aggregateDocs).toBeLessThanOrEqual(2 * AGGREGATE_SHARDS); // totals + one day: flat in history
    const pending = await stores.projections.query<number>(
      'SELECT VALUE COUNT(1) FROM c WHERE IS_DEFINED(c.pending)',
    );
    expect(pending).toEqual([0]);
  });
});
