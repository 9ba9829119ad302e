import type { Container } from '@azure/cosmos';
import fc from 'fast-check';
import {
  AGGREGATE_SHARDS,
  shardOf,
  type AggregateDoc,
  type ProjectionDoc,
} from '../../../shared/analytics/analyticsDocs';
import { applyOrderEvent } from '../../../shared/analytics/applyOrderEvent';
import { cosmosProjectionStore } from '../../../shared/analytics/cosmosProjectionStore';
import { orderCounters, sumCounters, type Counters } from '../../../shared/analytics/counters';
import type { DashboardSnapshot } from '../../../shared/analytics/dashboardSnapshot';
import type { ProjectionStore } from '../../../shared/analytics/projectionStore';
import { recalculateDashboard } from '../../../shared/analytics/recalculateDashboard';
import type { OrderIntegrationEvent, OrderStatus } from '../../../shared/events/orderEvent';
import { orderEvent } from '../events/orderEventFixtures';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';
import { SimulatedCrash } from './memoryDocStore';

const offline = useOfflineCosmos();
const container = (): Container => offline.client.database('analytics').container('projections');

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

async function all<T>(sql: string): Promise<T[]> {
  return (await container().items.query<T>(sql).fetchAll()).resources;
}

/** Sums of the aggregate documents of one kind, and of the projections' own counters: always equal. */
async function sums(): Promise<{ totals: Counters; days: Counters; projections: Counters }> {
  const [aggregates, projections] = await Promise.all([
    all<AggregateDoc>("SELECT * FROM c WHERE c.kind = 'totals' OR c.kind = 'day'"),
    all<{ counters: Counters }>("SELECT c.counters FROM c WHERE c.kind = 'order'"),
  ]);
  const of = (kind: string) => sumCounters(aggregates.filter((a) => a.kind === kind).map((a) => a.counters));
  return {
    totals: of('totals'),
    days: of('day'),
    projections: sumCounters(projections.map((p) => p.counters)),
  };
}

/** What the aggregates must hold: the counters of each order's highest version. */
function expected(events: readonly OrderIntegrationEvent[]): Counters {
  const latest = new Map<string, OrderIntegrationEvent>();
  for (const e of events) if ((latest.get(e.orderId)?.version ?? 0) < e.version) latest.set(e.orderId, e);
  return sumCounters([...latest.values()].map((e) => orderCounters(e.order)));
}

/** The real store, armed to die right before a batch is sent or right after it committed. */
function crashing(
  inner: ProjectionStore,
): ProjectionStore & { arm(after: number | undefined, committed?: boolean): void } {
  let left: number | undefined;
  let committed = false;
  return {
    read: (id, shard) => inner.read(id, shard),
    query: (sql, parameters) => inner.query(sql, parameters),
    arm(after, c = false) {
      left = after;
      committed = c;
    },
    async batch(shard, ops) {
      const crash = left === 0;
      if (left !== undefined) left = left === 0 ? undefined : left - 1;
      if (crash && !committed) throw new SimulatedCrash('crash before the batch');
      const outcome = await inner.batch(shard, ops);
      if (crash) throw new SimulatedCrash('crash after the batch committed');
      return outcome;
    },
  };
}

describe('cosmosProjectionStore on the offline Cosmos DB (transactional batch)', () => {
  const written: Array<[string, number]> = [];
  const doc = (id: string, shard: number): ProjectionDoc => {
    written.push([id, shard]);
    return {
      id,
      shard,
      kind: 'order',
      version: 1,
      eventType: 'OrderCreated',
      status: 'pending',
      open: true,
      createdAt: '1999-01-01T00:00:00.000Z',
      day: '1999-01-01',
      total: 1,
      currency: 'EUR',
      counters: { orders: 1 },
      appliedAt: '1999-01-01T00:00:00.000Z',
    };
  };
  const aggregate = (id: string, shard: number): AggregateDoc => {
    written.push([id, shard]);
    return { id, shard, kind: 'day', date: '1999-01-01', counters: {} };
  };
  // These documents do not keep the projection's invariant: leave none behind for the tests below.
  afterAll(async () => {
    for (const [id, shard] of written)
      await container()
        .item(id, shard)
        .delete()
        .catch(() => undefined);
  });

  it('writes a projection and increments in one batch, splitting more than 10 counters, escaping keys', async () => {
    const store = cosmosProjectionStore(container());
    const agg = aggregate('day:1999-01-01:s3', 3);
    expect(await store.batch(3, [{ type: 'create', doc: agg }])).toEqual({ ok: true });
    const many = Object.fromEntries(Array.from({ length: 23 }, (_, i) => [`skuQty|P${i}`, i + 1]));
    const outcome = await store.batch(3, [
      { type: 'create', doc: doc('batch-1', 3) },
      { type: 'increment', id: agg.id, counters: { ...many, 'skuRev|a/b~c': 7 } },
    ]);
    expect(outcome).toEqual({ ok: true });
    const { resource } = await container().item(agg.id, 3).read<AggregateDoc>();
    expect(resource?.counters).toEqual({ ...many, 'skuRev|a/b~c': 7 });
    expect((await store.read('batch-1', 3))?.doc.version).toBe(1);
  });

  it('names the failing operation by its index among the ops, however many patches each became', async () => {
    const store = cosmosProjectionStore(container());
    const agg = aggregate('agg-split', 7);
    expect(await store.batch(7, [{ type: 'create', doc: agg }])).toEqual({ ok: true });
    const many = Object.fromEntries(Array.from({ length: 23 }, (_, i) => [`k${i}`, 1]));
    const outcome = await store.batch(7, [
      { type: 'create', doc: doc('split-1', 7) },
      { type: 'increment', id: agg.id, counters: many }, // three Patch operations on the wire
      { type: 'increment', id: 'agg-missing', counters: { orders: 1 } },
    ]);
    expect(outcome).toEqual({ ok: false, index: 2, status: 404 });
    expect(await store.read('split-1', 7)).toBeUndefined();
  });

  it.each([
    ['create of an existing projection', 0, 409],
    ['replace with a stale ETag', 0, 412],
    ['increment of a missing document', 1, 404],
  ] as const)('fails atomically on %s, naming the operation and its status', async (_what, index, status) => {
    const store = cosmosProjectionStore(container());
    const id = `atomic-${status}`;
    await store.batch(5, [{ type: 'create', doc: doc(id, 5) }]);
    const agg = aggregate(`agg-${status}`, 5);
    if (status !== 404) await store.batch(5, [{ type: 'create', doc: agg }]);
    const changed = { ...doc(id, 5), version: 2 };
    const first =
      status === 409
        ? ({ type: 'create', doc: changed } as const)
        : ({
            type: 'replace',
            doc: changed,
            ifMatch: status === 412 ? '"stale"' : (await store.read(id, 5))!.etag,
          } as const);
    const ops = [first, { type: 'increment', id: agg.id, counters: { orders: 1 } } as const];
    expect(await store.batch(5, ops)).toEqual({ ok: false, index, status });
    expect((await store.read(id, 5))?.doc.version).toBe(1); // nothing written
    const { resource } = await container().item(agg.id, 5).read<AggregateDoc>();
    expect(resource?.counters ?? {}).toEqual({});
  });
});

describe('analytics projection on the offline Cosmos DB', () => {
  it('counts 100 orders exactly with 16 concurrent consumers, duplicates and stale versions, and the dashboard reads it', async () => {
    const projections = cosmosProjectionStore(container());
    const before = await sums();
    // Created 37 minutes apart over the last 2.6 days: several days, distinct ages for the open-age ranks.
    const createdAt = (i: number) => new Date(Date.now() - i * 37 * 60_000).toISOString();
    const created = Array.from({ length: 100 }, (_, i) =>
      orderEvent(`it-${i}`, 1, 'pending', { createdAt: createdAt(i) }),
    );
    const cancelled = created
      .slice(0, 10)
      .map((e) => orderEvent(e.orderId, 2, 'cancelled', { createdAt: e.order.createdAt }));
    // Each creation twice, cancellations before and after their creation: all must converge.
    const deliveries = [...cancelled.slice(0, 5), ...created, ...created, ...cancelled];
    await inParallel(deliveries, 16, (e) => applyOrderEvent(e, { projections }));

    let saved: DashboardSnapshot | undefined;
    const now = new Date(Date.now() + 60_000);
    const snapshot = await recalculateDashboard({
      projections,
      now: () => now,
      save: (s) => {
        saved = s;
        return Promise.resolve();
      },
    });
    expect(saved).toBe(snapshot);
    expect(snapshot.totals.orders - (before.totals.orders ?? 0)).toBe(100);
    expect(snapshot.daily.reduce((n, d) => n + d.orders, 0)).toBe(100);
    expect(snapshot.daily.reduce((n, d) => n + d.revenue, 0)).toBe(90 * 1571);
    expect(snapshot.topProducts[0]).toEqual({ sku: 'SKU-A', quantity: 180, revenue: 90 * 500 });
    expect(snapshot.openAge.count).toBe(90);
    // Open age from the day documents and two lookups equals reading every open order.
    const ages = (
      await all<{ createdAt: string }>("SELECT c.createdAt FROM c WHERE c.kind = 'order' AND c.open = true")
    )
      .map((o) => now.getTime() - Date.parse(o.createdAt))
      .sort((x, y) => x - y);
    expect(snapshot.openAge).toEqual({
      count: ages.length,
      averageSeconds: Math.round(ages.reduce((x, y) => x + y, 0) / ages.length / 1000),
      p90Seconds: Math.round(ages[Math.ceil(0.9 * ages.length) - 1]! / 1000),
      oldestSeconds: Math.round(ages.at(-1)! / 1000),
    });
    expect(snapshot.cost.openOrders).toBeLessThanOrEqual(2 + Math.ceil(0.1 * ages.length));
    expect(snapshot.cost.aggregateDocs).toBeLessThanOrEqual(AGGREGATE_SHARDS * 6); // totals + few days: flat in history
    const after = await sums();
    expect(after.totals).toEqual(after.projections);
    expect(after.days).toEqual(after.projections);
  });

  it('keeps exact totals under crashes around the batch, redelivery, reordering and concurrency', async () => {
    const statusPaths: OrderStatus[][] = [
      ['pending'],
      ['pending', 'cancelled'],
      ['pending', 'confirmed', 'shipped', 'delivered'],
      ['pending', 'confirmed', 'cancelled'],
    ];
    const base = await sums();
    const allEvents: OrderIntegrationEvent[] = [];
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...statusPaths), { minLength: 2, maxLength: 6 }),
        fc.array(fc.nat(), { minLength: 4, maxLength: 20 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.boolean()), { maxLength: 4 }),
        async (paths, picks, crashes) => {
          run += 1;
          const store = crashing(cosmosProjectionStore(container()));
          // Each run on its own day, and its orders in few shards so they meet on the same documents.
          const day = `2001-01-${String(run).padStart(2, '0')}`;
          const ids: string[] = [];
          for (let i = 0; ids.length < paths.length; i += 1) {
            const id = `pt-${run}-${i}`;
            if (shardOf(id) % 4 === run % 4) ids.push(id);
          }
          const events = paths.flatMap((path, i) =>
            path.map((status, v) =>
              orderEvent(ids[i]!, v + 1, status, { createdAt: `${day}T08:00:00.000Z` }),
            ),
          );
          allEvents.push(...events);
          const queue = [...events, ...picks.map((p) => events[p % events.length]!)];
          for (let i = queue.length - 1; i > 0; i -= 1) {
            const j = (picks[i % picks.length] ?? 0) % (i + 1);
            [queue[i], queue[j]] = [queue[j]!, queue[i]!];
          }
          let c = 0;
          while (queue.length > 0) {
            const inFlight = queue.splice(0, 4);
            const crash = crashes[c++];
            if (crash) store.arm(crash[0], crash[1]);
            const results = await Promise.allSettled(
              inFlight.map((e) => applyOrderEvent(e, { projections: store })),
            );
            results.forEach((r, i) => {
              if (r.status === 'fulfilled') return;
              if (!(r.reason instanceof SimulatedCrash)) throw r.reason;
              queue.push(inFlight[i]!); // abandoned: Service Bus redelivers it
            });
            store.arm(undefined);
          }
          const dayDocs = await all<AggregateDoc>(
            `SELECT * FROM c WHERE c.kind = 'day' AND c.date = '${day}'`,
          );
          expect(sumCounters(dayDocs.map((d) => d.counters))).toEqual(expected(events));
        },
      ),
      { numRuns: 12 },
    );
    const after = await sums();
    expect(after.totals).toEqual(after.projections);
    expect(after.days).toEqual(after.projections);
    const gained = sumCounters([
      after.totals,
      Object.fromEntries(Object.entries(base.totals).map(([k, v]) => [k, -v])),
    ]);
    expect(gained).toEqual(expected(allEvents));
  });
});
