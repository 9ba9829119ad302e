import { checkBudget } from '../budget';
import { functionFiles } from '../../tools/build/functionFiles';
import { median, pairedRatios, summarize } from '../stats';
import type { Bench, BenchOutcome, Figure } from '../types';
import { measureLoad } from './measureLoad';
import { prepareApps } from './prepareApps';
import { measureFirstOrder } from './measureFirstOrder';

const KiB = 1024;

export const coldStartBench: Bench = {
  name: 'coldstart',
  title: 'Cold start',
  maxMs: 150_000,
  async run(ctx): Promise<BenchOutcome> {
    const expected = functionFiles(ctx.root).length;
    ctx.log(`building the bundled and the naive app (${expected} function files)`);
    const apps = await prepareApps(ctx.root, ctx.tmpDir);
    const loadDeadline = performance.now() + 60_000;
    const load = await measureLoad({
      probe: apps.probe,
      bundledMain: apps.bundled.main,
      naiveMain: apps.naive.main,
      expected,
      // Many short rounds: on a shared 2-core machine single process starts swing by 2x.
      rounds: 25,
      deadline: Math.min(loadDeadline, ctx.deadline),
    });
    const floor = { name: '`node -e 0`', summary: summarize(load.baseline) };
    const bundledRatio = median(pairedRatios(load.bundled, load.baseline));
    const naiveRatio = median(pairedRatios(load.naive, load.baseline));
    const figures: Figure[] = [
      { name: '`node -e 0`', unit: 'ms', summary: floor.summary },
      {
        name: `app load, bundled (${load.registered.length} functions registered)`,
        unit: 'ms',
        summary: summarize(load.bundled),
        floor,
        ratio: bundledRatio,
      },
      {
        name: `app load, naive (${load.registered.length} functions registered)`,
        unit: 'ms',
        summary: summarize(load.naive),
        floor,
        ratio: naiveRatio,
      },
      { name: 'bundle: dist/app/main.mjs', unit: 'KiB', summary: summarize([apps.bundled.mainBytes / KiB]) },
      {
        name: `bundle: dist/app total, ${apps.bundled.chunkCount} chunks + main, maps excluded`,
        unit: 'KiB',
        summary: summarize([apps.bundled.totalBytes / KiB]),
      },
      { name: 'bundle: source maps', unit: 'KiB', summary: summarize([apps.bundled.mapBytes / KiB]) },
    ];
    const budgets = [
      checkBudget({
        statement: 'app load with every function registered, ratio to `node -e 0`',
        actual: bundledRatio,
        op: '<=',
        limit: 1.6,
        unit: 'x',
      }),
    ];
    const notes = [
      `App load: wall time of a fresh \`node\` process, spawn to exit, that installs a stand-in \`@azure/functions-core\` (as the worker does), imports the app entry and counts registrations; ratios are the median of per-round ratios to \`node -e 0\` run in the same round. Fastest run against fastest run, the least disturbed by other load: bundled ${(Math.min(...load.bundled) / Math.min(...load.baseline)).toFixed(2)}x, naive ${(Math.min(...load.naive) / Math.min(...load.baseline)).toFixed(2)}x.`,
      `Naive build: every .ts under functions/ and shared/ emitted one file each by TypeScript's emitter (ts.transpileModule, module commonjs, target ES2022, no bundling), loaded from node_modules; its main.js requires first every module the source reaches through \`await import()\` (${load.naive.length > 0 ? apps.naive.eagerModules.join(', ') : 'none'}) and then every function file. That is the same code written with ordinary top-level imports.`,
    ];
    const first = await measureFirstOrder(ctx, apps);
    figures.push(...first.figures);
    budgets.push(...first.budgets);
    notes.push(...first.notes);
    return {
      figures,
      budgets,
      notes,
      details: {
        registered: load.registered,
        eagerModules: apps.naive.eagerModules,
        naiveFiles: apps.naive.fileCount,
        bundle: apps.bundled,
        firstOrder: first.details,
      },
    };
  },
};
