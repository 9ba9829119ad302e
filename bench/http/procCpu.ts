import { existsSync, readFileSync } from 'node:fs';

/** Kernel clock ticks per second (`getconf CLK_TCK`): 100 on every Linux Node supports. */
const TICKS_PER_S = 100;

export interface ProcCpu {
  /** CPU time in ms. */
  user: number;
  sys: number;
  /** Voluntary plus involuntary context switches so far. */
  switches: number;
}

/** CPU time and context switches of a process so far, from /proc (Linux only). */
export function procCpu(pid: number): ProcCpu {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const switches = [...status.matchAll(/^(?:non)?voluntary_ctxt_switches:\s+(\d+)$/gm)].reduce(
    (n, m) => n + Number(m[1]),
    0,
  );
  return {
    user: (Number(fields[11]) * 1000) / TICKS_PER_S,
    sys: (Number(fields[12]) * 1000) / TICKS_PER_S,
    switches,
  };
}

/** `pid` and its descendants (a host with FUNCTIONS_WORKER_PROCESS_COUNT > 1 and its workers), from /proc. */
export function processTree(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  const children = existsSync(file) ? readFileSync(file, 'utf8').split(' ').filter(Boolean).map(Number) : [];
  return [pid, ...children.flatMap(processTree)];
}

/** procCpu summed over `pids`; a process that exited meanwhile counts as zero (its time is lost). */
export function treeCpu(pids: readonly number[]): ProcCpu {
  const sum: ProcCpu = { user: 0, sys: 0, switches: 0 };
  for (const pid of pids) {
    if (!existsSync(`/proc/${pid}/stat`)) continue;
    const c = procCpu(pid);
    sum.user += c.user;
    sum.sys += c.sys;
    sum.switches += c.switches;
  }
  return sum;
}
