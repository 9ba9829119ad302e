import type { AggregateDoc } from './analyticsDocs';
import { computeDashboard, windowStart } from './computeDashboard';
import type { DashboardSnapshot } from './dashboardSnapshot';
import type { ProjectionStore } from './projectionStore';

export interface RecalculateInit {
  projections: ProjectionStore;
  save: (snapshot: DashboardSnapshot) => Promise<void>;
  now?: () => Date;
}

/**
 * Recalculates the snapshot from the projection only: the all-time totals shards, the day documents of
 * the 30-day window and the open orders. None of these grows with total history (a fixed number of shards,
 * at most 30 x shards day documents, and orders still open), so the timer's cost stays flat as years of
 * orders accumulate. The orders database is never read.
 */
export async function recalculateDashboard(init: RecalculateInit): Promise<DashboardSnapshot> {
  const now = init.now?.() ?? new Date();
  const [totals, days, open] = await Promise.all([
    init.projections.query<AggregateDoc>("SELECT * FROM c WHERE c.kind = 'totals'"),
    init.projections.query<AggregateDoc>("SELECT * FROM c WHERE c.kind = 'day' AND c.date >= @from", [
      { name: '@from', value: windowStart(now) },
    ]),
    init.projections.query<{ createdAt: string }>(
      "SELECT c.createdAt FROM c WHERE c.kind = 'order' AND c.open = true",
    ),
  ]);
  const snapshot = computeDashboard({ totals, days, openCreatedAt: open.map((o) => o.createdAt), now });
  await init.save(snapshot);
  return snapshot;
}
