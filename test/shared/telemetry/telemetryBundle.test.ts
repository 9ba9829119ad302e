import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The app runs as an ESM bundle with code splitting (tools/build/buildApp.ts), where a CommonJS package reached
// through a dynamic import() comes back as a bare namespace (`OTLPTraceExporter is not a constructor`), which no
// test running the TypeScript sources can see. This bundles the exporter selection the same way and runs it,
// exporting a span and a metric through each OTLP protocol to a server here that records what arrives.
const root = resolve(__dirname, '..', '..', '..');
let dir: string;
// What the bundled exporters send arrives here: path and content type of each export.
const received: string[] = [];
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received.push(`${req.url} ${req.headers['content-type']}`);
    res.writeHead(200, { 'content-type': String(req.headers['content-type']) }).end();
  });
});
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orderflow-telemetry-bundle-'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((r) => server.close(() => r()));
});

it('builds both destinations exporters from the bundled app, and exports OTLP in the protocol asked', async () => {
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { telemetryExporters } from ${JSON.stringify(join(root, 'shared/telemetry/telemetryExporters'))};
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import { resourceFromAttributes } from '@opentelemetry/resources';
const e = await telemetryExporters(
  { otlpEndpoint: 'http://127.0.0.1:9', otlpProtocol: 'http/protobuf', azureMonitor: { connectionString: 'InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://x.example.test/', managedIdentityClientId: 'c' }, serviceName: 'x', metricExportIntervalMs: 60000 },
  { credential: () => ({ getToken: async () => null }), azureMonitorOptions: { disableOfflineStorage: true } },
);
console.log(JSON.stringify([...e.spans, ...e.metrics].map((x) => x.constructor.name.replace(/[0-9]+$/, ""))));
await Promise.all([...e.spans, ...e.metrics].map((x) => x.shutdown()));
// One span and one metric through each protocol's exporters, to the test's server.
const span = new BasicTracerProvider().getTracer('t').startSpan('s');
span.end();
const resource = resourceFromAttributes({ 'service.name': 'x' });
const metrics = { resource, scopeMetrics: [{ scope: { name: 'orderflow' }, metrics: [{ descriptor: { name: 'orderflow.orders.created', description: '', unit: '', valueType: 0, type: 'COUNTER' }, aggregationTemporality: AggregationTemporality.CUMULATIVE, dataPointType: DataPointType.SUM, isMonotonic: true, dataPoints: [{ startTime: [1, 0], endTime: [2, 0], attributes: {}, value: 1 }] }] }] };
for (const otlpProtocol of ['http/protobuf', 'http/json']) {
  const o = await telemetryExporters({ otlpEndpoint: process.env.ENDPOINT, otlpProtocol, serviceName: 'x', metricExportIntervalMs: 60000 });
  for (const [exporter, items] of [[o.spans[0], [span]], [o.metrics[0], metrics]]) {
    const result = await new Promise((r) => exporter.export(items, r));
    if (result.code !== 0) throw result.error ?? new Error('export failed');
    await exporter.shutdown();
  }
}`,
  );
  await build({
    entryPoints: { entry },
    outdir: join(dir, 'out'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    // The entry lives in a scratch folder: its own imports resolve from the repository's packages.
    nodePaths: [join(root, 'node_modules')],
    logLevel: 'silent',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  // Asynchronously: the child exports to this process's server.
  const out = await new Promise<string>((resolvePromise, reject) =>
    execFile(
      process.execPath,
      [join(dir, 'out', 'entry.mjs')],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          ENDPOINT: endpoint,
          APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
          APPLICATIONINSIGHTS_SDKSTATS_DISABLED: 'true',
        },
        timeout: 60_000,
      },
      (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolvePromise(stdout),
    ),
  );
  expect(JSON.parse(out.trim().split('\n')[0]!)).toEqual([
    'OTLPTraceExporter',
    'AzureMonitorTraceExporter',
    'OTLPMetricExporter',
    'AzureMonitorMetricExporter',
  ]);
  expect(received).toEqual([
    '/v1/traces application/x-protobuf',
    '/v1/metrics application/x-protobuf',
    '/v1/traces application/json',
    '/v1/metrics application/json',
  ]);
}, 90_000);
