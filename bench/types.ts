import type { BudgetCheck } from './budget';
import type { Summary } from './stats';

/** A measured quantity: the sample's statistics and, where one exists, the floor measured in the same run. */
export interface Figure {
  name: string;
  unit: string;
  summary: Summary;
  floor?: { name: string; summary: Summary };
  /** figure / floor (medians, or the median of paired per-run ratios when the runs were interleaved). */
  ratio?: number;
  note?: string;
}

export interface BenchOutcome {
  figures: Figure[];
  budgets: BudgetCheck[];
  /** Plain statements for the summary: what was measured, what "naive" or "minimum" means here. */
  notes: string[];
  details?: Record<string, unknown>;
  /** Parts of this bench skipped because what they measure is not built: each says what is missing. */
  unavailable?: string[];
}

export interface BenchResult extends BenchOutcome {
  name: string;
  title: string;
  status: 'ok' | 'not-available' | 'error';
  reason?: string;
  durationMs: number;
}

export interface BenchContext {
  /** Repository root. */
  root: string;
  /** A scratch folder for this run, removed at the end. */
  tmpDir: string;
  /** performance.now() after which the bench must wrap up what it has. */
  deadline: number;
  log(message: string): void;
}

export interface Bench {
  name: string;
  title: string;
  /** Upper bound of the bench's wall time; the runner turns it into `deadline`. */
  maxMs: number;
  run(ctx: BenchContext): Promise<BenchOutcome>;
}
