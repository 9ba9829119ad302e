// `npx tsx tools/dev/measureStart.ts [runs]`: wall time from typing `npm run dev` on a clean clone to the first
// answered GET /api/health, and from Ctrl-C to the last process gone. Each run uses a fresh copy of the
// repository (no dist/, no .data/, no local.settings.json) with node_modules linked.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const repo = resolve(__dirname, '..', '..');

function cleanCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'orderflow-measure-'));
  for (const f of ['package.json', 'host.json', 'local.settings.sample.json', 'tsconfig.json']) {
    cpSync(join(repo, f), join(dir, f));
  }
  for (const d of ['infra', 'functions', 'shared', 'web', 'tools']) {
    if (existsSync(join(repo, d))) cpSync(join(repo, d), join(dir, d), { recursive: true });
  }
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/**
 * CPU seconds used so far by a process tree: each live process's own time plus what its reaped children
 * used. On a shared machine wall time says more about the neighbours than about us; CPU time does not.
 */
function treeCpuSeconds(root: number): number {
  const stats = new Map<number, { ppid: number; cpu: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = text
        .slice(text.lastIndexOf(')') + 2)
        .split(' ')
        .map(Number);
      // Fields after the name: state ppid ... utime(11) stime(12) cutime(13) cstime(14), in clock ticks.
      stats.set(Number(entry), {
        ppid: f[1] ?? 0,
        cpu: (f[11] ?? 0) + (f[12] ?? 0) + (f[13] ?? 0) + (f[14] ?? 0),
      });
    } catch {
      // The process ended while we looked.
    }
  }
  let ticks = 0;
  const walk = (pid: number): void => {
    ticks += stats.get(pid)?.cpu ?? 0;
    for (const [child, s] of stats) if (s.ppid === pid) walk(child);
  };
  walk(root);
  return ticks / 100;
}

async function once(): Promise<{ healthMs: number; stopMs: number; cpu: number; breakdown: string }> {
  const dir = cleanCopy();
  const t0 = performance.now();
  const child = spawn(
    'npm',
    ['run', '--silent', 'dev', '--', '--ephemeral-ports', '--in-memory', '--no-watch'],
    {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    },
  );
  let breakdown = '';
  const api = await new Promise<string>((done, fail) => {
    child.once('exit', () => fail(new Error('dev exited before ready')));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.includes('Up after')) breakdown = line.trim();
      const m = /listening on (\S+\/api)/.exec(line);
      if (m?.[1]) done(m[1]);
    });
  });
  for (;;) {
    const ok = await fetch(`${api}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
  }
  const healthMs = performance.now() - t0;
  const cpu = treeCpuSeconds(child.pid!);
  const t1 = performance.now();
  const exited = new Promise((done) => child.once('exit', done));
  // The whole process group, as Ctrl-C in a terminal does.
  process.kill(-child.pid!, 'SIGINT');
  await exited;
  const stopMs = performance.now() - t1;
  rmSync(dir, { recursive: true, force: true });
  return { healthMs, stopMs, cpu, breakdown };
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 3);
  const results = [];
  for (let i = 0; i < runs; i += 1) {
    const r = await once();
    results.push(r);
    console.log(
      `run ${i + 1}: health after ${Math.round(r.healthMs)} ms using ${r.cpu.toFixed(2)} s of CPU, ` +
        `stopped in ${Math.round(r.stopMs)} ms; ${r.breakdown}`,
    );
  }
  const sorted = results.map((r) => r.healthMs).sort((a, b) => a - b);
  const cpu = results.map((r) => r.cpu).sort((a, b) => a - b);
  const mid = Math.floor((runs - 1) / 2);
  console.log(
    `median ${Math.round(sorted[mid] ?? 0)} ms to health, ${(cpu[mid] ?? 0).toFixed(2)} s CPU, over ${runs} runs ` +
      `(load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`,
  );
}

void main();
