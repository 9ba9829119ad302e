import { MetricStore, quantile } from '../../../tools/telemetry/MetricStore';
import type { MetricPoint } from '../../../tools/telemetry/otlpMetricsJson';

const sum = (value: number, over: Partial<MetricPoint> = {}): MetricPoint => ({
  name: 'orderflow.orders.created',
  unit: '{order}',
  kind: 'sum',
  temporality: 2,
  service: 'orderflow',
  instance: 'i-1',
  attributes: { 'orderflow.order.currency': 'EUR' },
  timeMs: 1,
  value,
  ...over,
});
const lag = (counts: number[], over: Partial<MetricPoint> = {}): MetricPoint => ({
  ...sum(0),
  name: 'orderflow.projection.lag',
  unit: 'ms',
  kind: 'histogram',
  attributes: { 'orderflow.event.type': 'OrderCreated' },
  value: undefined,
  histogram: {
    count: counts.reduce((a, b) => a + b, 0),
    sum: 0,
    bounds: [10, 100, 1000],
    counts,
    min: 1,
    max: 4000,
  },
  ...over,
});

describe('MetricStore', () => {
  it('keeps the latest cumulative value per process and sums the processes', () => {
    const store = new MetricStore();
    store.add([
      sum(1),
      sum(2),
      sum(5, { instance: 'i-2' }),
      sum(1, { attributes: { 'orderflow.order.currency': 'USD' } }),
    ]);
    expect(store.view().counters.map((c) => [c.attributes['orderflow.order.currency'], c.value])).toEqual([
      ['EUR', 7],
      ['USD', 1],
    ]);
  });

  it('adds delta points to the series', () => {
    const store = new MetricStore();
    store.add([sum(2, { temporality: 1 }), sum(3, { temporality: 1 })]);
    store.add([lag([1, 0, 0, 0], { temporality: 1 }), lag([0, 1, 0, 0], { temporality: 1 })]);
    const v = store.view();
    expect(v.counters[0]?.value).toBe(5);
    expect(v.histograms[0]).toMatchObject({ count: 2 });
  });

  it('merges the histograms of every process and reads percentiles from the buckets', () => {
    const store = new MetricStore();
    store.add([lag([10, 80, 0, 0]), lag([0, 0, 9, 1], { instance: 'i-2' })]);
    const [h] = store.view().histograms;
    expect(h).toMatchObject({ count: 100, max: 4000 });
    // 50th of 100: inside (10, 100] at rank 40 of 80 -> 10 + 40/80 * 90.
    expect(h!.p50).toBeCloseTo(55);
    expect(h!.p90).toBeCloseTo(100);
    expect(h!.p99).toBeCloseTo(1000);
  });

  it('interpolates within the first and the overflow bucket from the recorded min and max', () => {
    const h = { count: 4, sum: 0, bounds: [10], counts: [2, 2], min: 2, max: 30 };
    expect(quantile(h, 0.25)).toBeCloseTo(6);
    // The overflow bucket ends at the recorded max: rank 3.5 is 1.5 of its 2 counts into (10, 30].
    expect(quantile(h, 0.875)).toBeCloseTo(25);
    expect(quantile(h, 1)).toBe(30);
    expect(quantile({ ...h, count: 0, counts: [0, 0] }, 0.5)).toBe(0);
  });

  it('holds at most maxSeries series at 10x that many, dropping the least recently updated', () => {
    const store = new MetricStore({ maxSeries: 50 });
    for (let i = 0; i < 500; i += 1) store.add([sum(i, { attributes: { k: `v${i}` } })]);
    store.add([sum(1, { attributes: { k: 'v450' } })]); // refreshed: now the newest
    store.add([sum(1, { attributes: { k: 'new' } })]);
    const v = store.view();
    expect(v.series).toBe(50);
    expect(v.dropped).toBe(451);
    const kept = v.counters.map((c) => c.attributes.k);
    expect(kept).toContain('v450');
    expect(kept).toContain('new');
    expect(kept).not.toContain('v451');
  });
});
