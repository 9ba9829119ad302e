import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release } from 'node:os';
import { join, resolve } from 'node:path';
import { benches } from './benches';
import { renderMarkdown, type RunInfo } from './report';
import { runBench } from './runBench';
import type { BenchResult } from './types';

const root = resolve(__dirname, '..');

interface ResultsFile {
  run: RunInfo;
  results: BenchResult[];
}

/** `npm run bench` runs every bench; `npm run bench -- <name> [<name>...]` runs those, merged into today's file. */
async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = names.filter((n) => !benches.some((b) => b.name === n));
  if (unknown.length > 0) {
    console.error(`unknown bench ${unknown.join(', ')}; known: ${benches.map((b) => b.name).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const selected = names.length > 0 ? benches.filter((b) => names.includes(b.name)) : benches;
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const info: RunInfo = {
    startedAt,
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    loadAverage: loadavg(),
    totalMs: 0,
  };
  const results: BenchResult[] = [];
  for (const bench of selected) {
    console.error(`== ${bench.name}: ${bench.title}`);
    results.push(await runBench(bench, root));
  }
  info.totalMs = performance.now() - started;

  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const base = join(dir, startedAt.slice(0, 10));
  // A partial run replaces its benches in today's file and keeps the others, so the summary stays whole.
  let merged = results;
  if (names.length > 0 && existsSync(`${base}.json`)) {
    const previous = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as ResultsFile;
    merged = benches
      .map((b) => results.find((r) => r.name === b.name) ?? previous.results.find((r) => r.name === b.name))
      .filter((r): r is BenchResult => r !== undefined);
  }
  const file: ResultsFile = { run: info, results: merged };
  writeFileSync(`${base}.json`, JSON.stringify(file, null, 2) + '\n');
  const md = renderMarkdown(merged, info);
  writeFileSync(`${base}.md`, md + '\n');
  console.error(`wrote ${base}.json and ${base}.md`);
  if (results.some((r) => r.status === 'error')) process.exitCode = 1;
  // Exit once the summary is flushed: a bench that timed out may have left a timer or socket behind.
  process.stdout.write(md + '\n', () => process.exit());
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
