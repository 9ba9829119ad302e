import fc from 'fast-check';
import { shardOf } from '../../../shared/analytics/analyticsDocs';
import { applyOrderEvent } from '../../../shared/analytics/applyOrderEvent';
import { orderCounters, sumCounters, type Counters } from '../../../shared/analytics/counters';
import { BatchRejectedError } from '../../../shared/analytics/errors';
import type { OrderIntegrationEvent, OrderStatus } from '../../../shared/events/orderEvent';
import { orderEvent } from '../events/orderEventFixtures';
import { SimulatedCrash } from './memoryDocStore';
import { MemoryProjectionStore } from './memoryProjectionStore';

const services = (store = new MemoryProjectionStore()) => ({ projections: store });
const sumOf = (store: MemoryProjectionStore, kind: 'totals' | 'day'): Counters =>
  sumCounters(store.aggregates(kind).map((d) => d.counters));
/** The invariant the batch keeps: every aggregate kind sums to the sum of the projections' counters. */
const projected = (store: MemoryProjectionStore): Counters =>
  sumCounters(store.projections().map((p) => p.counters));

/** What the aggregates must hold: the counters of each order's highest version. */
function expected(events: readonly OrderIntegrationEvent[]): Counters {
  const latest = new Map<string, OrderIntegrationEvent>();
  for (const e of events) if ((latest.get(e.orderId)?.version ?? 0) < e.version) latest.set(e.orderId, e);
  return sumCounters([...latest.values()].map((e) => orderCounters(e.order)));
}

/** Order ids that land in the same shard, so they share aggregate documents. */
function sameShardIds(n: number): string[] {
  const ids: string[] = [];
  for (let i = 0; ids.length < n; i += 1) if (shardOf(`o-${i}`) === shardOf('o-0')) ids.push(`o-${i}`);
  return ids;
}

describe('applyOrderEvent', () => {
  it('projects a new order into its projection, the totals and its creation day in one batch', async () => {
    const s = services();
    await expect(applyOrderEvent(orderEvent('o-1', 1, 'pending'), s)).resolves.toBe('applied');
    const totals = sumOf(s.projections, 'totals');
    expect(totals).toMatchObject({
      orders: 1,
      revenue: 1571,
      'status|pending': 1,
      'skuQty|SKU-A': 2,
      'skuRev|SKU-A': 500,
    });
    expect(sumOf(s.projections, 'day')).toEqual(totals);
    expect((await s.projections.read('o-1', shardOf('o-1')))?.doc).toMatchObject({
      version: 1,
      shard: shardOf('o-1'),
      open: true,
      day: '2026-11-20',
    });
  });

  it('costs one request per created order once the shard has the day’s aggregate document', async () => {
    const s = services();
    const [yesterday, first, second] = sameShardIds(3) as [string, string, string];
    const on = (day: string) => ({ createdAt: `2026-11-${day}T10:00:00.000Z` });
    await applyOrderEvent(orderEvent(yesterday, 1, 'pending', on('19')), s);
    const cost = async (id: string): Promise<{ reads: number; batches: number }> => {
      s.projections.reads = 0;
      s.projections.batches = 0;
      await applyOrderEvent(orderEvent(id, 1, 'pending', on('20')), s);
      return { reads: s.projections.reads, batches: s.projections.batches };
    };
    // The shard's first order of a day: the patch meets no day document (404), the retry creates it.
    await expect(cost(first)).resolves.toEqual({ reads: 0, batches: 2 });
    await expect(cost(second)).resolves.toEqual({ reads: 0, batches: 1 });
    expect(sumOf(s.projections, 'totals').orders).toBe(3);
    expect(sumOf(s.projections, 'day')).toEqual(sumOf(s.projections, 'totals'));
  });

  it('costs a read and a batch for a status change', async () => {
    const s = services();
    await applyOrderEvent(orderEvent('o-1', 1, 'pending'), s);
    s.projections.reads = 0;
    s.projections.batches = 0;
    await applyOrderEvent(orderEvent('o-1', 2, 'confirmed'), s);
    expect({ reads: s.projections.reads, batches: s.projections.batches }).toEqual({ reads: 1, batches: 1 });
  });

  it('treats a redelivered event as a no-op', async () => {
    const s = services();
    await applyOrderEvent(orderEvent('o-1', 1, 'pending'), s);
    await expect(applyOrderEvent(orderEvent('o-1', 1, 'pending'), s)).resolves.toBe('stale');
    expect(sumOf(s.projections, 'totals').orders).toBe(1);
  });

  it('ignores an older version that arrives after a newer one', async () => {
    const s = services();
    await applyOrderEvent(orderEvent('o-1', 2, 'cancelled'), s);
    await expect(applyOrderEvent(orderEvent('o-1', 1, 'pending'), s)).resolves.toBe('stale');
    expect(sumOf(s.projections, 'totals')).toEqual({ orders: 1, cancelled: 1, 'status|cancelled': 1 });
  });

  it('moves an order between statuses and removes cancelled revenue (zeroed counters stay as 0)', async () => {
    const s = services();
    await applyOrderEvent(orderEvent('o-1', 1, 'pending'), s);
    await applyOrderEvent(orderEvent('o-1', 2, 'confirmed'), s);
    await applyOrderEvent(orderEvent('o-1', 3, 'cancelled'), s);
    expect(sumOf(s.projections, 'totals')).toEqual({ orders: 1, cancelled: 1, 'status|cancelled': 1 });
    expect(s.projections.aggregates('totals')[0]?.counters).toMatchObject({
      revenue: 0,
      'status|pending': 0,
    });
    expect((await s.projections.read('o-1', shardOf('o-1')))?.doc.open).toBe(false);
  });

  it('moves the counters between day documents if the creation day changes', async () => {
    const s = services();
    await applyOrderEvent(orderEvent('o-1', 1, 'pending', { createdAt: '2026-11-01T10:00:00.000Z' }), s);
    await applyOrderEvent(orderEvent('o-1', 2, 'confirmed', { createdAt: '2026-11-02T10:00:00.000Z' }), s);
    const days = s.projections.aggregates('day');
    expect(sumCounters(days.filter((d) => d.date === '2026-11-01').map((d) => d.counters))).toEqual({});
    expect(sumOf(s.projections, 'day')).toEqual(sumOf(s.projections, 'totals'));
    expect(sumOf(s.projections, 'totals')['status|confirmed']).toBe(1);
  });

  it('splits a delta of more than 10 counters into several patches of the same batch', async () => {
    const s = services();
    const items = Array.from({ length: 50 }, (_, i) => ({
      sku: `SKU-${i}`,
      name: 'x',
      unitPrice: 100 + i,
      quantity: 1,
    }));
    await applyOrderEvent(orderEvent('o-big', 1, 'pending', { items }), s);
    s.projections.batches = 0;
    await applyOrderEvent(orderEvent('o-big', 2, 'cancelled', { items }), s);
    expect(s.projections.batches).toBe(1);
    expect(sumOf(s.projections, 'totals')).toEqual({ orders: 1, cancelled: 1, 'status|cancelled': 1 });
  });

  it.each(['lost', 'committed'] as const)(
    'counts once when the process dies around the batch (%s) and the event is redelivered',
    async (mode) => {
      const s = services();
      await applyOrderEvent(orderEvent('o-1', 1, 'pending'), s);
      s.projections.crashMode = mode;
      s.projections.crashAfterBatches = 0;
      await expect(applyOrderEvent(orderEvent('o-1', 2, 'cancelled'), s)).rejects.toThrow(SimulatedCrash);
      await expect(applyOrderEvent(orderEvent('o-1', 2, 'cancelled'), s)).resolves.toBe(
        mode === 'lost' ? 'applied' : 'stale',
      );
      expect(sumOf(s.projections, 'totals')).toEqual({ orders: 1, cancelled: 1, 'status|cancelled': 1 });
    },
  );

  it('creates a missing day document once when concurrent first orders race for it', async () => {
    const s = services();
    const ids = sameShardIds(6);
    await Promise.all(ids.map((id) => applyOrderEvent(orderEvent(id, 1, 'pending'), s)));
    expect(s.projections.aggregates('day')).toHaveLength(1);
    expect(s.projections.aggregates('totals')).toHaveLength(1);
    expect(sumOf(s.projections, 'day').orders).toBe(6);
  });

  it('fails the message on a status that is not a lost race', async () => {
    const store = new MemoryProjectionStore();
    store.batch = () => Promise.resolve({ ok: false, index: 1, status: 413 });
    await expect(applyOrderEvent(orderEvent('o-1', 1, 'pending'), services(store))).rejects.toThrow(
      BatchRejectedError,
    );
  });

  it('keeps exact totals under any interleaving of duplicates, reordering, concurrency and crashes', async () => {
    const statusPaths: OrderStatus[][] = [
      ['pending'],
      ['pending', 'confirmed'],
      ['pending', 'cancelled'],
      ['pending', 'confirmed', 'shipped', 'delivered'],
      ['pending', 'confirmed', 'cancelled'],
    ];
    const orderArb = fc.record({
      path: fc.constantFrom(...statusPaths),
      day: fc.integer({ min: 1, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(orderArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { minLength: 5, maxLength: 40 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.boolean()), { maxLength: 5 }),
        async (orders, picks, crashes) => {
          const s = services();
          // Few ids over 16 shards would rarely share documents: keep them in two shards.
          const ids = sameShardIds(orders.length);
          const events = orders.flatMap((o, i) =>
            o.path.map((status, v) =>
              orderEvent(ids[i]!, v + 1, status, { createdAt: `2026-11-0${o.day}T12:00:00.000Z` }),
            ),
          );
          // Every event delivered at least once, plus random duplicates, in a random order.
          const deliveries = [...events, ...picks.map((p) => events[p % events.length]!)];
          const order = picks.map((p, i) => (p + i) % deliveries.length);
          for (let i = order.length - 1; i > 0; i -= 1) {
            const j = order[i]!;
            [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
          }
          const queue = [...deliveries];
          let crashIndex = 0;
          while (queue.length > 0) {
            const batch = queue.splice(0, 3); // three deliveries in flight at once
            const crash = crashes[crashIndex++];
            if (crash) {
              s.projections.crashAfterBatches = crash[0];
              s.projections.crashMode = crash[1] ? 'committed' : 'lost';
            }
            const results = await Promise.allSettled(batch.map((e) => applyOrderEvent(e, s)));
            results.forEach((r, i) => {
              if (r.status === 'rejected') {
                expect(r.reason).toBeInstanceOf(SimulatedCrash);
                queue.push(batch[i]!); // abandoned: Service Bus redelivers it
              }
            });
            s.projections.crashAfterBatches = undefined;
          }
          expect(sumOf(s.projections, 'totals')).toEqual(expected(events));
          expect(sumOf(s.projections, 'day')).toEqual(expected(events));
          expect(projected(s.projections)).toEqual(expected(events));
        },
      ),
      { numRuns: 200 },
    );
  });
});
