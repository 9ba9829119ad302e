import { TraceStore } from '../../../tools/telemetry';
import type { SpanRecord } from '../../../tools/telemetry';

const span = (traceId: string, spanId: string, over: Partial<SpanRecord> = {}): SpanRecord => ({
  traceId,
  spanId,
  name: 'op',
  kind: 1,
  service: 'orderflow',
  startMs: 0,
  endMs: 10,
  status: 0,
  attributes: {},
  links: [],
  ...over,
});
const tid = (i: number) => i.toString(16).padStart(32, '0');
const sid = (i: number) => i.toString(16).padStart(16, '0');

describe('TraceStore', () => {
  it('keeps only the last maxTraces traces, 10x past the bound, and forgets their orders', () => {
    const store = new TraceStore({ maxTraces: 50 });
    for (let i = 1; i <= 500; i++)
      store.add([span(tid(i), sid(i), { attributes: { 'orderflow.order.id': `o-${i}` } })]);
    expect(store.size).toBe(50);
    expect(store.trace(tid(450))).toBeUndefined();
    expect(store.traceIdOfOrder('o-450')).toBeUndefined();
    expect(store.traceIdOfOrder('o-451')).toBe(tid(451));
    expect(store.recent(3).map((t) => t.orderId)).toEqual(['o-500', 'o-499', 'o-498']);
  });

  it('caps the spans of one trace and counts the ones dropped', () => {
    const store = new TraceStore({ maxSpansPerTrace: 20 });
    for (let i = 1; i <= 200; i++) store.add([span(tid(1), sid(i))]);
    expect(store.trace(tid(1))).toMatchObject({ dropped: 180 });
    expect(store.trace(tid(1))!.spans).toHaveLength(20);
  });

  it('ranks order traces slowest first by their whole extent, and leaves traces of no order out', () => {
    const store = new TraceStore();
    store.add([
      span(tid(1), sid(1), { startMs: 100, endMs: 150 }),
      span(tid(1), sid(2), {
        parentSpanId: sid(1),
        startMs: 140,
        endMs: 400,
        attributes: { 'orderflow.order.id': 'slow' },
      }),
      span(tid(2), sid(3), {
        startMs: 0,
        endMs: 30,
        attributes: { 'orderflow.order.id': 'fast' },
        status: 2,
      }),
      span(tid(3), sid(4), { startMs: 0, endMs: 9_000 }),
    ]);
    expect(store.slowestOrders(10)).toEqual([
      expect.objectContaining({ orderId: 'slow', durationMs: 300, spanCount: 2, rootName: 'op', errors: 0 }),
      expect.objectContaining({ orderId: 'fast', durationMs: 30, errors: 1 }),
    ]);
  });
});
