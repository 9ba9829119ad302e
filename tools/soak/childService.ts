import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { SoakError } from './errors';

export interface ChildServiceInit {
  /** Short name for the report: `cosmos`, `servicebus`, `host`. */
  name: string;
  root: string;
  /** The CLI script, relative to root (run with node + tsx directly, so kill -9 hits the service, not npm). */
  script: string;
  args: string[];
  env?: Record<string, string>;
  /** Resolves true once the service answers; polled every 100 ms after spawn. */
  ready(output: string): Promise<boolean>;
  startTimeoutMs?: number;
  /** Told when the service exits on its own (not by kill9 or stop), with the tail of its output. */
  onUnexpectedExit?: (why: string, outputTail: string) => void;
}

/** Signals the child's whole process group (it leads one: spawned detached). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal); // the group is gone already
  }
}

// Children lead their own process groups, so they outlive this process unless it ends them: whatever is
// still running when this process exits (an error, Ctrl-C through main's handler) is killed with its group.
const live = new Set<ChildProcess>();
let exitHook = false;
function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const c of live) killGroup(c, 'SIGKILL');
  });
}

/**
 * One offline service as a child process that can be killed with SIGKILL and started again with the same
 * arguments (same port, same data dir), as an operator would after a crash.
 */
export class ChildService {
  private child: ChildProcess | undefined;
  private stopping = false;
  output = '';
  starts = 0;
  kills = 0;
  /** Milliseconds each restart after a kill took, spawn to ready. */
  readonly restartMs: number[] = [];

  constructor(private readonly init: ChildServiceInit) {}

  get name(): string {
    return this.init.name;
  }

  get pid(): number | undefined {
    const c = this.child;
    return c && c.exitCode === null && c.signalCode === null ? c.pid : undefined;
  }

  /** Spawns the service and resolves, with the milliseconds it took, once `ready` says it answers. */
  async start(timeoutMs = this.init.startTimeoutMs ?? 60_000): Promise<number> {
    const t0 = performance.now();
    const tsx = pathToFileURL(require.resolve('tsx')).href;
    const child = spawn(process.execPath, ['--import', tsx, this.init.script, ...this.init.args], {
      cwd: this.init.root,
      env: { ...process.env, ...this.init.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // A process group of its own: kill -9 takes the service's own children (the host's app process) too.
      detached: true,
    });
    this.child = child;
    track(child);
    child.once('exit', (code, signal) => {
      if (this.child === child && !this.stopping)
        this.init.onUnexpectedExit?.(`${this.name} exited (${code ?? signal})`, this.output.slice(-3000));
    });
    this.starts += 1;
    const keep = (c: Buffer) => (this.output = (this.output + c.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new SoakError(`${this.name} exited (${child.exitCode ?? child.signalCode}):\n${this.output}`);
      if (await this.init.ready(this.output).catch(() => false)) return performance.now() - t0;
      await delay(100);
    }
    throw new SoakError(`${this.name} was not ready within ${timeoutMs} ms:\n${this.output}`);
  }

  /** kill -9: no shutdown hook runs, nothing is flushed, no lock or lease is released. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    this.stopping = true;
    killGroup(child, 'SIGKILL');
    await exited;
    this.stopping = false;
    this.kills += 1;
  }

  /** kill -9, then start again on the same port and data dir; resolves when it answers again. */
  async crashAndRestart(): Promise<number> {
    await this.kill9();
    this.output = '';
    const ms = await this.start();
    this.restartMs.push(ms);
    return ms;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    this.stopping = true;
    child.kill('SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    // What the service started and left behind (it had 10 s to stop them).
    killGroup(child, 'SIGKILL');
  }
}
