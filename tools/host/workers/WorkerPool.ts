import { fork, type ChildProcess } from 'node:child_process';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { ensureError, HostError } from '../errors';
import { sendConnection, type Connection } from '../http/connectionHandle';
import type { HostLogger } from '../invoke/HostLogger';
import type { HostOptions } from '../Host';
import { childExecArgv } from '../app/childExecArgv';
import { nodeWorkerArguments } from '../app/nodeWorkerArguments';
import { restoreWorkerPriority } from './triggerPriority';
import type { FromWorker, ToWorker } from './workerMessages';

export interface WorkerPoolOptions {
  /** Extra worker processes (FUNCTIONS_WORKER_PROCESS_COUNT - 1). */
  count: number;
  /** What each worker starts with (appDir, quiet, conversion); settings travel in the environment. */
  options: HostOptions;
  /** The worker entry script. Default: workerMain.ts beside this file, run through tsx. */
  script?: string | undefined;
  logger: HostLogger;
  /** Runs a non-HTTP function in the host process for a worker that received `POST /admin/functions/{name}`. */
  adminInvoke: (name: string, input: string) => boolean;
  /** How long a worker may take to load the app. Default 60 s. */
  startTimeoutMs?: number;
}

interface Slot {
  id: number;
  child: ChildProcess | undefined;
  /** Takes connections: loaded, and its channel is open. */
  ready: boolean;
  /** The current process sent `ready` (its death is then a crash, not a failed load). */
  loaded: boolean;
  /** Set once the first process of this slot was ready: only then does a death mean a restart. */
  everReady: boolean;
  /** Restarts that failed in a row: the delay before the next one grows with it. */
  failures: number;
}

/**
 * The extra language worker processes of FUNCTIONS_WORKER_PROCESS_COUNT: each loads the same app with the same
 * settings and serves the HTTP connections handed to it; a worker that dies is replaced.
 */
export class WorkerPool {
  readonly #slots: Slot[] = [];
  readonly #script: string;
  /** The priority the workers start with: a replacement forked later is brought back to it (triggerPriority.ts). */
  readonly #httpPriority = getPriority();
  #closing = false;

  private constructor(private readonly opts: WorkerPoolOptions) {
    this.#script = opts.script ?? join(__dirname, 'workerMain.ts');
    for (let i = 0; i < opts.count; i++)
      this.#slots.push({
        id: i + 2,
        child: undefined,
        ready: false,
        loaded: false,
        everReady: false,
        failures: 0,
      });
  }

  /** Forks every worker; the promise settles when all are ready, or rejects with the first one's load error. */
  static start(opts: WorkerPoolOptions): { pool: WorkerPool; ready: Promise<void> } {
    const pool = new WorkerPool(opts);
    const ready = Promise.all(pool.#slots.map((s) => pool.#spawn(s))).then(() => undefined);
    // Observed by the caller later; a failure must not surface as an unhandled rejection meanwhile.
    ready.catch(() => undefined);
    return { pool, ready };
  }

  get size(): number {
    return this.#slots.length;
  }

  /** Sends the connection to worker `index`; false when that worker cannot take it now (not ready). */
  handOff(index: number, connection: Connection): boolean {
    const slot = this.#slots[index];
    const child = slot?.child;
    if (!slot?.ready || !child?.connected) return false;
    // The handle moves to the worker; if it dies first, the connection drops as with a crashed worker in Azure.
    sendConnection(child, { type: 'connection' } satisfies ToWorker, connection);
    return true;
  }

  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all(
      this.#slots.map(async (s) => {
        const child = s.child;
        if (!child) return;
        if (child.connected) child.send({ type: 'close' } satisfies ToWorker);
        else child.kill('SIGTERM');
        await exited(child, 15_000);
      }),
    );
  }

  #spawn(slot: Slot): Promise<void> {
    const child = fork(this.#script, [], {
      cwd: this.opts.options.appDir,
      // The node arguments are already among this process's flags when the supervisor started it with them.
      execArgv: childExecArgv(this.#script, nodeWorkerArguments()),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: process.env,
    });
    slot.child = child;
    slot.ready = false;
    slot.loaded = false;
    if (child.pid !== undefined)
      restoreWorkerPriority(child.pid, slot.id, this.#httpPriority, this.opts.logger);
    // A send racing the worker's death fails here, not as an unhandled 'error' that would end the host process.
    child.on('error', (err) => {
      if (!this.#closing)
        this.opts.logger.host('warning', `Worker process ${slot.id}: ${ensureError(err).message}`);
    });
    // The channel closes as the worker dies, before 'exit': stop handing it connections at once.
    child.once('disconnect', () => {
      if (slot.child === child) slot.ready = false;
    });
    const started = new Promise<void>((ok, fail) => {
      const timeoutMs = this.opts.startTimeoutMs ?? 60_000;
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        fail(new HostError(`Worker process ${slot.id} did not load the app within ${timeoutMs} ms.`));
      }, timeoutMs);
      child.on('message', (msg: FromWorker) => {
        if (msg.type === 'ready') {
          clearTimeout(timer);
          slot.ready = true;
          slot.loaded = true;
          slot.everReady = true;
          slot.failures = 0;
          ok();
        } else if (msg.type === 'failed') {
          clearTimeout(timer);
          const err = new HostError(`Worker process ${slot.id} failed to start: ${msg.message}`);
          if (msg.stack) err.stack = `${err.message}\n--- in worker process ${slot.id} ---\n${msg.stack}`;
          fail(err);
        } else if (msg.type === 'adminInvoke') {
          const found = this.#adminInvoke(msg.name, msg.input);
          if (child.connected)
            child.send({ type: 'adminInvoked', requestId: msg.requestId, found } satisfies ToWorker);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        const wasReady = slot.loaded;
        slot.ready = false;
        slot.loaded = false;
        if (!wasReady)
          fail(
            new HostError(
              `Worker process ${slot.id} exited while loading the app (code ${code}, signal ${signal}).`,
            ),
          );
        if (this.#closing || slot.child !== child) return;
        if (wasReady)
          this.opts.logger.host(
            'error',
            `Worker process ${slot.id} (pid ${child.pid}) exited (code ${code}, signal ${signal}); its connections were dropped. Starting a new one.`,
          );
        this.#restart(slot, wasReady);
      });
    });
    child.send({ type: 'start', options: this.opts.options, workerId: slot.id } satisfies ToWorker);
    return started;
  }

  #adminInvoke(name: string, input: string): boolean {
    try {
      return this.opts.adminInvoke(name, input);
    } catch (err) {
      this.opts.logger.host('error', `Admin invocation of '${name}' failed: ${ensureError(err).message}`);
      return false;
    }
  }

  /** A worker that died after it was ready is replaced at once; one that keeps failing to load, with backoff. */
  #restart(slot: Slot, wasReady: boolean): void {
    // A worker failing its first start fails the host start instead.
    if (!slot.everReady) return;
    const delay = wasReady ? 0 : Math.min(30_000, 1000 * 2 ** slot.failures);
    if (!wasReady) slot.failures++;
    setTimeout(() => {
      if (this.#closing) return;
      this.#spawn(slot).then(
        () =>
          this.opts.logger.host(
            'information',
            `Worker process ${slot.id} started again (pid ${slot.child?.pid}).`,
          ),
        (err: unknown) => this.opts.logger.host('error', `${ensureError(err).message} Retrying.`),
      );
    }, delay).unref();
  }
}

function exited(child: ChildProcess, ms: number): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
}
