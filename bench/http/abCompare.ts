/**
 * Diagnosis, not a bench: two hosts side by side on the same app and the same offline Cosmos DB, driven in
 * alternation (A then B, B then A, ...) so both see the same machine load, and compared by paired ratios of
 * host CPU per request and of throughput. On a shared machine, CPU per request drifts by 2-4x within a minute;
 * only interleaved pairs separate a real difference from that drift.
 *
 *   npx tsx bench/http/abCompare.ts [--rounds 6] [--seconds 2] [--only post|get|health]
 *     A and B: AB_A_CONVERSION / AB_B_CONVERSION (host | library), AB_A_FLAGS / AB_B_FLAGS (node flags),
 *     AB_A_WORKERS / AB_B_WORKERS (FUNCTIONS_WORKER_PROCESS_COUNT; CPU then counts the workers too).
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnTracked, stopChild } from '../children';
import { prepareBundledApp } from '../coldStart/prepareApps';
import { createOrder, orderBodyText } from '../stack/apiClient';
import { appSettings, benchJwtKeys } from '../stack/appSettings';
import { customerToken } from '../stack/customerToken';
import { startOfflineStack } from '../stack/offlineStack';
import { readyLine } from '../stack/readyLine';
import { median } from '../stats';
import { autocannonRun } from './autocannonRun';
import { processTree, treeCpu } from './procCpu';
import { bundleNodeScript, workerScript } from '../stack/hostProcess';

interface Variant {
  name: string;
  conversion: string;
  flags: string[];
  workers: string;
}

async function hostLauncher(root: string, tmpDir: string): Promise<string> {
  await workerScript(root, tmpDir);
  return bundleNodeScript(join(tmpDir, 'abHost.cjs'), {
    stdin: {
      contents: [
        "import { Host } from './tools/host/Host';",
        "import { runHostMain } from './bench/stack/hostMain';",
        "const conversion = process.env.AB_CONVERSION === 'library' ? 'library' : 'host';",
        "import { join } from 'node:path';",
        "runHostMain((o) => Host.start({ ...o, httpConversion: conversion, workerScript: join(__dirname, 'hostWorker.cjs') }));",
      ].join('\n'),
      resolveDir: root,
      sourcefile: 'abHost.ts',
      loader: 'ts',
    },
  });
}

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  const args = process.argv.slice(2);
  const rounds = Number(arg(args, '--rounds') ?? 6);
  const seconds = Number(arg(args, '--seconds') ?? 2);
  const only = arg(args, '--only');
  const variants: Variant[] = ['A', 'B'].map((v) => ({
    name: v,
    conversion: process.env[`AB_${v}_CONVERSION`] ?? 'host',
    flags: (process.env[`AB_${v}_FLAGS`] ?? '').split(' ').filter(Boolean),
    workers: process.env[`AB_${v}_WORKERS`] ?? '1',
  }));
  const tmpDir = mkdtempSync(join(tmpdir(), 'ab-compare-'));
  symlinkSync(join(root, 'node_modules'), join(tmpDir, 'node_modules'), 'dir');
  const bundled = await prepareBundledApp(root, tmpDir);
  const launcher = await hostLauncher(root, tmpDir);
  const stack = await startOfflineStack(root, { serviceBus: false });
  const jwtKeys = benchJwtKeys();
  const env = appSettings(stack, jwtKeys, { 'AzureWebJobs.relayOrderChanges.Disabled': 'true' });
  const hosts = await Promise.all(
    variants.map(async (v) => {
      const child = spawnTracked(process.execPath, [...v.flags, launcher, bundled.appDir], {
        cwd: bundled.appDir,
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'production',
          AB_CONVERSION: v.conversion,
          FUNCTIONS_WORKER_PROCESS_COUNT: v.workers,
          ...env,
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const ready = await readyLine<{ baseUrl: string }>(child, 'host', `host ${v.name}`, 60_000);
      return { ...v, child, baseUrl: ready.baseUrl };
    }),
  );
  try {
    const { token } = await customerToken(root, hosts[0]!.baseUrl, jwtKeys, stack);
    const readSet: string[] = [];
    for (let i = 0; i < 100; i++) readSet.push((await createOrder(hosts[0]!.baseUrl, token)).id);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const scenarios = {
      post: { method: 'POST' as const, headers, body: orderBodyText, paths: ['/api/orders'] },
      get: { method: 'GET' as const, headers, paths: readSet.map((id) => `/api/orders/${id}`) },
      health: { method: 'GET' as const, headers: {}, paths: ['/api/health'] },
    };
    for (const [name, s] of Object.entries(scenarios)) {
      if (only && only !== name) continue;
      const cpuRatios: number[] = [];
      const rpsRatios: number[] = [];
      const cpu: Record<string, number[]> = { A: [], B: [] };
      for (const h of hosts) await autocannonRun({ url: h.baseUrl, connections: 10, durationS: 1, ...s });
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 === 0 ? hosts : [...hosts].reverse();
        const got: Record<string, { cpu: number; rps: number }> = {};
        for (const h of order) {
          const pids = processTree(h.child.pid!);
          const before = treeCpu(pids);
          const res = await autocannonRun({ url: h.baseUrl, connections: 10, durationS: seconds, ...s });
          const after = treeCpu(pids);
          const perReq = ((after.user + after.sys - before.user - before.sys) * 1000) / res.ok;
          got[h.name] = { cpu: perReq, rps: res.requestsPerSecond };
          cpu[h.name]!.push(perReq);
        }
        cpuRatios.push(got.B!.cpu / got.A!.cpu);
        rpsRatios.push(got.B!.rps / got.A!.rps);
      }
      console.log(
        `${name}: host CPU/request A ${median(cpu.A!).toFixed(0)} µs, B ${median(cpu.B!).toFixed(0)} µs; ` +
          `paired B/A: CPU ${median(cpuRatios).toFixed(2)}x, throughput ${median(rpsRatios).toFixed(2)}x ` +
          `(CPU ratios ${cpuRatios.map((x) => x.toFixed(2)).join(' ')})`,
      );
    }
  } finally {
    await Promise.all(hosts.map((h) => stopChild(h.child)));
    await stack.close();
    rmSync(tmpDir, { recursive: true, force: true });
  }
  console.log(
    variants.map((v) => `${v.name}: ${v.conversion}, ${v.workers} worker(s) ${v.flags.join(' ')}`).join('; '),
  );
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
