import { createHttpHeaders, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { gunzipSync } from 'node:zlib';
import { telemetryExporters } from '../../../shared/telemetry/telemetryExporters';
import { telemetrySettings } from '../../../shared/telemetry/telemetrySettings';

// Microsoft Entra ID cannot be reached here: the credential is a fake that hands out a token, and the ingestion
// endpoint is an HTTP client double behind the real exporters' pipeline (which refuses bearer tokens over plain
// HTTP, so no local server can stand in). What is proven: which exporters are chosen, that the Azure Monitor ones
// ask the managed identity's credential for the Azure Monitor scope and send its token, and no key otherwise.
process.env.APPLICATION_INSIGHTS_NO_STATSBEAT = 'true';
process.env.APPLICATIONINSIGHTS_SDKSTATS_DISABLED = 'true';

const INGEST = 'https://fake-ingest.example.test/';
const CONNECTION = `InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=${INGEST}`;
const CLIENT_ID = '11111111-2222-3333-4444-555555555555';

interface Sent {
  url: string;
  authorization: string | undefined;
  body: string;
}

function ingestion(): { client: HttpClient; sent: Sent[] } {
  const sent: Sent[] = [];
  const client: HttpClient = {
    sendRequest: (request: PipelineRequest) => {
      const raw = request.body as Buffer | string | undefined;
      const bytes = typeof raw === 'string' ? Buffer.from(raw) : Buffer.from(raw ?? []);
      const gzip = request.headers.get('content-encoding') === 'gzip';
      sent.push({
        url: request.url,
        authorization: request.headers.get('authorization'),
        body: (gzip ? gunzipSync(bytes) : bytes).toString('utf8'),
      });
      const items = (gzip ? gunzipSync(bytes) : bytes).toString('utf8').split('\n').filter(Boolean).length;
      return Promise.resolve({
        request,
        status: 200,
        headers: createHttpHeaders({ 'content-type': 'application/json' }),
        bodyAsText: JSON.stringify({ itemsReceived: items, itemsAccepted: items, errors: [] }),
      });
    },
  };
  return { client, sent };
}

function fakeCredential() {
  const calls: { clientId: string; scopes: string[] }[] = [];
  const factory = (clientId: string): TokenCredential => ({
    getToken: (scopes: string | string[], _opts?: GetTokenOptions): Promise<AccessToken> => {
      calls.push({ clientId, scopes: [scopes].flat() });
      return Promise.resolve({ token: `token-of-${clientId}`, expiresOnTimestamp: Date.now() + 3_600_000 });
    },
  });
  return { factory, calls };
}

async function exportOneSpanAndMetric(
  settings: NonNullable<ReturnType<typeof telemetrySettings>>,
  deps: Parameters<typeof telemetryExporters>[1],
) {
  const exporters = await telemetryExporters(settings, deps);
  const tracer = new BasicTracerProvider({
    spanProcessors: exporters.spans.map((e) => new SimpleSpanProcessor(e)),
  });
  tracer.getTracer('test').startSpan('create_item orders.orders').end();
  await tracer.forceFlush();
  const meters = new MeterProvider({
    readers: exporters.metrics.map(
      (exporter) => new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 }),
    ),
  });
  meters
    .getMeter('orderflow')
    .createCounter('orderflow.orders.created')
    .add(1, { 'orderflow.order.currency': 'EUR' });
  await meters.forceFlush();
  await Promise.all([tracer.shutdown(), meters.shutdown()]);
  return exporters;
}

describe('telemetryExporters', () => {
  it('exports spans and metrics to Application Insights with the managed identity token, no key', async () => {
    const { client, sent } = ingestion();
    const credential = fakeCredential();
    const settings = telemetrySettings({
      APPLICATIONINSIGHTS_CONNECTION_STRING: CONNECTION,
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: `Authorization=AAD;ClientId=${CLIENT_ID}`,
    })!;
    const exporters = await exportOneSpanAndMetric(settings, {
      credential: credential.factory,
      azureMonitorOptions: { httpClient: client, disableOfflineStorage: true },
    });
    expect(exporters.destinations).toEqual(['azureMonitor']);
    expect(credential.calls.length).toBeGreaterThanOrEqual(1);
    for (const c of credential.calls)
      expect(c).toEqual({ clientId: CLIENT_ID, scopes: ['https://monitor.azure.com/.default'] });
    const track = sent.filter((s) => s.url.startsWith(INGEST));
    expect(track.some((s) => s.body.includes('create_item orders.orders'))).toBe(true);
    expect(track.some((s) => s.body.includes('orderflow.orders.created'))).toBe(true);
    for (const s of track) expect(s.authorization).toBe(`Bearer token-of-${CLIENT_ID}`);
  });

  it('asks no credential and sends no bearer token without Authorization=AAD (the key path)', async () => {
    const { client, sent } = ingestion();
    const credential = fakeCredential();
    const settings = telemetrySettings({ APPLICATIONINSIGHTS_CONNECTION_STRING: CONNECTION })!;
    await exportOneSpanAndMetric(settings, {
      credential: credential.factory,
      azureMonitorOptions: { httpClient: client, disableOfflineStorage: true },
    });
    expect(credential.calls).toEqual([]);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const s of sent) expect(s.authorization).toBeUndefined();
  });

  it('chooses OTLP alone offline and both when both are configured', async () => {
    const offline = await telemetryExporters(
      telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' })!,
    );
    expect(offline.destinations).toEqual(['otlp']);
    expect(offline.spans.map((e) => e.constructor.name)).toEqual(['OTLPTraceExporter']);
    expect(offline.metrics.map((e) => e.constructor.name)).toEqual(['OTLPMetricExporter']);
    const both = await telemetryExporters(
      telemetrySettings({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
        APPLICATIONINSIGHTS_CONNECTION_STRING: CONNECTION,
      })!,
      { credential: fakeCredential().factory, azureMonitorOptions: { disableOfflineStorage: true } },
    );
    expect(both.destinations).toEqual(['otlp', 'azureMonitor']);
    expect(both.spans.map((e) => e.constructor.name)).toEqual([
      'OTLPTraceExporter',
      'AzureMonitorTraceExporter',
    ]);
    expect(both.metrics.map((e) => e.constructor.name)).toEqual([
      'OTLPMetricExporter',
      'AzureMonitorMetricExporter',
    ]);
    await Promise.all(
      [...offline.spans, ...both.spans, ...offline.metrics, ...both.metrics].map((e) => e.shutdown()),
    );
  });
});
