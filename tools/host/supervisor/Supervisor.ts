import type { ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { nodeWorkerArgumentsFor } from '../app/nodeWorkerArguments';
import { HostError } from '../errors';
import { isConnection, sendConnection, toSocket } from '../http/connectionHandle';
import type { HostFunctionInfo } from '../HostFunctionInfo';
import type { FromAppProcess, ToAppProcess } from './appProcessMessages';
import { forkAppProcess } from './forkAppProcess';
import { stopAppProcess } from './stopAppProcess';
import type { SupervisorOptions } from './SupervisorOptions';

export type { SupervisorOptions } from './SupervisorOptions';

/**
 * The Functions host's side of the language worker: it owns the port and runs the app (with its triggers) in a
 * process of its own, as the Functions host runs the Node worker. Connections are accepted without reading and
 * handed to the app process; when that process dies (an exception thrown in a callback outside any invocation
 * ends a Node worker), the supervisor logs it and starts a new one, and connections made meanwhile wait for it.
 */
export class Supervisor {
  readonly #server: Server;
  #child: ChildProcess | undefined;
  #ready = false;
  #waiting: Socket[] = [];
  #closing: Promise<void> | undefined;
  #restarts = 0;
  #failuresInRow = 0;
  /** Only an app that once started is restarted: a first start that fails fails start(). */
  #everReady = false;
  port = 0;
  functions: HostFunctionInfo[] = [];

  private constructor(private readonly opts: SupervisorOptions) {
    this.#server = createServer({ pauseOnConnect: true, noDelay: true, keepAlive: true }, (s) =>
      this.#connection(s),
    );
  }

  /** Listens (connections wait), starts the app process and resolves once it is ready; rejects if it fails. */
  static async start(opts: SupervisorOptions): Promise<Supervisor> {
    const sup = new Supervisor(opts);
    await new Promise<void>((resolve, reject) => {
      sup.#server.once('error', reject);
      sup.#server.listen(opts.port, opts.hostname ?? '127.0.0.1', () => {
        sup.#server.off('error', reject);
        resolve();
      });
    });
    sup.port = (sup.#server.address() as AddressInfo).port;
    try {
      await sup.#spawn();
    } catch (err) {
      await sup.close();
      throw err;
    }
    return sup;
  }

  #log(line: string): void {
    (this.opts.log ?? ((l: string) => process.stderr.write(l + '\n')))(line);
  }

  #connection(socket: Socket): void {
    if (this.#closing) return void socket.destroy();
    if (this.#ready && this.#child?.connected) return this.#handOff(this.#child, socket);
    // The app process is (re)starting: the connection waits, as requests wait for a restarting worker.
    socket.once('close', () => (this.#waiting = this.#waiting.filter((s) => s !== socket)));
    this.#waiting.push(socket);
  }

  /** One hop whatever FUNCTIONS_WORKER_PROCESS_COUNT is: the app process deals it on to a worker as it came. */
  #handOff(child: ChildProcess, socket: Socket): void {
    sendConnection(child, { type: 'connection' } satisfies ToAppProcess, socket);
  }

  #spawn(): Promise<void> {
    const restart = this.#restarts;
    const { appDir, env } = this.opts.options;
    const child = forkAppProcess(appDir, nodeWorkerArgumentsFor(appDir, env));
    this.#child = child;
    this.#ready = false;
    // A send racing the child's death fails here, not as an unhandled 'error' that would end this process.
    child.on('error', () => undefined);
    child.once('disconnect', () => {
      if (this.#child === child) this.#ready = false;
    });
    const timeoutMs = this.opts.startTimeoutMs ?? 90_000;
    let childReady = false;
    const started = new Promise<void>((ok, fail) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        fail(new HostError(`The host for ${this.opts.options.appDir} did not start within ${timeoutMs} ms.`));
      }, timeoutMs);
      child.on('message', (msg: FromAppProcess, handle: unknown) => {
        if (msg.type === 'dying') {
          if (this.#child === child) this.#ready = false;
          // IPC is ordered: every connection sent before this ack reaches the child before it, and comes back.
          if (child.connected) child.send({ type: 'dyingAck' } satisfies ToAppProcess);
        } else if (msg.type === 'requeue') {
          // Back as a bare handle: wrapped without reading, it waits like any connection made meanwhile.
          if (isConnection(handle)) this.#connection(toSocket(handle, true));
        } else if (msg.type === 'ready') {
          clearTimeout(timer);
          this.functions = msg.functions;
          this.#ready = true;
          childReady = true;
          this.#everReady = true;
          this.#failuresInRow = 0;
          const waiting = this.#waiting;
          this.#waiting = [];
          for (const s of waiting) if (!s.destroyed) this.#handOff(child, s);
          ok();
        } else if (msg.type === 'failed') {
          clearTimeout(timer);
          const err = new HostError(
            `The host for ${this.opts.options.appDir} failed to start: ${msg.message}`,
          );
          if (msg.stack) err.stack = `${err.message}\n--- in the app process ---\n${msg.stack}`;
          fail(err);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        // Not this.#ready: 'disconnect' (which clears it) comes before 'exit'.
        const wasReady = childReady;
        if (this.#child === child) this.#ready = false;
        fail(
          new HostError(
            `The host for ${this.opts.options.appDir} exited before it was ready (code ${code}, signal ${signal}).`,
          ),
        );
        if (this.#closing || this.#child !== child || !this.#everReady) return;
        this.#log(
          `Language worker process exited (pid ${child.pid}, code ${code}, signal ${signal})${wasReady ? '' : ' while starting'}. Starting a new one.`,
        );
        this.#restart(wasReady);
      });
    });
    child.send({
      type: 'start',
      options: {
        ...this.opts.options,
        port: this.port,
        handoff: true,
        bannerUrl: this.opts.bannerUrl(this.port),
        restart,
      },
    } satisfies ToAppProcess);
    return started;
  }

  /** Replaced at once after a crash; with backoff (1 s doubling to 30 s) while it keeps failing to load. */
  #restart(wasReady: boolean): void {
    const delay = wasReady ? 0 : Math.min(30_000, 1000 * 2 ** this.#failuresInRow++);
    this.#restarts++;
    setTimeout(() => {
      if (this.#closing) return;
      this.#spawn().catch((err: unknown) => {
        if (!this.#closing) this.#log(`${(err as Error).message} Retrying.`);
      });
    }, delay).unref();
  }

  /** Stops accepting, asks the app process to stop (in-flight work finishes, checkpoints flush) and waits. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#server.close();
      for (const s of this.#waiting) s.destroy();
      this.#waiting = [];
      if (this.#child) await stopAppProcess(this.#child);
    })();
    return this.#closing;
  }

  /** The current app process's pid (tests kill it). */
  get appPid(): number | undefined {
    return this.#child?.pid;
  }
}
