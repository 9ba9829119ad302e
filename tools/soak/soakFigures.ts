import type { LoadStats } from './loadClients';
import type { RssSample } from './processSampler';

export interface SoakFigures {
  orders: number;
  patched: number;
  cancelled: number;
  retries: number;
  rejected: Record<string, number>;
  loadSeconds: number;
  acceptedPerSecond: number;
  /** First POST until the dashboard counted every order. */
  endToEndPerSecond: number | undefined;
  drainSeconds: number | undefined;
  latencyMs: { p50: number; p95: number; p99: number; count: number } | undefined;
  /** Messages the broker took at least: one event per order, each email command, each reminder, each poison. */
  brokerMessagesAtLeast: number;
  mails: number;
  poison: number;
  /** Messages of the extra traffic queue received (0 without one). */
  traffic: number;
  rss: Record<string, { start: number; end: number }>;
  /** Right after a full garbage collection, first and last sample: RSS, and V8 heap in use + external. */
  rssAfterGc: Record<string, { start: number; end: number }>;
  liveAfterGc: Record<string, { start: number; end: number }>;
  dataDirBytes: Record<string, number>;
  events: string[];
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

export function summarizeRun(r: {
  load: LoadStats;
  loadStart: number;
  loadEnd: number;
  seen: ReadonlyMap<string, number>;
  dashboardAt: number | undefined;
  drainedAt: number | undefined;
  samples: readonly RssSample[];
  afterGc: readonly RssSample[];
  mails: number;
  poison: number;
  traffic: number;
  scheduled: number;
  dataDirs: Record<string, number>;
  events: string[];
}): SoakFigures {
  const orders = r.load.accepted.size;
  const latencies = [...r.load.accepted]
    .filter(([id]) => r.seen.has(id))
    .map(([id, at]) => Math.max(0, r.seen.get(id)! - at))
    .sort((a, b) => a - b);
  const firstLast = (samples: readonly RssSample[], field: 'rss' | 'live' = 'rss') => {
    const out: SoakFigures['rss'] = {};
    for (const name of new Set(samples.flatMap((s) => Object.keys(s[field] ?? {})))) {
      const mine = samples.filter((s) => s[field]?.[name] !== undefined);
      out[name] = { start: mine[0]![field]![name]!, end: mine.at(-1)![field]![name]! };
    }
    return out;
  };
  const settled =
    r.dashboardAt !== undefined && r.drainedAt !== undefined
      ? Math.max(r.dashboardAt, r.drainedAt)
      : undefined;
  return {
    orders,
    patched: r.load.patched,
    cancelled: r.load.cancelled,
    retries: r.load.retries,
    rejected: Object.fromEntries([...r.load.rejected].map(([k, v]) => [String(k), v])),
    loadSeconds: (r.loadEnd - r.loadStart) / 1000,
    acceptedPerSecond: orders / ((r.loadEnd - r.loadStart) / 1000),
    endToEndPerSecond:
      r.dashboardAt === undefined ? undefined : orders / ((r.dashboardAt - r.loadStart) / 1000),
    drainSeconds: settled === undefined ? undefined : Math.max(0, settled - r.loadEnd) / 1000,
    latencyMs: latencies.length
      ? {
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          count: latencies.length,
        }
      : undefined,
    brokerMessagesAtLeast: orders + r.mails + r.scheduled + r.poison + r.traffic,
    mails: r.mails,
    poison: r.poison,
    traffic: r.traffic,
    rss: firstLast(r.samples),
    rssAfterGc: firstLast(r.afterGc),
    liveAfterGc: firstLast(r.afterGc, 'live'),
    dataDirBytes: r.dataDirs,
    events: r.events,
  };
}

const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;

/** The printed summary: figures first, then each check with its verdict. */
export function formatFigures(f: SoakFigures): string[] {
  return [
    `orders accepted: ${f.orders} in ${f.loadSeconds.toFixed(0)} s (${f.patched} patched, ${f.cancelled} cancelled, ${f.retries} retried calls${Object.keys(f.rejected).length ? `, rejected ${JSON.stringify(f.rejected)}` : ''})`,
    `accepted orders/s: ${f.acceptedPerSecond.toFixed(1)}`,
    `end-to-end orders/s (first POST until the dashboard counts every order): ${f.endToEndPerSecond?.toFixed(1) ?? 'never'}`,
    `drain time (load end until queues empty and dashboard complete): ${f.drainSeconds?.toFixed(1) ?? 'did not drain'} s`,
    `end-to-end latency (201 to projection): ${f.latencyMs ? `p50 ${f.latencyMs.p50.toFixed(0)} ms, p95 ${f.latencyMs.p95.toFixed(0)} ms, p99 ${f.latencyMs.p99.toFixed(0)} ms over ${f.latencyMs.count}` : 'none seen'}`,
    `broker messages (at least): ${f.brokerMessagesAtLeast}; emails received: ${f.mails}; poison sent: ${f.poison}; extra traffic received: ${f.traffic}`,
    `RSS start -> end: ${Object.entries(f.rss)
      .map(([k, v]) => `${k} ${mb(v.start)} -> ${mb(v.end)}`)
      .join(', ')}`,
    `after a full GC, first -> last sample: ${Object.entries(f.liveAfterGc)
      .map(([k, v]) => {
        const rss = f.rssAfterGc[k];
        return `${k} heap + external ${mb(v.start)} -> ${mb(v.end)}${rss ? ` (RSS ${mb(rss.start)} -> ${mb(rss.end)})` : ''}`;
      })
      .join(', ')}`,
    `data dirs: ${Object.entries(f.dataDirBytes)
      .map(([k, v]) => `${k} ${(v / 2 ** 20).toFixed(1)} MB`)
      .join(', ')}`,
    `faults: ${f.events.join('; ') || 'none'}`,
  ];
}
