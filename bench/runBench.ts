import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopAllChildren } from './children';
import { BenchUnavailableError, ensureError } from './errors';
import { withTimeout } from './limits';
import type { Bench, BenchResult } from './types';

/**
 * Runs one bench with its own scratch folder and deadline. A part not built yet gives "not-available" and
 * any other failure "error": both are reported, neither stops the rest of the suite.
 */
export async function runBench(bench: Bench, root: string): Promise<BenchResult> {
  const started = performance.now();
  const tmpDir = mkdtempSync(join(tmpdir(), `orderflow-bench-${bench.name}-`));
  // Bundled helper scripts in the scratch folder resolve packages through this link, as the repo does.
  symlinkSync(join(root, 'node_modules'), join(tmpDir, 'node_modules'), 'dir');
  mkdirSync(join(tmpDir, 'work'), { recursive: true });
  const log = (m: string): void => console.error(`[${bench.name}] ${m}`);
  const base = { name: bench.name, title: bench.title };
  try {
    // Benches bound their own loops by `deadline`; this is the backstop if one still hangs (a minute's grace).
    const outcome = await withTimeout(
      `bench ${bench.name}`,
      bench.maxMs + 60_000,
      bench.run({ root, tmpDir, deadline: started + bench.maxMs, log }),
    );
    return { ...base, status: 'ok', ...outcome, durationMs: performance.now() - started };
  } catch (err: unknown) {
    const e = ensureError(err);
    const status = e instanceof BenchUnavailableError ? 'not-available' : 'error';
    log(`${status}: ${e.stack ?? e.message}`);
    return {
      ...base,
      status,
      reason: e.message,
      figures: [],
      budgets: [],
      notes: [],
      durationMs: performance.now() - started,
    };
  } finally {
    await stopAllChildren();
    rmSync(tmpDir, { recursive: true, force: true });
  }
}
