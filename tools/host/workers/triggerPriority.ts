import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { ensureError, HostError } from '../errors';
import { PER_FUNCTION_SCALING } from './perFunctionScaling';

/**
 * A setting of this local host only: how much lower (a `nice` increment, 0-19) the CPU priority of the process
 * running the non-HTTP triggers is than that of the HTTP worker processes, under per-function scaling. On Flex
 * Consumption, HTTP functions scale on instances of their own, so a backlog on the change feed or a queue never
 * takes CPU from a web request; on one machine the operating system's scheduler is the nearest stand-in. The
 * triggers still get every cycle HTTP leaves, so the pipeline never stops; it falls behind only while the CPU is
 * saturated, and catches up when the load drops.
 */
export const TRIGGER_NICE = 'LOCAL_HOST_TRIGGER_NICE';

/** Measured by the end-to-end bench (docs/benchmarks.md): enough for HTTP to keep its share, not a starvation. */
export const DEFAULT_TRIGGER_NICE = 5;
const MAX_NICE = 19;

/**
 * Reads LOCAL_HOST_TRIGGER_NICE for a host whose per-function scaling is `workersOnly`: a whole number 0-19
 * (default 5; 0 keeps every process at one priority). Undefined without per-function scaling, where one
 * process serves HTTP and triggers alike; setting it there, or to anything else, is a start error naming it.
 */
export function triggerNice(workersOnly: boolean, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env[TRIGGER_NICE]?.trim();
  if (raw === undefined || raw === '') return workersOnly ? DEFAULT_TRIGGER_NICE : undefined;
  if (!/^\d+$/.test(raw) || Number(raw) > MAX_NICE)
    throw new HostError(
      `The app setting ${TRIGGER_NICE} must be a whole number from 0 to ${MAX_NICE}; got '${raw}'.`,
    );
  if (!workersOnly)
    throw new HostError(
      `The app setting ${TRIGGER_NICE} applies only with ${PER_FUNCTION_SCALING}=true (a process of its own for the triggers).`,
    );
  return Number(raw);
}

interface PriorityLogger {
  host(level: 'information' | 'warning', message: string): void;
}

/** The threads of this process (Linux names each in /proc/self/task; elsewhere a priority is the process's). */
function ownThreads(): number[] {
  try {
    return readdirSync('/proc/self/task').map(Number);
  } catch {
    return [0];
  }
}

/**
 * Lowers this process's CPU priority by `nice` from where it is now. Called in the triggers' process once its HTTP
 * workers are forked (a child inherits the priority of the thread that forks it). On Linux a priority belongs to
 * a thread, so each is lowered: the main thread runs every trigger's JavaScript, V8's helper threads its garbage
 * collection and compilation; threads started later inherit it. A failure is a warning: the host then runs with
 * one priority, as before.
 */
export function lowerTriggerPriority(nice: number, logger: PriorityLogger): void {
  if (nice === 0) return;
  try {
    const target = Math.min(MAX_NICE, getPriority() + nice);
    for (const tid of ownThreads()) {
      try {
        setPriority(tid, target);
      } catch (err) {
        // A helper thread that ended meanwhile; the main thread (the process id) must succeed.
        if (tid === 0 || tid === process.pid) throw err;
      }
    }
    logger.host(
      'information',
      `The triggers run at a lower CPU priority than HTTP (nice ${getPriority()}, ${TRIGGER_NICE}=${nice}).`,
    );
  } catch (err) {
    logger.host(
      'warning',
      `Could not lower the triggers' CPU priority (${TRIGGER_NICE}): ${ensureError(err).message}`,
    );
  }
}

/**
 * A worker forked after the priority was lowered inherits it. An unprivileged process may not raise a priority
 * again, so the worker is restored to `httpPriority` where the system allows it, and a warning names the cost
 * where it does not. Returns the priority the worker runs at.
 */
export function restoreWorkerPriority(
  pid: number,
  workerId: number,
  httpPriority: number,
  logger: PriorityLogger,
): number | undefined {
  let now: number;
  try {
    now = getPriority(pid);
  } catch {
    return undefined; // gone already: its exit is handled where it is watched
  }
  if (now <= httpPriority) return now;
  try {
    setPriority(pid, httpPriority);
    return httpPriority;
  } catch {
    logger.host(
      'warning',
      `Worker process ${workerId} runs at the triggers' lower CPU priority (nice ${now}): it was started after a crash by the process that runs them, and only a privileged process can raise a priority. Restart the host to serve HTTP at full priority again.`,
    );
    return now;
  }
}
