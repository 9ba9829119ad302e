import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { checkBudget } from '../budget';
import { prepareBundledApp } from '../coldStart/prepareApps';
import { autocannonRun } from '../http/autocannonRun';
import { HTTP_BENCH_WORKERS } from '../http/httpBench';
import { processTree, treeCpu } from '../http/procCpu';
import { repeatBounded } from '../limits';
import { requireFiles } from '../parts';
import { orderBodyText } from '../stack/apiClient';
import { appSettings, benchJwtKeys } from '../stack/appSettings';
import { AccessTokens } from '../../shared/auth/accessTokens';
import { startHostProcess, type HostProcess } from '../stack/hostProcess';
import { startOfflineStack } from '../stack/offlineStack';
import { median, summarize } from '../stats';
import type { Bench, BenchOutcome } from '../types';
import { startTelemetryReceiver } from '../../tools/telemetry';

const CONNECTIONS = 10;
/**
 * Short slices, many rounds: this machine's speed drifts by up to 2x within a minute, so each round's three hosts
 * must run close together for their ratio to mean anything (6 s slices in 4 rounds read 0.70-0.86x on one build,
 * and two 15 s rounds 0.78x and 1.05x minutes apart; the medians of 3 s slices in 12 rounds agreed within 0.03).
 */
const SECONDS = Number(process.env.BENCH_TRACING_SECONDS ?? 3);
/** Each host's JIT warmed before the rounds (1 s left the traced host's first round cold). */
const WARM_S = 4;
/** BENCH_TRACING_ROUNDS: more rounds where the machine's speed drifts (each round runs all three hosts). */
const ROUNDS = Number(process.env.BENCH_TRACING_ROUNDS ?? 12);

/**
 * The cost of tracing at 100 % sampling: hosts on the same app, Cosmos DB and machine, one exporting every span
 * (OTLP protobuf to the in-process receiver, as `npm run dev` does) and one with no exporter (the SDK never loads),
 * driven in turn with POST /api/orders so both see the same load; compared by paired ratios. A third host, also
 * without telemetry but with an AsyncLocalStorage active, shows what the context manager alone costs (before
 * AsyncContextFrame, async_hooks' promise hooks on every promise of the process).
 */
export const tracingBench: Bench = {
  name: 'tracing',
  title: 'Telemetry on/off (traces at 100 % sampling, metrics every second)',
  maxMs: 90_000 + ROUNDS * 3 * (SECONDS + 2) * 1000,
  async run(ctx): Promise<BenchOutcome> {
    requireFiles(ctx.root, ['shared/telemetry/startTelemetry.ts', 'tools/telemetry'], 'tracing');
    const bundled = await prepareBundledApp(ctx.root, ctx.tmpDir);
    const stack = await startOfflineStack(ctx.root, { serviceBus: false });
    const receiver = await startTelemetryReceiver({ maxTraces: 1000 });
    const hosts: HostProcess[] = [];
    try {
      const jwtKeys = benchJwtKeys();
      const start = async (extra: Record<string, string>, execArgv: string[] = []) => {
        const host = await startHostProcess({
          root: ctx.root,
          tmpDir: ctx.tmpDir,
          appDir: bundled.appDir,
          env: appSettings(stack, jwtKeys, {
            FUNCTIONS_WORKER_PROCESS_COUNT: String(HTTP_BENCH_WORKERS),
            ...extra,
          }),
          execArgv,
        });
        hosts.push(host);
        return host;
      };
      // Only HTTP functions run: the change feed relay would otherwise load both hosts unevenly.
      const disabled = { 'AzureWebJobs.relayOrderChanges.Disabled': 'true' };
      const off = await start({ ...disabled, OTEL_SDK_DISABLED: 'true' });
      // Telemetry off, but an AsyncLocalStorage active: what OpenTelemetry's context manager costs by itself.
      const als = await start({ ...disabled, OTEL_SDK_DISABLED: 'true' }, [
        '--require',
        join(ctx.root, 'bench', 'tracing', 'asyncContextPreload.cjs'),
      ]);
      // Metrics exported every second, as `npm run dev` does (OpenTelemetry's default is a minute).
      const on = await start({
        ...disabled,
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_METRIC_EXPORT_INTERVAL: '1000',
      });
      // Signed with the hosts' key: the orders API verifies the token only (registering would need Service Bus).
      const [kid, secret] = jwtKeys.split('=') as [string, string];
      const token = await new AccessTokens({
        keys: [{ kid, secret: Buffer.from(secret, 'base64url') }],
        issuer: 'orderflow',
        audience: 'orderflow-api',
        ttlSeconds: 3600,
      }).sign({ userId: randomUUID(), email: 'bench-tracing@orderflow.local', roles: ['customer'] });
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      const post = (host: HostProcess, durationS: number) =>
        autocannonRun({
          url: host.baseUrl,
          connections: CONNECTIONS,
          durationS,
          method: 'POST',
          headers,
          body: orderBodyText,
          paths: ['/api/orders'],
        });
      const hostOf = { off, on, als };
      for (const host of Object.values(hostOf)) await post(host, WARM_S);
      const rps = { on: [] as number[], off: [] as number[], als: [] as number[] };
      // The host process's CPU per request in each round (Linux /proc): what telemetry costs the app itself.
      const cpuUs = { on: [] as number[], off: [] as number[], als: [] as number[] };
      // Each round runs the three hosts in a rotated order, so none is always first or last.
      const kinds = ['off', 'on', 'als'] as const;
      await repeatBounded({ count: ROUNDS, min: 2, deadline: ctx.deadline - 25_000 }, async (round) => {
        const order = kinds.map((_, i) => kinds[(i + round) % kinds.length]!);
        for (const which of order) {
          const host = hostOf[which];
          const pids = processTree(host.child.pid!);
          const before = treeCpu(pids);
          const run = await post(host, SECONDS);
          const after = treeCpu(pids);
          rps[which].push(run.requestsPerSecond);
          cpuUs[which].push(
            ((after.user + after.sys - before.user - before.sys) * 1000) / Math.max(1, run.ok),
          );
        }
      });
      if (receiver.store.size === 0)
        throw new Error('the traced host exported no span: tracing did not start');
      if (receiver.metrics.size === 0)
        throw new Error('the traced host exported no metric: metrics did not start');
      const ratios = rps.on.map((v, i) => v / rps.off[i]!);
      const ratio = median(ratios);
      const alsRatio = median(rps.als.map((v, i) => v / rps.off[i]!));
      const ready = (h: HostProcess) => h.readyAt - h.spawnedAt;
      return {
        figures: [
          {
            name: 'POST /api/orders with tracing',
            unit: 'req/s',
            summary: summarize(rps.on),
            floor: { name: 'without tracing', summary: summarize(rps.off) },
            ratio,
          },
          {
            name: 'POST /api/orders, telemetry off with an AsyncLocalStorage active (the context manager alone)',
            unit: 'req/s',
            summary: summarize(rps.als),
            floor: { name: 'without tracing', summary: summarize(rps.off) },
            ratio: alsRatio,
            note: 'context, not a budget: before AsyncContextFrame (Node 24, or 22 with --experimental-async-context-frame) an active AsyncLocalStorage runs async_hooks promise hooks on every promise',
          },
          {
            name: 'host start to ready with tracing',
            unit: 'ms',
            summary: summarize([ready(on)]),
            floor: { name: 'without tracing', summary: summarize([ready(off)]) },
            ratio: ready(on) / ready(off),
            note: 'one sample each; app load (the cold-start budget) does not include tracing: it starts in appStart',
          },
        ],
        budgets: [
          checkBudget({
            statement: 'HTTP throughput with tracing at 100 % sampling >= 0.90x without (cost <= 10 %)',
            actual: ratio,
            op: '>=',
            limit: 0.9,
            unit: 'x',
          }),
        ],
        notes: [
          `${ratios.length} interleaved rounds of ${SECONDS} s after ${WARM_S} s of warm-up each, ${CONNECTIONS} connections, FUNCTIONS_WORKER_PROCESS_COUNT=${HTTP_BENCH_WORKERS} per host as in the http bench; ` +
            `${receiver.store.size} traces and ${receiver.metrics.size} metric series received`,
          `Host CPU per request (host and workers, median of rounds, /proc): ${median(cpuUs.on).toFixed(0)} µs with telemetry, ${median(cpuUs.off).toFixed(0)} µs without, ${median(cpuUs.als).toFixed(0)} µs without but with an AsyncLocalStorage active.`,
        ],
      };
    } finally {
      await Promise.allSettled(hosts.map((h) => h.close()));
      await receiver.close();
      await stack.close();
    }
  },
};
