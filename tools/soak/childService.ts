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
}

/**
 * One offline service as a child process that can be killed with SIGKILL and started again with the same
 * arguments (same port, same data dir), as an operator would after a crash.
 */
export class ChildService {
  private child: ChildProcess | undefined;
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

  async start(): Promise<number> {
    const t0 = performance.now();
    const tsx = pathToFileURL(require.resolve('tsx')).href;
    const child = spawn(process.execPath, ['--import', tsx, this.init.script, ...this.init.args], {
      cwd: this.init.root,
      env: { ...process.env, ...this.init.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    const keep = (c: Buffer) => (this.output = (this.output + c.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = performance.now() + (this.init.startTimeoutMs ?? 60_000);
    while (performance.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new SoakError(`${this.name} exited (${child.exitCode ?? child.signalCode}):\n${this.output}`);
      if (await this.init.ready(this.output).catch(() => false)) return performance.now() - t0;
      await delay(100);
    }
    throw new SoakError(
      `${this.name} was not ready within ${this.init.startTimeoutMs ?? 60_000} ms:\n${this.output}`,
    );
  }

  /** kill -9: no shutdown hook runs, nothing is flushed, no lock or lease is released. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
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
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
