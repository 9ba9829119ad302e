import { checkBudget, type BudgetCheck } from '../budget';
import { median, pairedRatios, summarize } from '../stats';
import type { Figure } from '../types';
import type { LoadResult } from './loadResult';

/** One round: the API run and its floor run, back to back. */
export interface Pair {
  api: LoadResult;
  floor: LoadResult;
  /** CPU per request of the host process with its workers, and per operation of the floor's SDK client (this process). */
  apiCpuUs?: number | undefined;
  floorCpuUs?: number | undefined;
}

export function figuresFor(
  label: string,
  floorLabel: string,
  pairs: Pair[],
): { figures: Figure[]; budgets: BudgetCheck[] } {
  const rps = summarize(pairs.map((p) => p.api.requestsPerSecond));
  const rpsFloor = summarize(pairs.map((p) => p.floor.requestsPerSecond));
  const rpsRatio = median(
    pairedRatios(
      pairs.map((p) => p.api.requestsPerSecond),
      pairs.map((p) => p.floor.requestsPerSecond),
    ),
  );
  const p99Ratio = median(
    pairedRatios(
      pairs.map((p) => p.api.p99Ms),
      pairs.map((p) => p.floor.p99Ms),
    ),
  );
  const figures: Figure[] = [
    {
      name: `${label}: throughput`,
      unit: 'req/s',
      summary: rps,
      floor: { name: floorLabel, summary: rpsFloor },
      ratio: rpsRatio,
    },
    {
      name: `${label}: p50`,
      unit: 'ms',
      summary: summarize(pairs.map((p) => p.api.p50Ms)),
      floor: { name: floorLabel, summary: summarize(pairs.map((p) => p.floor.p50Ms)) },
      ratio: median(
        pairedRatios(
          pairs.map((p) => p.api.p50Ms),
          pairs.map((p) => p.floor.p50Ms),
        ),
      ),
    },
    {
      name: `${label}: p99`,
      unit: 'ms',
      summary: summarize(pairs.map((p) => p.api.p99Ms)),
      floor: { name: floorLabel, summary: summarize(pairs.map((p) => p.floor.p99Ms)) },
      ratio: p99Ratio,
    },
  ];
  const cpu = pairs.filter((p) => p.apiCpuUs !== undefined && p.floorCpuUs !== undefined);
  if (cpu.length > 0) {
    figures.push({
      name: `${label}: CPU per request, host processes`,
      unit: 'µs',
      summary: summarize(cpu.map((p) => p.apiCpuUs!)),
      floor: {
        name: `${floorLabel}, SDK client process`,
        summary: summarize(cpu.map((p) => p.floorCpuUs!)),
      },
      ratio: median(
        pairedRatios(
          cpu.map((p) => p.apiCpuUs!),
          cpu.map((p) => p.floorCpuUs!),
        ),
      ),
    });
  }
  const budgets = [
    checkBudget({
      statement: `${label} throughput, ratio to ${floorLabel}`,
      actual: rpsRatio,
      op: '>=',
      limit: 0.5,
      unit: 'x',
    }),
    checkBudget({
      statement: `${label} p99, ratio to ${floorLabel}`,
      actual: p99Ratio,
      op: '<=',
      limit: 4,
      unit: 'x',
    }),
  ];
  return { figures, budgets };
}
