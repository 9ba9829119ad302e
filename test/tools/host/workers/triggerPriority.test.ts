import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { getPriority } from 'node:os';
import { once } from 'node:events';
import { HostError } from '../../../../tools/host/errors';
import {
  DEFAULT_TRIGGER_NICE,
  lowerTriggerPriority,
  restoreWorkerPriority,
  triggerNice,
} from '../../../../tools/host/workers/triggerPriority';

const read = (v: string | undefined, workersOnly = true): number | undefined =>
  triggerNice(workersOnly, { LOCAL_HOST_TRIGGER_NICE: v });

function recorder() {
  const lines: Array<{ level: string; message: string }> = [];
  return { lines, host: (level: string, message: string) => void lines.push({ level, message }) };
}

describe('LOCAL_HOST_TRIGGER_NICE', () => {
  it('defaults to 5 under per-function scaling and is absent without it', () => {
    expect(DEFAULT_TRIGGER_NICE).toBe(5);
    expect(read(undefined)).toBe(5);
    expect(read('  ')).toBe(5);
    expect(read(undefined, false)).toBeUndefined();
    expect(read('', false)).toBeUndefined();
  });

  it('takes a whole number from 0 (one priority for all) to 19', () => {
    expect(read('0')).toBe(0);
    expect(read(' 12 ')).toBe(12);
    expect(read('19')).toBe(19);
  });

  it.each(['-1', '20', '5.5', 'low', '1e1', '0x5'])('rejects %p naming the setting', (v) => {
    expect(() => read(v)).toThrow(HostError);
    expect(() => read(v)).toThrow(
      `LOCAL_HOST_TRIGGER_NICE must be a whole number from 0 to 19; got '${v.trim()}'`,
    );
  });

  it('is a start error without per-function scaling, where one process serves HTTP and triggers alike', () => {
    expect(() => read('5', false)).toThrow(/applies only with LOCAL_HOST_PER_FUNCTION_SCALING=true/);
  });

  it('leaves the priority alone at 0', () => {
    const log = recorder();
    const before = getPriority();
    lowerTriggerPriority(0, log);
    expect(getPriority()).toBe(before);
    expect(log.lines).toEqual([]);
  });
});

describe("lowering the triggers' process", () => {
  // In a child process of its own: a priority once lowered cannot be raised again by an unprivileged process.
  const script = `
    const { lowerTriggerPriority } = require(${JSON.stringify(require.resolve('../../../../tools/host/workers/triggerPriority'))});
    const { getPriority } = require('node:os');
    const { readdirSync } = require('node:fs');
    const lines = [];
    lowerTriggerPriority(Number(process.argv[1]), { host: (level, message) => lines.push({ level, message }) });
    const threads = readdirSync('/proc/self/task').map((t) => getPriority(Number(t)));
    const { spawnSync } = require('node:child_process');
    const child = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(require("os").getPriority()))']).stdout);
    process.stdout.write(JSON.stringify({ lines, threads, child }));
  `;

  function runLowered(nice: number): { lines: unknown[]; threads: number[]; child: number } {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script, String(nice)], {
      encoding: 'utf8',
    });
    return JSON.parse(out) as { lines: unknown[]; threads: number[]; child: number };
  }

  (process.platform === 'linux' ? it : it.skip)(
    "lowers every thread of the process (V8's helpers too) by the setting, and what it forks next inherits it",
    () => {
      const base = getPriority();
      const { lines, threads, child } = runLowered(5);
      expect(threads.length).toBeGreaterThan(1);
      expect(new Set(threads)).toEqual(new Set([base + 5]));
      expect(child).toBe(base + 5);
      expect(lines).toEqual([
        {
          level: 'information',
          message: `The triggers run at a lower CPU priority than HTTP (nice ${base + 5}, LOCAL_HOST_TRIGGER_NICE=5).`,
        },
      ]);
    },
  );

  (process.platform === 'linux' ? it : it.skip)('stops at nice 19, the lowest priority there is', () => {
    expect(new Set(runLowered(19).threads)).toEqual(new Set([19]));
  });
});

describe('a worker forked by the lowered process', () => {
  let child: ChildProcess | undefined;

  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    child = undefined;
  });

  /** A process that starts at nice +5 from this one's, as a worker forked by the lowered triggers' thread does. */
  async function startedLower(): Promise<number> {
    child = spawn('nice', ['-n', '5', process.execPath, '-e', 'setInterval(() => {}, 1000)'], {
      stdio: 'ignore',
    });
    await once(child, 'spawn');
    // `nice` execs node in the same process: wait until it has applied the increment.
    const deadline = Date.now() + 5_000;
    while (getPriority(child.pid) === getPriority() && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    return child.pid!;
  }

  it('is brought back to the HTTP priority where the system allows it, and otherwise a warning names the cost', async () => {
    const pid = await startedLower();
    const http = getPriority();
    expect(getPriority(pid)).toBe(http + 5);
    const log = recorder();
    const now = restoreWorkerPriority(pid, 2, http, log);
    if (process.getuid?.() === 0) {
      // A privileged host (a root container, as CI here) may raise a priority: the worker serves at full speed.
      expect(now).toBe(http);
      expect(getPriority(pid)).toBe(http);
      expect(log.lines).toEqual([]);
    } else {
      expect(now).toBe(http + 5);
      expect(log.lines).toHaveLength(1);
      expect(log.lines[0]!.level).toBe('warning');
      expect(log.lines[0]!.message).toMatch(
        /Worker process 2 runs at the triggers' lower CPU priority .* Restart the host/,
      );
    }
  });

  it('is left alone when it already runs at the HTTP priority, and a process already gone is no error', async () => {
    const log = recorder();
    expect(restoreWorkerPriority(process.pid, 2, getPriority(), log)).toBe(getPriority());
    const pid = await startedLower();
    child!.kill('SIGKILL');
    await once(child!, 'exit');
    expect(restoreWorkerPriority(pid, 2, 0, log)).toBeUndefined();
    expect(log.lines).toEqual([]);
  });
});
