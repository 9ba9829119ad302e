import type { AggregateDoc } from './analyticsDocs';
import { computeDashboard, windowStart } from './computeDashboard';
import type { DashboardSnapshot } from './dashboardSnapshot';
import { openAgeLookups, openDays, type OpenRank } from './openAge';
import type { ProjectionStore } from './projectionStore';

export interface RecalculateInit {
  projections: ProjectionStore;
  save: (snapshot: DashboardSnapshot) => Promise<void>;
  now?: () => Date;
}

/**
 * Recalculates the snapshot from the projection only: the all-time totals shards, the day documents of the
 * 30-day window and of older days that still have open orders (count and summed time of day of their open
 * orders), and at most two lookups among one day's open orders for the oldest and the p90 open age. None of it
 * grows with total history or with the number of open orders (a fixed number of shards, one document per
 * shard and day), so the timer's cost stays flat as years of orders accumulate. The orders database is never
 * read.
 */
export async function recalculateDashboard(init: RecalculateInit): Promise<DashboardSnapshot> {
  const now = init.now?.() ?? new Date();
  const [totals, days] = await Promise.all([
    init.projections.query<AggregateDoc>("SELECT * FROM c WHERE c.kind = 'totals'"),
    init.projections.query<AggregateDoc>(
      "SELECT * FROM c WHERE c.kind = 'day' AND (c.date >= @from OR c.counters.open > 0)",
      [{ name: '@from', value: windowStart(now) }],
    ),
  ]);
  const lookups = openAgeLookups(openDays(days));
  const nth = async (r: OpenRank | undefined): Promise<string[]> =>
    r === undefined
      ? []
      : (
          await init.projections.query<{ createdAt: string }>(
            // rank is an integer computed here, never input: safe to inline (TOP takes no parameter offline).
            `SELECT TOP ${Math.trunc(r.rank)} c.createdAt FROM c WHERE c.kind = 'order' AND c.open = true AND c.day = @day ORDER BY c.createdAt ASC`,
            [{ name: '@day', value: r.date }],
          )
        ).map((o) => o.createdAt);
  const [oldest, p90] = await Promise.all([nth(lookups.oldest), nth(lookups.p90)]);
  const snapshot = computeDashboard({
    totals,
    days,
    // A concurrent change can close an order between the two reads: then the day holds fewer open orders
    // than its document said, and the last one returned is the nearest answer.
    openMarks: { ...(oldest[0] ? { oldest: oldest[0] } : {}), ...(p90.at(-1) ? { p90: p90.at(-1) } : {}) },
    openOrdersRead: oldest.length + p90.length,
    now,
  });
  await init.save(snapshot);
  return snapshot;
}
