import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MetricStore, type MetricStoreOptions } from './MetricStore';
import { spansFromOtlpJson } from './otlpJson';
import { metricPointsFromOtlpJson } from './otlpMetricsJson';
import { otlpMetricsFromProtobuf, otlpStatusProtobuf, otlpTracesFromProtobuf } from './otlpProtobuf';
import { TraceStore, type TraceStoreOptions } from './TraceStore';

export interface TelemetryReceiverOptions extends TraceStoreOptions, MetricStoreOptions {
  /** Port on 127.0.0.1. Default 0 (ephemeral). */
  port?: number;
  /** Largest export accepted, in bytes. Default 4 MiB. */
  maxBodyBytes?: number;
}

export interface TelemetryReceiver {
  /** The base URL for `OTEL_EXPORTER_OTLP_ENDPOINT` (the exporters POST to `<url>/v1/traces` and `<url>/v1/metrics`). */
  url: string;
  store: TraceStore;
  metrics: MetricStore;
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json';
const PROTOBUF = 'application/x-protobuf';

const answer = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

async function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > max) return undefined;
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

/**
 * An OTLP/HTTP receiver for traces and metrics (`POST /v1/traces`, `POST /v1/metrics`) in both of OTLP/HTTP's
 * encodings, protobuf (OpenTelemetry's default, and the app's) and JSON, keeping them in a bounded TraceStore and
 * MetricStore for the portal's Traces page. Any other content type is refused with 415.
 */
export async function startTelemetryReceiver(
  opts: TelemetryReceiverOptions = {},
): Promise<TelemetryReceiver> {
  const store = new TraceStore(opts);
  const metrics = new MetricStore(opts);
  // Each signal: what to do with an export in JSON's object form, and how protobuf bytes become that form.
  const signals = new Map<
    string,
    { accept: (body: unknown) => void; fromProtobuf: (b: Uint8Array) => unknown }
  >([
    [
      '/v1/traces',
      { accept: (body) => store.add(spansFromOtlpJson(body)), fromProtobuf: otlpTracesFromProtobuf },
    ],
    [
      '/v1/metrics',
      {
        accept: (body) => metrics.add(metricPointsFromOtlpJson(body)),
        fromProtobuf: otlpMetricsFromProtobuf,
      },
    ],
  ]);
  const max = opts.maxBodyBytes ?? 4 * 1024 * 1024;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    // Answers in the request's encoding, as OTLP/HTTP asks: an empty Export*ServiceResponse on success (`{}`, or
    // zero bytes of protobuf), a google.rpc.Status on a refusal.
    const reply = (status: number, error?: { code: number; message: string }) => {
      if (type !== PROTOBUF) return answer(res, status, error ?? {});
      res.writeHead(status, { 'content-type': PROTOBUF, 'cache-control': 'no-store' });
      res.end(error ? otlpStatusProtobuf(error.code, error.message) : undefined);
    };
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const signal = signals.get(path);
    if (!signal) return reply(404, { code: 5, message: 'only /v1/traces and /v1/metrics are served' });
    if (req.method !== 'POST') return reply(405, { code: 12, message: 'POST only' });
    if (type !== JSON_TYPE && type !== PROTOBUF)
      return reply(415, { code: 3, message: 'OTLP/HTTP is application/x-protobuf or application/json' });
    const body = await readBody(req, max);
    if (!body) {
      res.setHeader('connection', 'close');
      return reply(413, { code: 8, message: `export larger than ${max} bytes` });
    }
    let parsed: unknown;
    try {
      parsed = type === JSON_TYPE ? JSON.parse(body.toString('utf8')) : signal.fromProtobuf(body);
    } catch {
      return reply(400, {
        code: 3,
        message: type === JSON_TYPE ? 'the body is not JSON' : 'the body is not an OTLP protobuf export',
      });
    }
    signal.accept(parsed);
    reply(200);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) answer(res, 400, { code: 3, message: 'unreadable request' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    metrics,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
