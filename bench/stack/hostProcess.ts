import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build, type StdinOptions } from 'esbuild';
import { spawnTracked, stopChild } from '../children';
import { nodeWorkerArguments, splitArguments, withArguments } from '../../tools/host/app/nodeWorkerArguments';
import { requireFiles } from '../parts';
import type { StartedHost } from './hostMain';
import { readyLine } from './readyLine';

export interface HostProcess {
  child: ChildProcess;
  baseUrl: string;
  port: number;
  functions: StartedHost['functions'];
  /** performance.now() at spawn and when the ready line arrived. */
  spawnedAt: number;
  readyAt: number;
  close(): Promise<void>;
}

/**
 * Bundles one script for plain `node` (CommonJS; packages stay external, resolved from the scratch folder's
 * node_modules) once per scratch folder: the host launcher, its worker entry, the A/B launchers.
 */
export async function bundleNodeScript(
  out: string,
  source: { entry: string } | { stdin: StdinOptions },
): Promise<string> {
  if (existsSync(out)) return out;
  await build({
    ...('entry' in source ? { entryPoints: [source.entry] } : { stdin: source.stdin }),
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return out;
}

/**
 * Bundles the host's worker entry (FUNCTIONS_WORKER_PROCESS_COUNT > 1) beside the launcher, so workers run plain
 * node like the host process. The launcher passes its path as `workerScript`.
 */
export function workerScript(root: string, tmpDir: string): Promise<string> {
  return bundleNodeScript(join(tmpDir, 'hostWorker.cjs'), {
    entry: join(root, 'tools', 'host', 'workers', 'workerMain.ts'),
  });
}

/** Bundles the host launcher once per scratch folder; packages stay external (resolved via tmpDir/node_modules). */
export async function hostScript(root: string, tmpDir: string): Promise<string> {
  requireFiles(root, ['tools/host/Host.ts'], 'the local Functions host');
  await workerScript(root, tmpDir);
  return bundleNodeScript(join(tmpDir, 'hostMain.cjs'), {
    stdin: {
      contents: [
        "import { join } from 'node:path';",
        "import { Host } from './tools/host/Host';",
        "import { runHostMain } from './bench/stack/hostMain';",
        "runHostMain((o) => Host.start({ ...o, workerScript: join(__dirname, 'hostWorker.cjs') }));",
      ].join('\n'),
      resolveDir: root,
      sourcefile: 'hostEntry.ts',
      loader: 'ts',
    },
  });
}

/** Starts a host process on the given app folder with exactly `env` as its settings (plus PATH and HOME). */
export async function startHostProcess(opts: {
  root: string;
  tmpDir: string;
  appDir: string;
  env: Record<string, string>;
  timeoutMs?: number;
  /** Extra node flags for the host process (a --cpu-prof when diagnosing); HOST_NODE_FLAGS in this environment adds more. */
  execArgv?: string[];
}): Promise<HostProcess> {
  const script = await hostScript(opts.root, opts.tmpDir);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    ...(process.env.BENCH_VERBOSE ? { BENCH_VERBOSE: process.env.BENCH_VERBOSE } : {}),
    ...opts.env,
  };
  const spawnedAt = performance.now();
  // The bundled host runs the app in its own process: it takes the node arguments the supervisor would give it.
  const nodeArgs = withArguments(
    [...(opts.execArgv ?? []), ...splitArguments(process.env.HOST_NODE_FLAGS)],
    nodeWorkerArguments(env),
  );
  const child = spawnTracked(process.execPath, [...nodeArgs, script, opts.appDir], {
    cwd: opts.appDir,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const host = await readyLine<{ port: number; baseUrl: string; functions: StartedHost['functions'] }>(
    child,
    'host',
    'local host',
    opts.timeoutMs ?? 60_000,
  );
  const readyAt = performance.now();
  return { child, ...host, spawnedAt, readyAt, close: () => stopChild(child) };
}
