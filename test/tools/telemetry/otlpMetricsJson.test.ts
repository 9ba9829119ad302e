import { JsonMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { metricPointsFromOtlpJson } from '../../../tools/telemetry/otlpMetricsJson';

class CollectingReader extends MetricReader {
  protected onShutdown = () => Promise.resolve();
  protected onForceFlush = () => Promise.resolve();
}

/** What the app's OTLP exporter sends: the SDK's own collection, serialized by the SDK's own JSON serializer. */
async function exportBody(): Promise<unknown> {
  const reader = new CollectingReader();
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'orderflow', 'service.instance.id': 'i-1' }),
    readers: [reader],
  });
  const meter = provider.getMeter('orderflow');
  meter
    .createCounter('orderflow.orders.created', { unit: '{order}' })
    .add(3, { 'orderflow.order.currency': 'EUR' });
  const lag = meter.createHistogram('orderflow.projection.lag', {
    unit: 'ms',
    advice: { explicitBucketBoundaries: [10, 100, 1000] },
  });
  for (const v of [5, 50, 50, 500, 5000]) lag.record(v, { 'orderflow.event.type': 'OrderCreated' });
  meter.createGauge('queue.depth').record(7);
  const { resourceMetrics } = await reader.collect();
  await provider.shutdown();
  return JSON.parse(Buffer.from(JsonMetricsSerializer.serializeRequest(resourceMetrics)!).toString('utf8'));
}

describe('metricPointsFromOtlpJson', () => {
  it('reads sums, histograms and gauges of a real SDK export (64-bit integers as strings)', async () => {
    const points = metricPointsFromOtlpJson(await exportBody());
    const byName = Object.fromEntries(points.map((p) => [p.name, p]));
    expect(byName['orderflow.orders.created']).toMatchObject({
      kind: 'sum',
      unit: '{order}',
      temporality: 2, // cumulative, the OTLP exporter's default
      service: 'orderflow',
      instance: 'i-1',
      attributes: { 'orderflow.order.currency': 'EUR' },
      value: 3,
    });
    expect(byName['orderflow.projection.lag']).toMatchObject({
      kind: 'histogram',
      attributes: { 'orderflow.event.type': 'OrderCreated' },
      histogram: { count: 5, sum: 5605, bounds: [10, 100, 1000], counts: [1, 2, 1, 1], min: 5, max: 5000 },
    });
    expect(byName['queue.depth']).toMatchObject({ kind: 'gauge', temporality: 0, value: 7 });
  });

  it('skips malformed points and answers nothing for garbage, without throwing', () => {
    const histogram = (p: Record<string, unknown>) => ({
      resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'h', histogram: { dataPoints: [p] } }] }] }],
    });
    const ok = { timeUnixNano: '1', count: '1', sum: 1, bucketCounts: ['1', '0'], explicitBounds: [1] };
    expect(metricPointsFromOtlpJson(histogram(ok))).toHaveLength(1);
    for (const bad of [
      { ...ok, bucketCounts: ['1'] }, // counts must be bounds + 1
      { ...ok, bucketCounts: ['-1', '0'] },
      { ...ok, count: 'many' },
      { ...ok, timeUnixNano: 'soon' },
      { ...ok, explicitBounds: Array(300).fill(1), bucketCounts: Array(301).fill('0') },
    ])
      expect(metricPointsFromOtlpJson(histogram(bad))).toEqual([]);
    for (const garbage of [
      null,
      1,
      'x',
      [],
      { resourceMetrics: 'x' },
      { resourceMetrics: [null, 1, { scopeMetrics: [{ metrics: [{}] }] }] },
    ])
      expect(metricPointsFromOtlpJson(garbage)).toEqual([]);
  });
});
