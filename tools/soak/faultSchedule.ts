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
 * Accepted orders per second in the first and the last third of the load, over the time no fault was
 * disturbing it (from each kill until RECOVERY_MS after the restart answered): a slowdown that grows
 * with time (a leak, a growing scan) shows; the faults themselves, wherever they fall, do not.
 */
export function thirdRates(
  acceptedAt: Iterable<number>,
  start: number,
  end: number,
  faults: readonly FaultWindow[],
): ThirdRates {
  const third = (end - start) / 3;
  const disturbed = (t: number) => faults.some((f) => t >= f.killedAt && t < f.backAt + RECOVERY_MS);
  const clearMs = (a: number, b: number): number => {
    let lost = 0;
    for (const f of faults)
      lost += Math.max(0, Math.min(b, f.backAt + RECOVERY_MS) - Math.max(a, f.killedAt));
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
