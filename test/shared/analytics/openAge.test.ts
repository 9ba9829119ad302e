import fc from 'fast-check';
import { utcDay, type AggregateDoc } from '../../../shared/analytics/analyticsDocs';
import { addCounters, msOfDay } from '../../../shared/analytics/counters';
import { openAge, openAgeLookups, openDays, p90Rank } from '../../../shared/analytics/openAge';

const now = new Date('2026-11-21T12:00:00.000Z');

/** Day documents as the projection leaves them for these open orders, spread over `shards` shards. */
function dayDocs(createdAt: readonly string[], shards: number): AggregateDoc[] {
  const docs = new Map<string, AggregateDoc>();
  createdAt.forEach((t, i) => {
    const shard = i % shards;
    const date = utcDay(t);
    const id = `day:${date}:s${shard}`;
    const doc = docs.get(id) ?? { id, shard, kind: 'day', date, counters: { orders: 0 } };
    addCounters(doc.counters, { orders: 1, open: 1, openMs: msOfDay(t) });
    docs.set(id, doc);
  });
  return [...docs.values()];
}

/** What reading every open order gives (the dashboard's former method), exactly. */
function bruteForce(createdAt: readonly string[]) {
  const ages = createdAt.map((t) => Math.max(0, now.getTime() - Date.parse(t))).sort((a, b) => a - b);
  const n = ages.length;
  if (n === 0) return { count: 0, averageSeconds: 0, p90Seconds: 0, oldestSeconds: 0 };
  const sum = ages.reduce((a, b) => a + BigInt(b), 0n);
  return {
    count: n,
    averageSeconds: Number((2n * sum + BigInt(n) * 1000n) / (2n * BigInt(n) * 1000n)),
    p90Seconds: Math.round(ages[p90Rank(n) - 1]! / 1000),
    oldestSeconds: Math.round(ages[n - 1]! / 1000),
  };
}

/** The lookup the dashboard makes: the rank-th oldest open order of one day. */
function lookUp(createdAt: readonly string[], r: { date: string; rank: number } | undefined) {
  if (!r) return undefined;
  return createdAt.filter((t) => utcDay(t) === r.date).sort()[r.rank - 1];
}

describe('openAge from per-day sums', () => {
  it('equals reading every open order, for any set of creation times', () => {
    const instant = fc.integer({ min: now.getTime() - 90 * 86_400_000, max: now.getTime() });
    fc.assert(
      fc.property(fc.array(instant, { maxLength: 300 }), fc.integer({ min: 1, max: 16 }), (times, shards) => {
        const createdAt = times.map((t) => new Date(t).toISOString());
        const days = openDays(dayDocs(createdAt, shards));
        const lookups = openAgeLookups(days);
        const marks = { oldest: lookUp(createdAt, lookups.oldest), p90: lookUp(createdAt, lookups.p90) };
        expect(openAge(days, marks, now)).toEqual(bruteForce(createdAt));
      }),
      { numRuns: 300 },
    );
  });

  it('names the oldest order and the one at the p90 age by day and rank', () => {
    const days = [
      { date: '2026-11-01', count: 2, msOfDay: 0 },
      { date: '2026-11-02', count: 18, msOfDay: 0 },
    ];
    // n = 20: the p90 is the 18th youngest, i.e. the 3rd oldest: the first of 2026-11-02.
    expect(openAgeLookups(days)).toEqual({
      oldest: { date: '2026-11-01', rank: 1 },
      p90: { date: '2026-11-02', rank: 1 },
    });
    expect(openAgeLookups([])).toEqual({});
  });

  it('keeps only days with open orders, summed over shards, oldest first, zeros left out', () => {
    const doc = (date: string, shard: number, open: number, openMs: number): AggregateDoc => ({
      id: `day:${date}:s${shard}`,
      shard,
      kind: 'day',
      date,
      counters: { open, openMs },
    });
    expect(
      openDays([doc('2026-11-03', 0, 1, 5), doc('2026-11-01', 1, 0, 0), doc('2026-11-03', 2, 2, 7)]),
    ).toEqual([{ date: '2026-11-03', count: 3, msOfDay: 12 }]);
  });
});
