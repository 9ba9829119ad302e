import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The app runs as an ESM bundle with code splitting (tools/build/buildApp.ts), where a CommonJS package reached
// through a dynamic import() comes back as a bare namespace (`OTLPTraceExporter is not a constructor`), which no
// test running the TypeScript sources can see. This bundles the exporter selection the same way and runs it.
const root = resolve(__dirname, '..', '..', '..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'orderflow-telemetry-bundle-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('builds both destinations exporters from the bundled app', async () => {
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { telemetryExporters } from ${JSON.stringify(join(root, 'shared/telemetry/telemetryExporters'))};
const e = await telemetryExporters(
  { otlpEndpoint: 'http://127.0.0.1:9', azureMonitor: { connectionString: 'InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://x.example.test/', managedIdentityClientId: 'c' }, serviceName: 'x', metricExportIntervalMs: 60000 },
  { credential: () => ({ getToken: async () => null }), azureMonitorOptions: { disableOfflineStorage: true } },
);
console.log(JSON.stringify([...e.spans, ...e.metrics].map((x) => x.constructor.name.replace(/[0-9]+$/, ""))));
await Promise.all([...e.spans, ...e.metrics].map((x) => x.shutdown()));`,
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
    logLevel: 'silent',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  const out = execFileSync(process.execPath, [join(dir, 'out', 'entry.mjs')], {
    encoding: 'utf8',
    env: {
      ...process.env,
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      APPLICATIONINSIGHTS_SDKSTATS_DISABLED: 'true',
    },
    timeout: 60_000,
  });
  expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual([
    'OTLPTraceExporter',
    'AzureMonitorTraceExporter',
    'OTLPMetricExporter',
    'AzureMonitorMetricExporter',
  ]);
}, 90_000);
