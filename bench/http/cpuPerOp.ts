import { existsSync } from 'node:fs';
import { processTree, treeCpu } from './procCpu';

/**
 * CPU time per served operation of `run`, in µs: of process `pid` with its child processes (a host's workers;
 * Linux /proc), or of this process.
 */
export async function cpuPerOp<T extends { ok: number }>(
  pid: number | 'self',
  run: () => Promise<T>,
): Promise<{ result: T; cpuUsPerOp: number | undefined }> {
  if (pid === 'self') {
    const before = process.cpuUsage();
    const result = await run();
    const used = process.cpuUsage(before);
    return { result, cpuUsPerOp: result.ok > 0 ? (used.user + used.system) / result.ok : undefined };
  }
  // Other processes are only visible through /proc: elsewhere the figure is simply left out.
  if (!existsSync(`/proc/${pid}/stat`)) return { result: await run(), cpuUsPerOp: undefined };
  const pids = processTree(pid);
  const before = treeCpu(pids);
  const result = await run();
  const after = treeCpu(pids);
  const ms = after.user + after.sys - before.user - before.sys;
  return { result, cpuUsPerOp: result.ok > 0 ? (ms * 1000) / result.ok : undefined };
}
