import { checkBudget } from '../budget';
import { BenchUnavailableError, ensureError } from '../errors';
import { repeatBounded } from '../limits';
import { requireFiles } from '../parts';
import { createOrder } from '../stack/apiClient';
import { customerToken } from '../stack/customerToken';
import { appSettings, benchJwtKeys } from '../stack/appSettings';
import { startHostProcess } from '../stack/hostProcess';
import { startOfflineStack } from '../stack/offlineStack';
import { median, pairedRatios, summarize } from '../stats';
import type { BenchContext, BenchOutcome } from '../types';
import type { PreparedApps } from './prepareApps';

interface FirstOrderRun {
  totalMs: number;
  readyMs: number;
  requestMs: number;
}

/**
 * Process start to the first 201 of POST /api/orders: a fresh `node` process runs the host on the app, and
 * the request goes out the moment it listens. Cosmos DB and Service Bus are already warm (their own process);
 * the token was issued beforehand by a warm host, so the fresh process pays for verifying it, not issuing it.
 * Non-HTTP functions are disabled (`AzureWebJobs.<name>.Disabled`) in the measured processes, as their
 * listeners run in the .NET host in Azure and are not the Node worker's cold start.
 */
export async function measureFirstOrder(ctx: BenchContext, apps: PreparedApps): Promise<BenchOutcome> {
  try {
    requireFiles(
      ctx.root,
      ['tools/host/Host.ts', 'functions/orders', 'functions/auth'],
      'the order API on the local host',
    );
  } catch (err: unknown) {
    if (err instanceof BenchUnavailableError)
      return { figures: [], budgets: [], notes: [], unavailable: [`first order response: ${err.message}`] };
    throw err;
  }
  const stack = await startOfflineStack(ctx.root, { serviceBus: true }).catch((err: unknown) => {
    if (err instanceof BenchUnavailableError) return startOfflineStack(ctx.root, { serviceBus: false });
    throw ensureError(err);
  });
  try {
    const jwtKeys = benchJwtKeys();
    const warm = await startHostProcess({
      root: ctx.root,
      tmpDir: ctx.tmpDir,
      appDir: apps.bundled.appDir,
      env: appSettings(stack, jwtKeys),
    });
    const disabled: Record<string, string> = {};
    for (const f of warm.functions)
      if (!/^httptrigger$/i.test(f.trigger)) disabled[`AzureWebJobs.${f.name}.Disabled`] = 'true';
    let token: string;
    try {
      token = (await customerToken(ctx.root, warm.baseUrl, jwtKeys, stack)).token;
      await createOrder(warm.baseUrl, token);
    } finally {
      await warm.close();
    }
    const env = appSettings(stack, jwtKeys, disabled);
    const once = async (appDir: string): Promise<FirstOrderRun> => {
      const host = await startHostProcess({ root: ctx.root, tmpDir: ctx.tmpDir, appDir, env });
      try {
        await createOrder(host.baseUrl, token);
        const done = performance.now();
        return {
          totalMs: done - host.spawnedAt,
          readyMs: host.readyAt - host.spawnedAt,
          requestMs: done - host.readyAt,
        };
      } finally {
        await host.close();
      }
    };
    const bundled: FirstOrderRun[] = [];
    const naive: FirstOrderRun[] = [];
    // Interleaved, one warm-up round dropped (disk cache), as for the load figures.
    await repeatBounded(
      { count: 8, min: 4, deadline: Math.min(ctx.deadline, performance.now() + 60_000) },
      async (round) => {
        const pair = round % 2 === 0 ? (['b', 'n'] as const) : (['n', 'b'] as const);
        for (const which of pair) {
          const run = await once(which === 'b' ? apps.bundled.appDir : apps.naive.appDir);
          if (round > 0) (which === 'b' ? bundled : naive).push(run);
        }
      },
    );
    const floor = { name: 'naive build', summary: summarize(naive.map((r) => r.totalMs)) };
    const ratio = median(
      pairedRatios(
        bundled.map((r) => r.totalMs),
        naive.map((r) => r.totalMs),
      ),
    );
    return {
      figures: [
        {
          name: 'first order: process start to 201, bundled',
          unit: 'ms',
          summary: summarize(bundled.map((r) => r.totalMs)),
          floor,
          ratio,
        },
        { name: 'first order: process start to 201, naive', unit: 'ms', summary: floor.summary },
        {
          name: 'of which start to listening, bundled',
          unit: 'ms',
          summary: summarize(bundled.map((r) => r.readyMs)),
        },
        {
          name: 'of which start to listening, naive',
          unit: 'ms',
          summary: summarize(naive.map((r) => r.readyMs)),
        },
        {
          name: 'of which first request, bundled',
          unit: 'ms',
          summary: summarize(bundled.map((r) => r.requestMs)),
        },
        {
          name: 'of which first request, naive',
          unit: 'ms',
          summary: summarize(naive.map((r) => r.requestMs)),
        },
      ],
      budgets: [
        checkBudget({
          statement: 'first order response from a fresh process, ratio to the naive build',
          actual: ratio,
          op: '<=',
          limit: 0.5,
          unit: 'x',
        }),
      ],
      notes: [
        "First order: a fresh plain-`node` process runs tools/host (bundled once, packages external) on the app; the parent POSTs /api/orders the moment the host reports it listens and stops the clock at the 201. Cosmos DB and Service Bus run warm in their own process; the bearer token was issued by a warm host before. Non-HTTP functions are disabled with `AzureWebJobs.<name>.Disabled` in the measured process (their listeners are the .NET host's work in Azure).",
      ],
      details: { disabled: Object.keys(disabled), bundled, naive },
    };
  } finally {
    await stack.close();
  }
}
