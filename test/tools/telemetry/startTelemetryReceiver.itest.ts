import { SpanKind } from '@opentelemetry/api';
import { ProtobufMetricsSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import fc from 'fast-check';
import { startTelemetryReceiver, type TelemetryReceiver } from '../../../tools/telemetry';

let receiver: TelemetryReceiver;
beforeAll(async () => {
  receiver = await startTelemetryReceiver({ maxBodyBytes: 10_000, maxSeries: 20 });
});
afterAll(() => receiver.close());

const post = (body: string | Uint8Array, type = 'application/json', path = '/v1/traces') =>
  fetch(`${receiver.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': type },
    body: body as BodyInit,
  });

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

  it('refuses other encodings (415), bad JSON or protobuf (400), too large (413), other paths (404) and methods (405)', async () => {
    expect((await post('x', 'text/plain')).status).toBe(415);
    expect((await post('{}', 'application/jsonx')).status).toBe(415);
    expect((await post('x', 'application/x-protobuf')).status).toBe(400);
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
  it('stores the points of a JSON metrics export, refusing another encoding (415) and a body 10x the limit (413)', async () => {
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
    expect((await post('x', 'application/protobuf', '/v1/metrics')).status).toBe(415);
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

describe('OTLP/HTTP receiver: protobuf, as the OpenTelemetry exporters send it', () => {
  const resource = resourceFromAttributes({ 'service.name': 'orderflow', 'service.instance.id': 'proto-1' });

  // The serializers OpenTelemetry's OTLP protobuf exporters send with (the exporters themselves load their HTTP
  // transport with a dynamic import, which Jest cannot run; test/e2e/tracing.itest.ts runs them against this
  // receiver through `npm run dev`).
  it('stores exports written by the OTLP protobuf serializers, and answers each in protobuf', async () => {
    const spans = new InMemorySpanExporter();
    const tracer = new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(spans)] });
    const server = tracer.getTracer('orderflow').startSpan('createOrder', { kind: SpanKind.SERVER });
    server.end();
    const metrics = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const meters = new MeterProvider({
      resource,
      readers: [new PeriodicExportingMetricReader({ exporter: metrics, exportIntervalMillis: 3_600_000 })],
    });
    meters.getMeter('orderflow').createCounter('orderflow.emails.sent').add(2, { template: 'proto' });
    await meters.forceFlush();
    for (const [body, path] of [
      [ProtobufTraceSerializer.serializeRequest(spans.getFinishedSpans())!, '/v1/traces'],
      [ProtobufMetricsSerializer.serializeRequest(metrics.getMetrics()[0]!)!, '/v1/metrics'],
    ] as const) {
      const res = await post(body, 'application/x-protobuf', path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/x-protobuf');
      expect((await res.arrayBuffer()).byteLength).toBe(0);
    }
    await meters.shutdown();
    expect(receiver.store.trace(server.spanContext().traceId)?.spans).toEqual([
      expect.objectContaining({ name: 'createOrder', kind: 2, service: 'orderflow' }),
    ]);
    expect(receiver.metrics.view().counters).toContainEqual(
      expect.objectContaining({ name: 'orderflow.emails.sent', attributes: { template: 'proto' }, value: 2 }),
    );
  });

  it('refuses a protobuf export with a google.rpc.Status in protobuf: 400, 413, 404, 405', async () => {
    // Status { code = 1 (varint), message = 2 (string) }: tag 0x08 then the code, tag 0x12 then the text.
    const status = (code: number, message: string) =>
      Buffer.concat([Buffer.from([0x08, code, 0x12, Buffer.byteLength(message)]), Buffer.from(message)]);
    const cases: [Promise<Response>, number, Buffer][] = [
      [
        post(Buffer.from('x'), 'application/x-protobuf'),
        400,
        status(3, 'the body is not an OTLP protobuf export'),
      ],
      [
        post(Buffer.alloc(100_000, 0x0a), 'application/x-protobuf'), // 10x the limit
        413,
        status(8, 'export larger than 10000 bytes'),
      ],
      [
        post(new Uint8Array(0), 'application/x-protobuf', '/v1/logs'),
        404,
        status(5, 'only /v1/traces and /v1/metrics are served'),
      ],
      [
        fetch(`${receiver.url}/v1/traces`, { headers: { 'content-type': 'application/x-protobuf' } }),
        405,
        status(12, 'POST only'),
      ],
    ];
    for (const [sent, code, body] of cases) {
      const res = await sent;
      expect(res.status).toBe(code);
      expect(res.headers.get('content-type')).toBe('application/x-protobuf');
      expect(Buffer.from(await res.arrayBuffer())).toEqual(body);
    }
  });

  it('answers garbage, truncated and mutated protobuf with 200 or 400, never 5xx, and keeps serving', async () => {
    // Invariant: no request can stop the receiver or make it fail; bytes that are no export are a 400.
    const spans = new InMemorySpanExporter();
    const tracer = new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(spans)] });
    for (let i = 0; i < 3; i++) tracer.getTracer('t').startSpan(`s${i}`, { attributes: { i } }).end();
    const valid = ProtobufTraceSerializer.serializeRequest(spans.getFinishedSpans())!;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 600 }),
          fc.nat(valid.length).map((n) => valid.subarray(0, n)),
          fc.tuple(fc.nat(valid.length - 1), fc.uint8Array({ minLength: 1, maxLength: 8 })).map(([at, b]) => {
            const copy = Uint8Array.from(valid);
            copy.set(b.subarray(0, valid.length - at), at);
            return copy;
          }),
        ),
        fc.constantFrom('/v1/traces', '/v1/metrics'),
        async (body, path) => {
          expect([200, 400]).toContain((await post(body, 'application/x-protobuf', path)).status);
        },
      ),
      { numRuns: 300 },
    );
    expect((await post(valid, 'application/x-protobuf')).status).toBe(200);
  });
});
