import { resolve } from 'node:path';
import type { HostFunctionInfo } from './HostFunctionInfo';
import { Supervisor } from './supervisor/Supervisor';

export type { HostFunctionInfo } from './HostFunctionInfo';

export interface StartHostOptions {
  /** Folder of the app: its package.json `main` (the BUILT app), host.json and local.settings.json. */
  appDir: string;
  /** HTTP port. Default 7071; 0 = ephemeral. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1 (loopback only). */
  hostname?: string;
  /**
   * Settings that win over local.settings.json and process.env. `FUNCTIONS_WORKER_PROCESS_COUNT` (1-10, default 1)
   * adds worker processes serving HTTP; they are ready before this resolves and stop with close().
   */
  env?: Record<string, string>;
  /** Print nothing but data-loss warnings. Default false. */
  quiet?: boolean;
  /** How long to wait for the app to load and the host to listen. Default 90 s. */
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
  /** The pid of the process running the app now (it changes when that process dies and is started again). */
  readonly appPid: number | undefined;
  close(): Promise<void>;
}

/**
 * Starts the local Functions host for the app in `appDir`: this process holds the port (loopback) and the app
 * runs in a process of its own, as the Functions host runs the Node worker, so the app gets a clean module
 * system (and `@azure/functions-core`) whatever the caller runs in, and an exception the app throws outside any
 * invocation ends only that process, which is started again. Resolves once the host is ready.
 */
export async function startHost(opts: StartHostOptions): Promise<RunningHost> {
  const appDir = resolve(opts.appDir);
  const sup = await Supervisor.start({
    port: opts.port ?? 7071,
    ...(opts.hostname ? { hostname: opts.hostname } : {}),
    bannerUrl: (port) => `http://127.0.0.1:${port}`,
    ...(opts.startTimeoutMs ? { startTimeoutMs: opts.startTimeoutMs } : {}),
    options: {
      appDir,
      ...(opts.env ? { env: opts.env } : {}),
      ...(opts.quiet !== undefined ? { quiet: opts.quiet } : {}),
      ...(opts.httpConversion ? { httpConversion: opts.httpConversion } : {}),
      ...(opts.enableAuth !== undefined ? { enableAuth: opts.enableAuth } : {}),
    },
  });
  return {
    port: sup.port,
    baseUrl: `http://127.0.0.1:${sup.port}`,
    functions: sup.functions,
    get appPid() {
      return sup.appPid;
    },
    close: () => sup.close(),
  };
}
