import fc from 'fast-check';
import type { AggregateDoc, ProjectionDoc } from '../../../shared/analytics/analyticsDocs';
import { applyOrderEvent } from '../../../shared/analytics/applyOrderEvent';
import { orderCounters, sumCounters } from '../../../shared/analytics/counters';
import type { OrderIntegrationEvent, OrderStatus } from '../../../shared/events/orderEvent';
import { orderEvent } from '../events/orderEventFixtures';
import { MemoryDocStore, SimulatedCrash } from './memoryDocStore';

function stores() {
  return { projections: new MemoryDocStore<ProjectionDoc>(), aggregates: new MemoryDocStore<AggregateDoc>() };
}

function totalsOf(aggregates: MemoryDocStore<AggregateDoc>, kind: 'totals' | 'day') {
  return sumCounters(
    aggregates
      .all()
      .filter((d) => d.kind === kind)
      .map((d) => d.counters),
  );
}

/** What the aggregates must hold: the counters of each order's highest version. */
function expected(events: readonly OrderIntegrationEvent[]) {
  const latest = new Map<string, OrderIntegrationEvent>();
  for (const e of events) if ((latest.get(e.orderId)?.version ?? 0) < e.version) latest.set(e.orderId, e);
  return sumCounters([...latest.values()].map((e) => orderCounters(e.order)));
}

describe('applyOrderEvent', () => {
  it('projects a new order into the totals and its creation day', async () => {
    const s = stores();
    await expect(applyOrderEvent(orderEvent('o-1', 1, 'pending'), s)).resolves.toBe('applied');
    const totals = totalsOf(s.aggregates, 'totals');
    expect(totals).toMatchObject({
      orders: 1,
      revenue: 1571,
      'status|pending': 1,
      'skuQty|SKU-A': 2,
      'skuRev|SKU-A': 500,
    });
    expect(totalsOf(s.aggregates, 'day')).toEqual(totals);
    expect((await s.projections.read('o-1'))?.doc).toMatchObject({
      version: 1,
      open: true,
      day: '2026-11-20',
    });
  });

  it('treats a redelivered event as a no-op', async () => {
    const s = stores();
    await applyOrderEvent(orderEvent('o-1', 1, 'pending'), s);
    await expect(applyOrderEvent(orderEvent('o-1', 1, 'pending'), s)).resolves.toBe('stale');
    expect(totalsOf(s.aggregates, 'totals').orders).toBe(1);
  });

  it('ignores an older version that arrives after a newer one', async () => {
    const s = stores();
    await applyOrderEvent(orderEvent('o-1', 2, 'cancelled'), s);
    await expect(applyOrderEvent(orderEvent('o-1', 1, 'pending'), s)).resolves.toBe('stale');
    expect(totalsOf(s.aggregates, 'totals')).toEqual({ orders: 1, cancelled: 1, 'status|cancelled': 1 });
  });

  it('moves an order between statuses and removes cancelled revenue', async () => {
    const s = stores();
    await applyOrderEvent(orderEvent('o-1', 1, 'pending'), s);
    await applyOrderEvent(orderEvent('o-1', 2, 'confirmed'), s);
    await applyOrderEvent(orderEvent('o-1', 3, 'cancelled'), s);
    expect(totalsOf(s.aggregates, 'totals')).toEqual({ orders: 1, cancelled: 1, 'status|cancelled': 1 });
    expect((await s.projections.read('o-1'))?.doc.open).toBe(false);
  });

  it('finishes an interrupted intent on the next delivery without counting twice', async () => {
    const s = stores();
    s.aggregates.crashAfterWrites = 1; // the projection intent and one aggregate are written, then the process dies
    await expect(applyOrderEvent(orderEvent('o-1', 1, 'pending'), s)).rejects.toThrow(SimulatedCrash);
    expect((await s.projections.read('o-1'))?.doc.pending).toBeDefined();
    await expect(applyOrderEvent(orderEvent('o-1', 1, 'pending'), s)).resolves.toBe('stale');
    expect(totalsOf(s.aggregates, 'totals').orders).toBe(1);
    expect(totalsOf(s.aggregates, 'day').orders).toBe(1);
    expect((await s.projections.read('o-1'))?.doc.pending).toBeUndefined();
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
        fc.array(orderArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { minLength: 5, maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 4 }),
        async (orders, picks, crashes) => {
          const s = stores();
          const events = orders.flatMap((o, i) =>
            o.path.map((status, v) =>
              orderEvent(`o-${i}`, v + 1, status, { createdAt: `2026-11-0${o.day}T12:00:00.000Z` }),
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
            if (crash !== undefined) (crash % 2 ? s.aggregates : s.projections).crashAfterWrites = crash;
            const results = await Promise.allSettled(batch.map((e) => applyOrderEvent(e, s)));
            results.forEach((r, i) => {
              if (r.status === 'rejected') queue.push(batch[i]!); // abandoned: Service Bus redelivers it
            });
            s.aggregates.crashAfterWrites = undefined;
            s.projections.crashAfterWrites = undefined;
          }
          expect(totalsOf(s.aggregates, 'totals')).toEqual(expected(events));
          expect(totalsOf(s.aggregates, 'day')).toEqual(expected(events));
          expect(s.projections.all().every((p) => p.pending === undefined)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
