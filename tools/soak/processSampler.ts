import { readFileSync } from 'node:fs';

export interface RssSample {
  /** performance.now() */
  at: number;
  /** Orders accepted so far. */
  orders: number;
  /** Process name -> RSS in bytes (absent while it is down). */
  rss: Record<string, number>;
  /** Process name -> V8 heap in use plus external memory, when sampled after a full collection. */
  live?: Record<string, number>;
  /** Process name -> its start count when sampled, so a restarted process starts a new series. */
  generation: Record<string, number>;
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** VmRSS of one process from /proc (Linux); undefined when it is gone or /proc is not there. */
export function ownRss(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** A pid and its descendants, up to `depth` generations below it. */
export function processTree(pid: number, depth = 4): number[] {
  return [pid, ...(depth > 0 ? childrenOf(pid).flatMap((c) => processTree(c, depth - 1)) : [])];
}

/**
 * VmRSS of a pid and all its descendants from /proc (Linux): the host's app runs in a child process of the
 * host CLI, as the Node worker does of the Functions host. Undefined when the process is gone or /proc is not there.
 */
export function rssOf(pid: number | undefined): number | undefined {
  if (pid === undefined || ownRss(pid) === undefined) return undefined;
  return processTree(pid).reduce((a, p) => a + (ownRss(p) ?? 0), 0);
}

/**
 * Least-squares slope of RSS (or `field`) against orders accepted, per 10,000 orders, over the samples of the process's
 * longest life in orders (a restart resets memory, so one life's samples count, not the series across kills)
 * and past the first `skip` fraction of them (warm-up: JIT, caches, pools filling). Undefined below `minOrders`.
 */
export function rssSlopePer10k(
  samples: readonly RssSample[],
  name: string,
  {
    skip = 0.2,
    minOrders = 1500,
    field = 'rss',
  }: { skip?: number; minOrders?: number; field?: 'rss' | 'live' } = {},
): number | undefined {
  const value = (s: RssSample) => s[field]?.[name];
  const mine = samples.filter((s) => value(s) !== undefined);
  const lives = new Map<number | undefined, RssSample[]>();
  for (const s of mine) lives.set(s.generation[name], [...(lives.get(s.generation[name]) ?? []), s]);
  const span = (l: RssSample[]) => (l.at(-1)?.orders ?? 0) - (l[0]?.orders ?? 0);
  const life = [...lives.values()].sort((a, b) => span(b) - span(a))[0] ?? [];
  const used = life.slice(Math.floor(life.length * skip));
  // Too few orders in that life to tell a trend from warm-up noise.
  if (used.length < 3 || used.at(-1)!.orders - used[0]!.orders < minOrders) return undefined;
  const n = used.length;
  const mx = used.reduce((a, s) => a + s.orders, 0) / n;
  const my = used.reduce((a, s) => a + value(s)!, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of used) {
    num += (s.orders - mx) * (value(s)! - my);
    den += (s.orders - mx) ** 2;
  }
  return den === 0 ? undefined : (num / den) * 10_000;
}

/** A span of time (performance.now()) whose samples say nothing about growth per order: a fault and its recovery. */
export interface Gap {
  from: number;
  to: number;
}

/**
 * Slope of `field` against orders, per 10,000 orders, pooled over the stretches free of faults: every life of the
 * process past its first `skip` fraction of samples, cut at each gap (samples inside one dropped), each stretch
 * with its own level (a least-squares slope with one intercept per stretch). A fault is a one-off: a reconnect
 * loads its code paths once, a restart starts from scratch; such steps between stretches do not count, growth
 * with orders inside every stretch does. Undefined when the stretches together cover under `minOrders`.
 */
export function pooledSlopePer10k(
  samples: readonly RssSample[],
  name: string,
  gaps: readonly Gap[],
  {
    skip = 0.2,
    minOrders = 1500,
    field = 'live',
  }: { skip?: number; minOrders?: number; field?: 'rss' | 'live' } = {},
): number | undefined {
  const value = (s: RssSample) => s[field]?.[name];
  const lives = new Map<number | undefined, RssSample[]>();
  for (const s of samples)
    if (value(s) !== undefined) lives.set(s.generation[name], [...(lives.get(s.generation[name]) ?? []), s]);
  const stretches = new Map<string, RssSample[]>();
  for (const [generation, life] of lives)
    for (const s of life.slice(Math.floor(life.length * skip))) {
      if (gaps.some((g) => s.at >= g.from && s.at <= g.to)) continue;
      const key = `${generation}:${gaps.filter((g) => g.to < s.at).length}`;
      stretches.set(key, [...(stretches.get(key) ?? []), s]);
    }
  let num = 0;
  let den = 0;
  let covered = 0;
  for (const st of stretches.values()) {
    if (st.length < 2) continue;
    covered += st.at(-1)!.orders - st[0]!.orders;
    const mx = st.reduce((a, s) => a + s.orders, 0) / st.length;
    const my = st.reduce((a, s) => a + value(s)!, 0) / st.length;
    for (const s of st) {
      num += (s.orders - mx) * (value(s)! - my);
      den += (s.orders - mx) ** 2;
    }
  }
  return covered < minOrders || den === 0 ? undefined : (num / den) * 10_000;
}
