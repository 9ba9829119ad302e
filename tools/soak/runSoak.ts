import { CosmosClient } from '@azure/cosmos';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { call, signUp } from './apiCalls';
import { deadLetterSample, isDrained, queueCounts, type QueueCounts } from './brokerView';
import { checkDeadLetters, checkEmails, checkExactlyOnce, type Verdict } from './checks';
import type { ChildService } from './childService';
import { dirSize } from './dirSize';
import { faultSchedule, thirdRates, type Component, type FaultWindow } from './faultSchedule';
import { runLoad } from './loadClients';
import { injectPoison } from './poisonInjector';
import { rssOf, rssSlopePer10k, type RssSample } from './processSampler';
import { followProjections } from './projectionFeed';
import { summarizeRun, type SoakFigures } from './soakFigures';
import { startSoakStack } from './soakStack';

export interface SoakOptions {
  root: string;
  /** How long the load runs. */
  minutes: number;
  /** Concurrent clients, each one request at a time. Default 16. */
  clients?: number;
  /** Fresh directory for the emulators' data (cosmos/, servicebus/). */
  dataDir: string;
  /** One malformed event to `orders` every this many ms. Default 5000. */
  poisonEveryMs?: number;
  /** How long the pipeline may take, after the load stops, to deliver everything. Default 180 s. */
  drainTimeoutMs?: number;
  serviceBusConfig?: string;
  log?: (line: string) => void;
}

export interface SoakResult {
  ok: boolean;
  verdicts: Verdict[];
  figures: SoakFigures;
}

/**
 * RSS growth each process may show per 10,000 orders once warm. The emulators keep every document and
 * message in memory by design (the Cosmos DB emulator all documents, the broker every scheduled reminder,
 * REMINDER_DELAY ahead), so theirs is bounded by what they store; the host keeps nothing per order.
 */
export const RSS_BOUNDS_PER_10K: Record<string, number> = {
  host: 24 * 2 ** 20,
  servicebus: 64 * 2 ** 20,
  cosmos: 160 * 2 ** 20,
};

export async function runSoak(opts: SoakOptions): Promise<SoakResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const loadMs = opts.minutes * 60_000;
  const stack = await startSoakStack({
    root: opts.root,
    dataDir: opts.dataDir,
    ...(opts.serviceBusConfig ? { serviceBusConfig: opts.serviceBusConfig } : {}),
  });
  const cosmos = new CosmosClient(stack.cosmosConnectionString);
  const feed = followProjections(cosmos.database('analytics').container('projections'));
  const services: Record<Component, ChildService> = {
    host: stack.host,
    servicebus: stack.serviceBus,
    cosmos: stack.cosmos,
  };
  const samples: RssSample[] = [];
  const events: string[] = [];
  const windows: FaultWindow[] = [];
  const timers: NodeJS.Timeout[] = [];
  try {
    let loadStart = performance.now();
    const load = await runLoad(
      stack.hostUrl,
      opts.clients ?? 16,
      () => performance.now() - loadStart >= loadMs,
    );
    loadStart = load.firstPostAt;
    const poison = injectPoison(stack.serviceBusConnectionString, opts.poisonEveryMs ?? 5000);
    const sample = () =>
      samples.push({
        at: performance.now(),
        orders: load.accepted.size,
        rss: Object.fromEntries(
          [
            ...Object.values(services).map((s) => [s.name, rssOf(s.pid)] as const),
            ['soak', process.memoryUsage().rss] as const,
          ].filter((e): e is readonly [string, number] => e[1] !== undefined),
        ),
        generation: Object.fromEntries(Object.values(services).map((s) => [s.name, s.starts])),
      });
    sample();
    timers.push(setInterval(sample, 2000));
    // Faults run one at a time: a restart still in progress delays the next kill rather than overlapping it.
    let faults = Promise.resolve();
    for (const f of faultSchedule(loadMs)) {
      timers.push(
        setTimeout(() => {
          faults = faults.then(async () => {
            const s = services[f.component];
            const t = ((performance.now() - loadStart) / 1000).toFixed(0);
            const killedAt = performance.now();
            const ms = await s.crashAndRestart();
            windows.push({ killedAt, backAt: performance.now() });
            events.push(`${t}s kill -9 ${s.name}, back in ${(ms / 1000).toFixed(1)} s`);
            log(`[soak] ${events.at(-1)}`);
          });
        }, f.atMs),
      );
    }
    let lastCount = 0;
    timers.push(
      setInterval(() => {
        const n = load.accepted.size;
        const rss = samples.at(-1)?.rss ?? {};
        log(
          `[soak] ${fmtClock(performance.now() - loadStart)}/${fmtClock(loadMs)} orders ${n} (${((n - lastCount) / 10).toFixed(0)}/s) ` +
            `projected ${feed.seen.size} mails ${stack.smtp.total()} poison ${poison.sent.length} retries ${load.retries} ` +
            `rss ${Object.entries(rss)
              .map(([k, v]) => `${k} ${Math.round(v / 2 ** 20)}MB`)
              .join(' ')}`,
        );
        lastCount = n;
      }, 10_000),
    );
    await load.done;
    const loadEnd = performance.now();
    await faults;
    await poison.stop();
    log(`[soak] load stopped: ${load.accepted.size} orders accepted; draining...`);

    // Drain: until no message waits on any queue and the dashboard counts every accepted order.
    const admin = await signUp(stack.hostUrl, stack.adminEmail);
    const drainEnd = loadEnd + (opts.drainTimeoutMs ?? 180_000);
    let counts: QueueCounts[] | undefined;
    let dashboardAt: number | undefined;
    let drainedAt: number | undefined;
    while (performance.now() < drainEnd && (dashboardAt === undefined || drainedAt === undefined)) {
      if (dashboardAt === undefined) {
        const res = await call(stack.hostUrl, 'POST', '/api/analytics/dashboard/refresh', undefined, {
          authorization: `Bearer ${admin}`,
        });
        const orders = (res.json as { totals?: { orders?: number } } | undefined)?.totals?.orders;
        if (res.status === 200 && orders !== undefined && orders >= load.accepted.size)
          dashboardAt = performance.now();
      }
      counts = await queueCounts(stack.serviceBusHttpUrl);
      if (drainedAt === undefined && counts && isDrained(counts)) drainedAt = performance.now();
      else if (counts && !isDrained(counts)) drainedAt = undefined;
      await delay(500);
    }
    for (const t of timers) clearInterval(t);
    sample();

    const accepted = new Set(load.accepted.keys());
    const deadSamples = await Promise.all(
      (counts ?? [])
        .filter((q) => q.deadLetterMessageCount > 0)
        .map(
          async (q) =>
            `${q.path} dead letters: ${(await deadLetterSample(stack.serviceBusHttpUrl, q.path)).join(', ')}`,
        ),
    );
    const maxConcurrentCalls =
      (
        JSON.parse(readFileSync(join(opts.root, 'host.json'), 'utf8')) as {
          extensions?: { serviceBus?: { maxConcurrentCalls?: number } };
        }
      ).extensions?.serviceBus?.maxConcurrentCalls ?? 16;
    const allowedRepeats = maxConcurrentCalls * (stack.host.kills + stack.cosmos.kills);
    const third = thirdRates(load.accepted.values(), loadStart, loadEnd, windows);
    const verdicts: Verdict[] = [
      ...(await checkExactlyOnce(cosmos, accepted)),
      ...(await checkEmails(cosmos, stack.smtp.byCommand, accepted, allowedRepeats)),
      {
        name: `no message stuck: every queue empty within ${((opts.drainTimeoutMs ?? 180_000) / 1000).toFixed(0)} s of the load's end`,
        ok: drainedAt !== undefined,
        detail: counts
          ? counts
              .map(
                (q) =>
                  `${q.path}: active ${q.activeMessageCount}, locked ${q.lockedMessageCount}, dead ${q.deadLetterMessageCount}, scheduled ${q.scheduledMessageCount}`,
              )
              .concat(deadSamples)
              .join('; ')
          : 'broker not answering',
      },
      ...(await checkDeadLetters(cosmos, stack.smtp.byCommand, poison)),
      ...Object.entries(RSS_BOUNDS_PER_10K).map(([name, bound]) => {
        const slope = rssSlopePer10k(samples, name);
        return {
          name: `${name} RSS grows at most ${bound / 2 ** 20} MB per 10,000 orders`,
          ok: slope === undefined || slope <= bound,
          detail:
            slope === undefined
              ? 'too few samples in its last life'
              : `${(slope / 2 ** 20).toFixed(1)} MB per 10,000 orders`,
        };
      }),
      {
        name: 'throughput in the last third at least 80% of the first third',
        ok: third.first === undefined || third.last === undefined || third.last >= 0.8 * third.first,
        detail:
          third.first === undefined || third.last === undefined
            ? 'a third had under 5 s free of faults: not compared'
            : `${third.first.toFixed(1)} then ${third.last.toFixed(1)} orders/s outside fault recovery (${((100 * third.last) / third.first).toFixed(0)}%)`,
      },
      {
        name: 'every planned kill -9 happened',
        ok: events.length === faultSchedule(loadMs).length,
        detail: events.join('; ') || 'none',
      },
    ];
    const figures = summarizeRun({
      load,
      loadStart,
      loadEnd,
      seen: feed.seen,
      dashboardAt,
      drainedAt,
      samples,
      mails: stack.smtp.total(),
      poison: poison.sent.length,
      scheduled: counts?.reduce((a, q) => a + q.scheduledMessageCount, 0) ?? 0,
      dataDirs: {
        cosmos: dirSize(join(opts.dataDir, 'cosmos')),
        servicebus: dirSize(join(opts.dataDir, 'servicebus')),
      },
      events,
    });
    return { ok: verdicts.every((v) => v.ok), verdicts, figures };
  } finally {
    for (const t of timers) clearInterval(t);
    await feed.stop();
    cosmos.dispose();
    await stack.close();
  }
}

function fmtClock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
