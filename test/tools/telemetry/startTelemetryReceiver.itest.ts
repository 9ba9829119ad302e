import fc from 'fast-check';
import { startTelemetryReceiver, type TelemetryReceiver } from '../../../tools/telemetry';

let receiver: TelemetryReceiver;
beforeAll(async () => {
  receiver = await startTelemetryReceiver({ maxBodyBytes: 10_000, maxSeries: 20 });
});
afterAll(() => receiver.close());

const post = (body: string, type = 'application/json', path = '/v1/traces') =>
  fetch(`${receiver.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });

describe('OTLP/HTTP receiver', () => {
  it('stores the spans of a JSON export and answers an empty ExportTraceServiceResponse', async () => {
    const res = await post(
      JSON.stringify({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: '1'.repeat(32),
                    spanId: '2'.repeat(16),
                    name: 'x',
                    startTimeUnixNano: '1',
                    endTimeUnixNano: '2',
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(receiver.store.trace('1'.repeat(32))?.spans).toHaveLength(1);
  });

  it('refuses protobuf (415), bad JSON (400), too large (413), other paths (404) and methods (405)', async () => {
    expect((await post('x', 'application/x-protobuf')).status).toBe(415);
    expect((await post('{')).status).toBe(400);
    expect((await post(`"${'x'.repeat(20_000)}"`)).status).toBe(413);
    expect((await post('{}', 'application/json', '/v1/logs')).status).toBe(404);
    expect((await post('{}', 'application/json', '/constructor')).status).toBe(404);
    expect((await fetch(`${receiver.url}/v1/traces`)).status).toBe(405);
    // Still serving after every refusal.
    expect((await post('{}')).status).toBe(200);
  });
});

const counter = (value: number, attrs: Record<string, string>) => ({
  name: 'orderflow.orders.created',
  sum: {
    aggregationTemporality: 2,
    isMonotonic: true,
    dataPoints: [
      {
        timeUnixNano: '1700000000000000000',
        asInt: String(value),
        attributes: Object.entries(attrs).map(([key, v]) => ({ key, value: { stringValue: v } })),
      },
    ],
  },
});
const metricsExport = (metrics: unknown[], instance = 'i-1') =>
  JSON.stringify({
    resourceMetrics: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'orderflow' } },
            { key: 'service.instance.id', value: { stringValue: instance } },
          ],
        },
        scopeMetrics: [{ metrics }],
      },
    ],
  });

describe('OTLP/HTTP receiver: metrics', () => {
  it('stores the points of a JSON metrics export, refusing protobuf (415) and a body 10x the limit (413)', async () => {
    const res = await post(
      metricsExport([counter(4, { 'orderflow.order.currency': 'EUR' })]),
      'application/json',
      '/v1/metrics',
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(receiver.metrics.view().counters).toContainEqual(
      expect.objectContaining({ name: 'orderflow.orders.created', value: 4 }),
    );
    expect((await post('x', 'application/x-protobuf', '/v1/metrics')).status).toBe(415);
    const huge = metricsExport([counter(1, { pad: 'x'.repeat(100_000) })]);
    expect((await post(huge, 'application/json', '/v1/metrics')).status).toBe(413);
    expect((await post('{', 'application/json', '/v1/metrics')).status).toBe(400);
  });

  it('keeps at most maxSeries series when sent 10x as many', async () => {
    for (let batch = 0; batch < 10; batch += 1) {
      const metrics = Array.from({ length: 20 }, (_, i) => counter(1, { k: `s${batch * 20 + i}` }));
      expect((await post(metricsExport(metrics), 'application/json', '/v1/metrics')).status).toBe(200);
    }
    const view = receiver.metrics.view();
    expect(view.series).toBe(20);
    expect(view.dropped).toBeGreaterThanOrEqual(180);
  });

  it('answers garbage and mangled exports with 200 or 400, never 5xx, and keeps serving', async () => {
    // Invariant: no request can stop the receiver or make it fail; malformed points are skipped.
    const anyJson = fc.jsonValue({ maxDepth: 3 });
    const few = <T>(a: fc.Arbitrary<T>) => fc.array(a, { maxLength: 3 });
    const mangled = fc.record({
      resourceMetrics: few(
        fc.record({
          resource: anyJson,
          scopeMetrics: few(
            fc.record({
              metrics: few(
                fc.record(
                  {
                    name: fc.oneof(fc.string(), anyJson),
                    sum: fc.record({
                      dataPoints: few(
                        fc.dictionary(
                          fc.constantFrom('asInt', 'asDouble', 'timeUnixNano', 'attributes'),
                          anyJson,
                        ),
                      ),
                    }),
                    histogram: fc.record({
                      dataPoints: few(
                        fc.dictionary(
                          fc.constantFrom(
                            'count',
                            'sum',
                            'bucketCounts',
                            'explicitBounds',
                            'timeUnixNano',
                            'min',
                            'max',
                          ),
                          anyJson,
                        ),
                      ),
                    }),
                  },
                  { requiredKeys: [] },
                ),
              ),
            }),
          ),
        }),
      ),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyJson.map((v) => JSON.stringify(v)),
          mangled.map((v) => JSON.stringify(v) ?? '{}'),
          fc.string(),
        ),
        async (body) => {
          const status = (await post(body, 'application/json', '/v1/metrics')).status;
          expect([200, 400, 413]).toContain(status);
        },
      ),
      { numRuns: 200 },
    );
    expect(receiver.metrics.view().series).toBeLessThanOrEqual(20);
    expect(
      (await post(metricsExport([counter(1, { k: 'after' })]), 'application/json', '/v1/metrics')).status,
    ).toBe(200);
  });
});
