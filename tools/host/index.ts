import { fork, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HostError } from './errors';
import type { HostFunctionInfo } from './HostFunctionInfo';

export type { HostFunctionInfo } from './HostFunctionInfo';

export interface StartHostOptions {
  /** Folder of the app: its package.json `main` (the BUILT app), host.json and local.settings.json. */
  appDir: string;
  /** HTTP port. Default 7071; 0 = ephemeral. */
  port?: number;
  /**
   * Settings that win over local.settings.json and process.env. `FUNCTIONS_WORKER_PROCESS_COUNT` (1-10, default 1)
   * adds worker processes serving HTTP; they are ready before this resolves and stop with close().
   */
  env?: Record<string, string>;
  /** Print nothing but data-loss warnings. Default false. */
  quiet?: boolean;
  /** How long to wait for the app to load and the host to listen. Default 30 s. */
  startTimeoutMs?: number;
  /**
   * `host` (default): HTTP requests reach handlers without an undici Request per invocation and plain
   * responses leave without a fetch Response; `library`: the library converts everything, as under the Node
   * worker. Handlers and clients see the same either way.
   */
  httpConversion?: 'host' | 'library';
  /**
   * Check function and master keys, as `func start --enableAuth` does. Default false: as `func start`, every
   * function runs as anonymous locally and the admin API needs no key.
   */
  enableAuth?: boolean;
}

export interface RunningHost {
  port: number;
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  functions: HostFunctionInfo[];
  close(): Promise<void>;
}

type ChildMessage =
  | { type: 'ready'; port: number; functions: HostFunctionInfo[] }
  | { type: 'failed'; message: string; stack?: string };

function tsxLoader(): string {
  return pathToFileURL(require.resolve('tsx')).href;
}

function waitForExit(child: ChildProcess, ms: number): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
}

/**
 * Starts the local Functions host for the app in `appDir` in its own process, as the Functions host runs the Node
 * worker in its own: the app gets a clean module system (and `@azure/functions-core`) whatever the caller runs
 * in (jest, tsx, plain node). Resolves once the host is listening.
 */
export async function startHost(opts: StartHostOptions): Promise<RunningHost> {
  const appDir = resolve(opts.appDir);
  const child = fork(join(__dirname, 'child.ts'), [], {
    cwd: appDir,
    execArgv: ['--import', tsxLoader()],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: process.env,
  });
  const ready = await new Promise<Extract<ChildMessage, { type: 'ready' }>>((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new HostError(`The host for ${appDir} did not start within ${opts.startTimeoutMs ?? 30_000} ms.`));
    }, opts.startTimeoutMs ?? 30_000);
    const onExit = (code: number | null, signal: string | null): void => {
      clearTimeout(timer);
      fail(
        new HostError(`The host for ${appDir} exited before it was ready (code ${code}, signal ${signal}).`),
      );
    };
    child.once('exit', onExit);
    child.on('message', (msg: ChildMessage) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      if (msg.type === 'ready') ok(msg);
      else {
        const err = new HostError(`The host for ${appDir} failed to start: ${msg.message}`);
        if (msg.stack) err.stack = `${err.message}\n--- in the host process ---\n${msg.stack}`;
        void waitForExit(child, 5000).then(() => fail(err));
      }
    });
    child.send({
      type: 'start',
      options: {
        appDir,
        port: opts.port ?? 7071,
        env: opts.env,
        quiet: opts.quiet,
        httpConversion: opts.httpConversion,
        enableAuth: opts.enableAuth,
      },
    });
  });
  let closing: Promise<void> | undefined;
  return {
    port: ready.port,
    baseUrl: `http://127.0.0.1:${ready.port}`,
    functions: ready.functions,
    close(): Promise<void> {
      closing ??= (async () => {
        if (child.connected) child.send({ type: 'close' });
        else child.kill('SIGTERM');
        await waitForExit(child, 15_000);
      })();
      return closing;
    },
  };
}
