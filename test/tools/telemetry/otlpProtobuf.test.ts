import { context, SpanKind, SpanStatusCode, trace, ValueType } from '@opentelemetry/api';
import {
  JsonMetricsSerializer,
  JsonTraceSerializer,
  ProtobufMetricsSerializer,
  ProtobufTraceSerializer,
} from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import fc from 'fast-check';
import { metricPointsFromOtlpJson } from '../../../tools/telemetry/otlpMetricsJson';
import { otlpMetricsFromProtobuf, otlpTracesFromProtobuf } from '../../../tools/telemetry/otlpProtobuf';
import { spansFromOtlpJson, type SpanRecord } from '../../../tools/telemetry/otlpJson';

// The exports here are written by OpenTelemetry's own serializers (the ones its OTLP exporters send), in both
// encodings: what the receiver reads from the protobuf bytes must equal what it reads from the JSON.
const resource = resourceFromAttributes({ 'service.name': 'orderflow', 'service.instance.id': 'i-1' });
const fromJson = (bytes: Uint8Array | undefined): unknown => JSON.parse(Buffer.from(bytes!).toString('utf8'));

/**
 * Spans read from protobuf equal those read from JSON, times to within 2 µs: protobuf's 64-bit
 * nanoseconds are read as doubles (to within 256 ns), JSON's decimal strings exactly, and milliseconds since 1970
 * as doubles are themselves good to about 0.25 µs.
 */
function expectSameSpans(a: SpanRecord[], b: SpanRecord[]): void {
  const timeless = (s: SpanRecord) => ({ ...s, startMs: 0, endMs: 0 });
  expect(a.map(timeless)).toEqual(b.map(timeless));
  a.forEach((s, i) => {
    expect(Math.abs(s.startMs - b[i]!.startMs)).toBeLessThan(0.002);
    expect(Math.abs(s.endMs - b[i]!.endMs)).toBeLessThan(0.002);
  });
}

/** `count` server spans, each with a client child (the shape of POST /api/orders), and their variety. */
function spans(count: number): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('orderflow', '1.0.0');
  const linked = tracer.startSpan('earlier');
  linked.end();
  for (let i = 0; i < count; i++) {
    const server = tracer.startSpan('createOrder', {
      kind: SpanKind.SERVER,
      attributes: { 'faas.trigger': 'http', 'url.path': `/api/orders/${i}`, 'http.request.method': 'POST' },
    });
    const client = tracer.startSpan(
      'create_item orders.orders',
      {
        kind: SpanKind.CLIENT,
        attributes: { 'db.system.name': 'azure.cosmosdb', n: i, big: 2 ** 40 + i, ok: i % 2 === 0 },
        links: [{ context: linked.spanContext(), attributes: { 'orderflow.delivery': i } }],
      },
      trace.setSpan(context.active(), server),
    );
    client.setAttribute('azure.cosmosdb.operation.request_charge', 7.62);
    client.setAttribute('tags', ['a', 'b']);
    client.addEvent('retry', { attempt: 1 });
    if (i % 3 === 0) client.setStatus({ code: SpanStatusCode.ERROR, message: 'conflict' });
    client.end();
    server.setAttribute('http.response.status_code', 201);
    server.end();
  }
  return exporter.getFinishedSpans();
}

async function metricsExport(): Promise<ResourceMetrics> {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ resource, readers: [reader] });
  const meter = provider.getMeter('orderflow');
  meter.createCounter('orderflow.orders.created').add(3, { 'orderflow.order.currency': 'EUR' });
  meter.createCounter('ints', { valueType: ValueType.INT }).add(2 ** 40);
  meter.createUpDownCounter('depth').add(-4, { queue: 'orders' });
  meter.createGauge('lag').record(0.25, { q: 'x' });
  const histogram = meter.createHistogram('orderflow.projection.lag', { unit: 's' });
  for (const v of [0.001, 0.02, 0.5, 3, 12]) histogram.record(v, { queue: 'orders' });
  await provider.forceFlush();
  const [first] = exporter.getMetrics();
  await provider.shutdown();
  return first!;
}

describe('OTLP protobuf exports, decoded to the JSON encoding`s form', () => {
  it('reads the same spans from protobuf as from JSON: ids, times, kinds, attributes, links, status', () => {
    const all = spans(20);
    const fromProtobuf = spansFromOtlpJson(
      otlpTracesFromProtobuf(ProtobufTraceSerializer.serializeRequest(all)!),
    );
    const fromJsonEncoding = spansFromOtlpJson(fromJson(JsonTraceSerializer.serializeRequest(all)));
    expect(fromProtobuf).toHaveLength(41);
    expectSameSpans(fromProtobuf, fromJsonEncoding);
    const client = fromProtobuf.find((s) => s.name.startsWith('create_item') && s.status === 2)!;
    expect(client).toMatchObject({
      kind: 3,
      service: 'orderflow',
      attributes: {
        'db.system.name': 'azure.cosmosdb',
        big: 2 ** 40,
        ok: true,
        'azure.cosmosdb.operation.request_charge': 7.62,
      },
      links: [{ attributes: { 'orderflow.delivery': 0 } }],
    });
    expect(client.parentSpanId).toMatch(/^[0-9a-f]{16}$/);
    expect(fromProtobuf.find((s) => s.name === 'earlier')!.parentSpanId).toBeUndefined();
  });

  it('reads 10x the export batch (5,120 server spans and their children) in one request', () => {
    // 512 spans is the batch span processor's largest export; a receiver must not depend on it.
    const all = spans(5_120);
    const bytes = ProtobufTraceSerializer.serializeRequest(all)!;
    const read = spansFromOtlpJson(otlpTracesFromProtobuf(bytes));
    expect(read).toHaveLength(10_241);
    expect(new Set(read.map((s) => s.spanId)).size).toBe(10_241);
    expectSameSpans(read, spansFromOtlpJson(fromJson(JsonTraceSerializer.serializeRequest(all))));
  });

  it('reads the same metric points from protobuf as from JSON: sums, gauges, histograms, 64-bit values', async () => {
    const rm = await metricsExport();
    const fromProtobuf = metricPointsFromOtlpJson(
      otlpMetricsFromProtobuf(ProtobufMetricsSerializer.serializeRequest(rm)!),
    );
    // Times as for spans (expectSameSpans): the same to within 2 µs, not to the bit. Whether the two readings of a
    // point's nanoseconds round to the same double depends on the clock's value (Node 24 hit one that did not).
    const fromJsonEncoding = metricPointsFromOtlpJson(fromJson(JsonMetricsSerializer.serializeRequest(rm)));
    const timeless = (p: (typeof fromProtobuf)[number]) => ({ ...p, timeMs: 0 });
    expect(fromProtobuf.map(timeless)).toEqual(fromJsonEncoding.map(timeless));
    fromProtobuf.forEach((p, i) =>
      expect(Math.abs(p.timeMs - fromJsonEncoding[i]!.timeMs)).toBeLessThan(0.002),
    );
    expect(fromProtobuf.map((p) => [p.name, p.kind, p.value ?? p.histogram?.count])).toEqual(
      expect.arrayContaining([
        ['orderflow.orders.created', 'sum', 3],
        ['ints', 'sum', 2 ** 40],
        ['depth', 'sum', -4],
        ['lag', 'gauge', 0.25],
        ['orderflow.projection.lag', 'histogram', 5],
      ]),
    );
    expect(fromProtobuf).toHaveLength(5);
  });

  it('throws on bytes that are no export, and never hangs: fuzzed, truncated and mutated', () => {
    const valid = ProtobufTraceSerializer.serializeRequest(spans(3))!;
    const decodeBoth = (b: Uint8Array) => {
      for (const decode of [otlpTracesFromProtobuf, otlpMetricsFromProtobuf]) {
        try {
          const out = decode(b);
          // What does decode is an object the JSON parsers take as any other shape.
          spansFromOtlpJson(out);
          metricPointsFromOtlpJson(out);
        } catch (err) {
          // RangeError and Error from protobufjs, TypeError from node's TextDecoder (strict UTF-8), another realm's.
          expect(err).toHaveProperty('message', expect.any(String));
        }
      }
    };
    expect(() => otlpTracesFromProtobuf(valid.subarray(0, valid.length - 7))).toThrow();
    expect(() => otlpTracesFromProtobuf(Buffer.from('{"resourceSpans":[]}'))).toThrow();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 512 }),
          fc
            .tuple(fc.nat(valid.length - 1), fc.uint8Array({ minLength: 1, maxLength: 8 }))
            .map(([at, bytes]) => {
              const copy = Uint8Array.from(valid);
              copy.set(bytes.subarray(0, valid.length - at), at);
              return copy;
            }),
          fc.nat(valid.length).map((n) => valid.subarray(0, n)),
        ),
        (bytes) => decodeBoth(bytes),
      ),
      { numRuns: 2_000 },
    );
  });
});
