import { CosmosClient } from '@azure/cosmos';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { addressVerifier, call, signUp } from './apiCalls';
import { deadLetterSample, isDrained, queueCounts, type QueueCounts } from './brokerView';
import { checkDeadLetters, checkEmails, checkExactlyOnce, type Verdict } from './checks';
import type { ChildService } from './childService';
import { dirSize } from './dirSize';
import {
  faultSchedule,
  RECOVERY_MS,
  thirdRates,
  withPipelineRecovery,
  type Component,
  type FaultWindow,
} from './faultSchedule';
import { runLoad } from './loadClients';
import { injectPoison } from './poisonInjector';
import { pooledSlopePer10k, rssOf, rssSlopePer10k, type RssSample } from './processSampler';
import { followProjections } from './projectionFeed';
import { RssAfterGc } from './rssAfterGc';
import { summarizeRun, type SoakFigures } from './soakFigures';
import { pumpTraffic } from './trafficPump';
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
  /**
   * Orders accepted but not yet both projected and mailed (confirmation, or the status email of an order
   * cancelled before the relay saw it) above which the clients wait. Default 200:
   * the load then runs at the rate the whole pipeline sustains, and the drain has at most this much to do.
   */
  maxBacklog?: number;
  serviceBusConfig?: string;
  /**
   * Extra broker traffic: `total` messages at about `perSecond` on a queue of its own that the app does not
   * consume (it must be in `serviceBusConfig`), every one of which must arrive; counted in the broker figure.
   * Default: none.
   */
  traffic?: { queue: string; total: number; perSecond: number };
  log?: (line: string) => void;
}

export interface SoakResult {
  ok: boolean;
  verdicts: Verdict[];
  figures: SoakFigures;
}

/**
 * Growth of the memory each part holds, per 10,000 orders once warm: V8 heap in use plus external memory
 * (Buffers, native objects) right after a full garbage collection in each of its Node processes
 * (tools/soak/gcSampler.cjs), the figure a leak grows. RSS is reported, not judged: between collections V8 lets
 * its heap grow to several times what is live, and neither V8 nor malloc hands pages back at once, so a part's RSS
 * climbs for minutes toward a ceiling without anything being retained (docs/volume.md). The emulators keep every
 * document and message in memory by design (the Cosmos DB emulator all documents, the broker every scheduled
 * reminder, REMINDER_DELAY ahead), so theirs is bounded by what they store; the host keeps nothing per order.
 */
export const RSS_BOUNDS_PER_10K: Record<string, number> = {
  host: 24 * 2 ** 20,
  servicebus: 64 * 2 ** 20,
  cosmos: 160 * 2 ** 20,
};

/** How often each part is asked for a full collection and its memory right after it. */
export const GC_SAMPLE_MS = 10_000;

export async function runSoak(opts: SoakOptions): Promise<SoakResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const unexpected: string[] = [];
  const loadMs = opts.minutes * 60_000;
  const gc = new RssAfterGc(join(opts.dataDir, 'gc'));
  const stack = await startSoakStack({
    root: opts.root,
    dataDir: opts.dataDir,
    processEnv: gc.env(),
    onUnexpectedExit: (why, tail) => {
      unexpected.push(why);
      log(`[soak] ${why}; its last output:\n${tail}`);
    },
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
  const afterGc: RssSample[] = [];
  const events: string[] = [];
  const windows: FaultWindow[] = [];
  const timers: NodeJS.Timeout[] = [];
  try {
    let loadStart = performance.now();
    const load = await runLoad(
      stack.hostUrl,
      opts.clients ?? 16,
      () => performance.now() - loadStart >= loadMs,
      addressVerifier(cosmos),
      (accepted) => accepted - Math.min(feed.seen.size, stack.smtp.ordersMailed()) > (opts.maxBacklog ?? 200),
    );
    loadStart = load.firstPostAt;
    const poison = injectPoison(stack.serviceBusConnectionString, opts.poisonEveryMs ?? 5000);
    const traffic = opts.traffic
      ? pumpTraffic(
          stack.serviceBusConnectionString,
          opts.traffic.queue,
          opts.traffic.total,
          opts.traffic.perSecond,
        )
      : undefined;
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
    // Every part at once, after a full collection in each; a part restarted meanwhile is left out of the sample.
    let collecting: Promise<void> | undefined;
    const sampleAfterGc = () =>
      (collecting ??= (async () => {
        const at = performance.now();
        const orders = load.accepted.size;
        const parts = await Promise.all(
          Object.values(services).map(async (s) => {
            const generation = s.starts;
            const m = await gc.measure(s.pid);
            return { s, generation, m: s.starts === generation ? m : undefined };
          }),
        );
        const measured = parts.filter((p) => p.m !== undefined);
        afterGc.push({
          at,
          orders,
          rss: Object.fromEntries(measured.map((p) => [p.s.name, p.m!.rss])),
          live: Object.fromEntries(measured.map((p) => [p.s.name, p.m!.live])),
          generation: Object.fromEntries(parts.map((p) => [p.s.name, p.generation])),
        });
      })().finally(() => (collecting = undefined)));
    sample();
    timers.push(setInterval(sample, 2000));
    void sampleAfterGc();
    timers.push(setInterval(() => void sampleAfterGc(), GC_SAMPLE_MS));
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
    await traffic?.finish();
    log(`[soak] load stopped: ${load.accepted.size} orders accepted; draining...`);

    // Drain: until no message waits on any queue and the dashboard counts every accepted order.
    const admin = (await signUp(stack.hostUrl, addressVerifier(cosmos), stack.adminEmail)).token;
    const drainEnd = loadEnd + (opts.drainTimeoutMs ?? 180_000);
    let counts: QueueCounts[] | undefined;
    let dashboardAt: number | undefined;
    let drainedAt: number | undefined;
    // Re-scheduled retry copies wait as scheduled messages, so an empty queue is not enough: every accepted
    // order must also have had its confirmation or (a cancel folded into its creation) its status email.
    const mailsDone = () => {
      const by = stack.smtp.byCommand;
      const statusMailed = statusMailIds(by);
      for (const id of load.accepted.keys())
        if (!by.has(`${id}:1:orderConfirmation`) && !statusMailed.has(id)) return false;
      return true;
    };
    while (
      performance.now() < drainEnd &&
      (dashboardAt === undefined || drainedAt === undefined || !mailsDone())
    ) {
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
    await collecting;
    await sampleAfterGc();

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
    // A kill of the host or the broker between an email's send and its message's completion redelivers it.
    const allowedRepeats =
      maxConcurrentCalls * (stack.host.kills + stack.serviceBus.kills + stack.cosmos.kills);
    const third = thirdRates(
      load.accepted.values(),
      loadStart,
      loadEnd,
      withPipelineRecovery(windows, load.accepted, feed.seen, loadEnd),
    );
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
        // Each kill -9 (of any part) until RECOVERY_MS after the restart answered: a restart or a first reconnect
        // is a one-off step, growth with orders is judged between them.
        const gaps = windows.map((w) => ({ from: w.killedAt, to: w.backAt + RECOVERY_MS }));
        const live = pooledSlopePer10k(afterGc, name, gaps);
        const mbs = (b: number | undefined) => (b === undefined ? 'n/a' : (b / 2 ** 20).toFixed(1));
        return {
          name: `${name} memory after a full GC grows at most ${bound / 2 ** 20} MB per 10,000 orders`,
          ok: live === undefined || live <= bound,
          detail:
            live === undefined
              ? 'the stretches between faults saw too few orders to judge'
              : `${mbs(live)} MB per 10,000 orders (V8 heap in use + external, between faults); not judged: the same over the longest life, steps at faults included, ${mbs(rssSlopePer10k(afterGc, name, { field: 'live' }))}; RSS after a full GC ${mbs(rssSlopePer10k(afterGc, name))}; raw RSS ${mbs(rssSlopePer10k(samples, name))}`,
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
      ...(traffic && opts.traffic
        ? [
            {
              name: `every extra traffic message received (${opts.traffic.total} on ${opts.traffic.queue})`,
              ok: traffic.received() === opts.traffic.total,
              detail: `${traffic.sent()} sent, ${traffic.received()} distinct received`,
            },
          ]
        : []),
      {
        name: 'no part exited unless killed',
        ok: unexpected.length === 0,
        detail: unexpected.join('; ') || 'none',
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
      afterGc,
      mails: stack.smtp.total(),
      poison: poison.sent.length,
      traffic: traffic?.received() ?? 0,
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

function statusMailIds(by: ReadonlyMap<string, number>): Set<string> {
  const ids = new Set<string>();
  for (const k of by.keys()) if (k.endsWith(':orderStatusChanged')) ids.add(k.split(':')[0] ?? '');
  return ids;
}

function fmtClock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
