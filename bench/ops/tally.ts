/** Counts by key, and per-order counts net of what an idle pipeline does in the same time. */
export type Tally = Record<string, number>;

export function tally(keys: readonly string[]): Tally {
  const t: Tally = {};
  for (const k of keys) t[k] = (t[k] ?? 0) + 1;
  return t;
}

/**
 * `(measured - idleRate x seconds) / orders` per key, dropping keys that net to (about) nothing: polls and
 * lease renewals that run whether or not orders flow are the idle rate's, not the orders'.
 */
export function perOrder(
  measured: Tally,
  measuredSeconds: number,
  idle: Tally,
  idleSeconds: number,
  orders: number,
): Tally {
  const out: Tally = {};
  for (const [k, n] of Object.entries(measured)) {
    const idleShare = ((idle[k] ?? 0) / idleSeconds) * measuredSeconds;
    const v = (n - idleShare) / orders;
    if (v >= 0.05) out[k] = Math.round(v * 10) / 10;
  }
  return out;
}

export const sumTally = (t: Tally): number => Object.values(t).reduce((a, b) => a + b, 0);
