export type Component = 'host' | 'servicebus' | 'cosmos';

export interface PlannedFault {
  /** Milliseconds after the load starts. */
  atMs: number;
  component: Component;
}

/** A kill -9 as it happened: performance.now() of the kill and of the restarted process answering. */
export interface FaultWindow {
  killedAt: number;
  backAt: number;
}

/** After a restart, clients and triggers reconnect and catch up: that long still counts as disturbed. */
export const RECOVERY_MS = 10_000;

/**
 * When to kill -9 what. One round kills the host, then the broker, then Cosmos DB, spread over a window.
 * Runs under 6 minutes get one round in their middle third; longer runs get one round per third at the same
 * offsets in each. Kills run one at a time, so a slow restart delays the next kill.
 */
export function faultSchedule(loadMs: number): PlannedFault[] {
  const third = loadMs / 3;
  const windows = loadMs < 6 * 60_000 ? [third] : [0, third, 2 * third];
  const order: Component[] = ['host', 'servicebus', 'cosmos'];
  return windows.flatMap((start) =>
    order.map((component, i) => ({
      atMs: Math.round(start + (third * (i + 1)) / (order.length + 1)),
      component,
    })),
  );
}

export interface ThirdRates {
  /** Orders per second in the first and last third, counting only undisturbed time. */
  first: number | undefined;
  last: number | undefined;
}

/**
 * The faults with `backAt` moved to when the pipeline caught up again: every order accepted before the kill
 * projected (`projectedAt`; never = the load's end). With the clients held to the pipeline's backlog, the
 * accepted rate stays low until then: messages in flight at the kill come back after their lock or as
 * re-scheduled copies, which is recovery, not a slowdown that grows with time.
 */
export function withPipelineRecovery(
  faults: readonly FaultWindow[],
  accepted: ReadonlyMap<string, number>,
  projectedAt: ReadonlyMap<string, number>,
  loadEnd: number,
): FaultWindow[] {
  return faults.map((f) => {
    let caughtUp = f.backAt;
    for (const [id, at] of accepted)
      if (at < f.killedAt) caughtUp = Math.max(caughtUp, projectedAt.get(id) ?? loadEnd);
    return { killedAt: f.killedAt, backAt: Math.min(Math.max(f.backAt, caughtUp), loadEnd) };
  });
}

/**
 * Accepted orders per second in the first and the last third of the load, over the time no fault was
 * disturbing it (from each kill until RECOVERY_MS after the restart answered or the pipeline caught up, see
 * withPipelineRecovery): a slowdown that grows
 * with time (a leak, a growing scan) shows; the faults themselves, wherever they fall, do not.
 */
export function thirdRates(
  acceptedAt: Iterable<number>,
  start: number,
  end: number,
  faults: readonly FaultWindow[],
): ThirdRates {
  const third = (end - start) / 3;
  // Overlapping windows (kills in quick succession) merged, so no time is taken off twice.
  const merged: Array<{ from: number; to: number }> = [];
  for (const f of [...faults].sort((x, y) => x.killedAt - y.killedAt)) {
    const w = { from: f.killedAt, to: f.backAt + RECOVERY_MS };
    const prev = merged.at(-1);
    if (prev && w.from <= prev.to) prev.to = Math.max(prev.to, w.to);
    else merged.push(w);
  }
  const disturbed = (t: number) => merged.some((w) => t >= w.from && t < w.to);
  const clearMs = (a: number, b: number): number => {
    let lost = 0;
    for (const w of merged) lost += Math.max(0, Math.min(b, w.to) - Math.max(a, w.from));
    return Math.max(0, b - a - lost);
  };
  const rate = (a: number, b: number, times: number[]): number | undefined => {
    const ms = clearMs(a, b);
    // Under 5 s of clear time the rate is noise.
    return ms < 5000 ? undefined : (times.filter((t) => t >= a && t < b && !disturbed(t)).length * 1000) / ms;
  };
  const times = [...acceptedAt];
  return { first: rate(start, start + third, times), last: rate(end - third, end, times) };
}
