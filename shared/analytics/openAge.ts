import type { AggregateDoc } from './analyticsDocs';
import type { DashboardSnapshot } from './dashboardSnapshot';

/** Open orders created on one UTC day, over all shards: how many, and the sum of their time of day (ms). */
export interface OpenDay {
  date: string;
  count: number;
  msOfDay: number;
}

/** The order to look up: the `rank`-th oldest open order created on `date` (1 = the oldest of that day). */
export interface OpenRank {
  date: string;
  rank: number;
}

/** Day documents summed over shards into the days that still have open orders, oldest first. */
export function openDays(days: readonly AggregateDoc[]): OpenDay[] {
  const byDate = new Map<string, OpenDay>();
  for (const d of days) {
    if (!d.date) continue;
    const day = byDate.get(d.date) ?? { date: d.date, count: 0, msOfDay: 0 };
    day.count += d.counters.open ?? 0;
    day.msOfDay += d.counters.openMs ?? 0;
    byDate.set(d.date, day);
  }
  return [...byDate.values()].filter((d) => d.count > 0).sort((a, b) => a.date.localeCompare(b.date));
}

/** Nearest rank of the 90th percentile among `n` ascending ages (1-based). */
export const p90Rank = (n: number): number => Math.max(1, Math.ceil(0.9 * n));

function locate(days: readonly OpenDay[], k: number): OpenRank | undefined {
  let before = 0;
  for (const d of days) {
    if (before + d.count >= k) return { date: d.date, rank: k - before };
    before += d.count;
  }
  return undefined;
}

/**
 * Which open orders decide the oldest and the p90 age: the oldest overall, and the k-th oldest where
 * k = n - p90Rank(n) + 1 (the ages at or above the p90 are the k oldest orders). Each is found in its
 * creation day, so the lookup reads at most that day's open orders, never all of them.
 */
export function openAgeLookups(days: readonly OpenDay[]): { oldest?: OpenRank; p90?: OpenRank } {
  const n = days.reduce((a, d) => a + d.count, 0);
  if (n === 0) return {};
  const oldest = locate(days, 1);
  const p90 = locate(days, n - p90Rank(n) + 1);
  return { ...(oldest ? { oldest } : {}), ...(p90 ? { p90 } : {}) };
}

/**
 * The snapshot's openAge from the per-day sums and the createdAt of the two looked-up orders. The average is
 * exact: the sum of the ages is n x now minus the sum of the creation times, in BigInt (it exceeds 2^53).
 */
export function openAge(
  days: readonly OpenDay[],
  marks: { oldest?: string; p90?: string },
  now: Date,
): DashboardSnapshot['openAge'] {
  const n = days.reduce((a, d) => a + d.count, 0);
  if (n === 0) return { count: 0, averageSeconds: 0, p90Seconds: 0, oldestSeconds: 0 };
  let created = 0n;
  for (const d of days)
    created += BigInt(d.count) * BigInt(Date.parse(`${d.date}T00:00:00Z`)) + BigInt(d.msOfDay);
  const totalAgeMs = BigInt(n) * BigInt(now.getTime()) - created;
  const perOrder = BigInt(n) * 1000n;
  // Rounded half up, exactly: (2 x total + divisor) / (2 x divisor), floored.
  const average = totalAgeMs <= 0n ? 0 : Number((2n * totalAgeMs + perOrder) / (2n * perOrder));
  const ageSeconds = (iso: string | undefined): number =>
    iso === undefined ? 0 : Math.round(Math.max(0, (now.getTime() - Date.parse(iso)) / 1000));
  return {
    count: n,
    // An order stamped after `now` (clock skew) counts negative here; the whole stays at or above 0.
    averageSeconds: average,
    p90Seconds: ageSeconds(marks.p90),
    oldestSeconds: ageSeconds(marks.oldest),
  };
}
