import { readFileSync } from 'node:fs';

export interface RssSample {
  /** performance.now() */
  at: number;
  /** Orders accepted so far. */
  orders: number;
  /** Process name -> RSS in bytes (absent while it is down). */
  rss: Record<string, number>;
  /** Process name -> its start count when sampled, so a restarted process starts a new series. */
  generation: Record<string, number>;
}

/** VmRSS of a pid from /proc (Linux); undefined when the process is gone or /proc is not there. */
export function rssOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Least-squares slope of RSS against orders accepted, per 10,000 orders, over the samples of the process's
 * latest life (a restart resets memory, so only the samples after the last start count) and past the
 * first `skip` fraction of them (warm-up: JIT, caches, pools filling). Undefined below `minOrders` orders.
 */
export function rssSlopePer10k(
  samples: readonly RssSample[],
  name: string,
  { skip = 0.2, minOrders = 2000 } = {},
): number | undefined {
  const mine = samples.filter((s) => s.rss[name] !== undefined);
  const last = mine.at(-1)?.generation[name];
  const life = mine.filter((s) => s.generation[name] === last);
  const used = life.slice(Math.floor(life.length * skip));
  // Too few orders in that life to tell a trend from warm-up noise.
  if (used.length < 3 || used.at(-1)!.orders - used[0]!.orders < minOrders) return undefined;
  const n = used.length;
  const mx = used.reduce((a, s) => a + s.orders, 0) / n;
  const my = used.reduce((a, s) => a + s.rss[name]!, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of used) {
    num += (s.orders - mx) * (s.rss[name]! - my);
    den += (s.orders - mx) ** 2;
  }
  return den === 0 ? undefined : (num / den) * 10_000;
}
