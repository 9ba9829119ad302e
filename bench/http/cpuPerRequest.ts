/**
 * Diagnosis, not a bench: where the CPU of one API request goes. Starts the same stack as the http bench
 * (bundled app, offline Cosmos DB in its own process, host in its own process), drives POST, GET and health
 * with autocannon, and prints the CPU time each process spent per served request (Linux /proc), next to the
 * same for the SDK floor. `--cpu-prof DIR` also writes a V8 CPU profile of the host.
 *
 *   npx tsx bench/http/cpuPerRequest.ts [--seconds 4] [--cpu-prof DIR] [--only post|get|health|floor] [--workers N] [--otlp]
 *
 * `--workers N` sets FUNCTIONS_WORKER_PROCESS_COUNT (default 1); each worker process is listed on its own.
 * `--otlp` turns telemetry on, exported to a receiver in this process (its CPU counts under `bench`), as the
 * tracing bench's traced host.
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { prepareBundledApp } from '../coldStart/prepareApps';
import { createOrder, orderBodyText } from '../stack/apiClient';
import { appSettings, benchJwtKeys } from '../stack/appSettings';
import { cosmosContainer } from '../stack/cosmosContainer';
import { customerToken } from '../stack/customerToken';
import { startHostProcess } from '../stack/hostProcess';
import { startOfflineStack } from '../stack/offlineStack';
import { startTelemetryReceiver } from '../../tools/telemetry';
import { autocannonRun } from './autocannonRun';
import { cosmosFloor } from './cosmosFloor';
import { procCpu, processTree } from './procCpu';

async function measure(
  label: string,
  pids: Record<string, number>,
  run: () => Promise<{ ok: number; requestsPerSecond: number }>,
): Promise<void> {
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, procCpu(pid)]));
  const self0 = process.cpuUsage();
  const r = await run();
  const us = (ms: number): string => ((ms * 1000) / r.ok).toFixed(0);
  const parts = Object.entries(pids).map(([k, pid]) => {
    const a = before[k]!;
    const b = procCpu(pid);
    return `${k} ${us(b.user - a.user + b.sys - a.sys)} µs (user ${us(b.user - a.user)}, sys ${us(b.sys - a.sys)}, ${((b.switches - a.switches) / r.ok).toFixed(2)} switches)`;
  });
  const self = process.cpuUsage(self0);
  parts.push(`bench ${us((self.user + self.system) / 1000)} µs`);
  console.log(`${label}: ${r.requestsPerSecond.toFixed(0)} req/s; CPU per request: ${parts.join(', ')}`);
}

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  const args = process.argv.slice(2);
  const seconds = Number(args[args.indexOf('--seconds') + 1] ?? 4) || 4;
  const profIdx = args.indexOf('--cpu-prof');
  const profDir = profIdx >= 0 ? resolve(args[profIdx + 1] ?? 'cpu-prof') : undefined;
  const onlyIdx = args.indexOf('--only');
  // One scenario alone gives a CPU profile of that scenario alone.
  const only = onlyIdx >= 0 ? args[onlyIdx + 1] : undefined;
  const workersIdx = args.indexOf('--workers');
  const workers = workersIdx >= 0 ? (args[workersIdx + 1] ?? '1') : '1';
  const wanted = (name: string): boolean => only === undefined || only === name;
  const tmpDir = mkdtempSync(join(tmpdir(), 'cpu-per-request-'));
  // The bundled host launcher keeps packages external: they resolve through the scratch folder, as in runBench.
  symlinkSync(join(root, 'node_modules'), join(tmpDir, 'node_modules'), 'dir');
  const bundled = await prepareBundledApp(root, tmpDir);
  // The profile names bundle positions; keep the bundle and its source maps beside it.
  if (profDir) cpSync(join(bundled.appDir, 'dist', 'app'), join(profDir, 'app'), { recursive: true });
  const stack = await startOfflineStack(root, { serviceBus: true });
  const receiver = args.includes('--otlp') ? await startTelemetryReceiver({ maxTraces: 1000 }) : undefined;
  const jwtKeys = benchJwtKeys();
  try {
    const host = await startHostProcess({
      root,
      tmpDir,
      appDir: bundled.appDir,
      env: appSettings(stack, jwtKeys, {
        'AzureWebJobs.relayOrderChanges.Disabled': 'true',
        'AzureWebJobs.projectOrderEvent.Disabled': 'true',
        'AzureWebJobs.recalculateDashboardTimer.Disabled': 'true',
        'AzureWebJobs.recordDeadLetterAlert.Disabled': 'true',
        'AzureWebJobs.sendEmail.Disabled': 'true',
        FUNCTIONS_WORKER_PROCESS_COUNT: workers,
        ...(receiver
          ? { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_METRIC_EXPORT_INTERVAL: '1000' }
          : { OTEL_SDK_DISABLED: 'true' }),
      }),
      execArgv: [...(profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [])],
    });
    try {
      const { token } = await customerToken(root, host.baseUrl, jwtKeys, stack);
      const readSet: Array<{ id: string; customerId: string }> = [];
      for (let i = 0; i < 100; i++) readSet.push(await createOrder(host.baseUrl, token));
      const customerId = readSet[0]!.customerId;
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      const paths = readSet.map((o) => `/api/orders/${o.id}`);
      const workerPids = processTree(host.child.pid!).slice(1);
      const pids: Record<string, number> = {
        host: host.child.pid!,
        ...Object.fromEntries(workerPids.map((pid, i) => [`worker ${i + 2}`, pid])),
        cosmos: stack.child.pid!,
      };
      const container = await cosmosContainer(stack, 'orders', 'orders');
      const post = (durationS: number) =>
        autocannonRun({
          url: host.baseUrl,
          connections: 10,
          durationS,
          method: 'POST',
          headers,
          body: orderBodyText,
          paths: ['/api/orders'],
        });
      const get = (durationS: number) =>
        autocannonRun({ url: host.baseUrl, connections: 10, durationS, method: 'GET', headers, paths });
      // Warm the JIT and the lazy chunks of what is measured (zod, for one, is ten times slower for its first thousand calls).
      if (wanted('post')) await post(2);
      if (wanted('get')) await get(2);
      if (wanted('post')) await measure('POST /api/orders', pids, () => post(seconds));
      if (wanted('floor'))
        await measure('SDK create', pids, () =>
          cosmosFloor({ container, op: 'create', concurrency: 10, durationMs: seconds * 1000, customerId }),
        );
      if (wanted('get')) await measure('GET /api/orders/{id}', pids, () => get(seconds));
      if (wanted('floor'))
        await measure('SDK point read', pids, () =>
          cosmosFloor({
            container,
            op: 'read',
            concurrency: 10,
            durationMs: seconds * 1000,
            readIds: readSet,
            customerId,
          }),
        );
      if (wanted('health'))
        await measure('GET /api/health', pids, () =>
          autocannonRun({
            url: host.baseUrl,
            connections: 10,
            durationS: seconds,
            method: 'GET',
            headers: {},
            paths: ['/api/health'],
          }),
        );
    } finally {
      await host.close();
    }
  } finally {
    await receiver?.close();
    await stack.close();
    rmSync(tmpDir, { recursive: true, force: true });
  }
  if (profDir)
    console.log(
      `host CPU profile written to ${profDir}; the app it ran (with source maps) in ${profDir}/app`,
    );
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
