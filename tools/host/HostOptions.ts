import type { HttpConversion } from './http/HttpServer';

export interface HostOptions {
  /** Folder of the app: package.json (main), host.json, local.settings.json. */
  appDir: string;
  /** HTTP port. Default: local.settings.json Host.LocalHttpPort, else 7071; 0 = ephemeral. */
  port?: number;
  /** Settings that win over local.settings.json and the process environment. */
  env?: Record<string, string>;
  /** No console output except data-loss warnings. */
  quiet?: boolean;
  /**
   * Check keys (`authLevel` function/admin, the admin API), as Core Tools' `func start --enableAuth` does.
   * Default false: `func start` runs every function as anonymous locally.
   */
  enableAuth?: boolean;
  /** Who converts HTTP requests and responses (see HttpConversion). Default `host`. */
  httpConversion?: HttpConversion;
  /**
   * Entry script of the extra worker processes (FUNCTIONS_WORKER_PROCESS_COUNT > 1). Default
   * workers/workerMain.ts through tsx; a bundled host passes its bundled copy.
   */
  workerScript?: string;
  /** Interface the HTTP port listens on. Default 127.0.0.1 (loopback), as the banner says. */
  hostname?: string;
  /**
   * Set by the supervisor: never listen; connections arrive through acceptConnection() and `port` is the
   * supervisor's (for the banner).
   */
  handoff?: boolean;
  /** Set by the supervisor: the URL the banner shows. */
  bannerUrl?: string;
  /** Set by the supervisor: how many times the app process was restarted (0 = first start). */
  restart?: number;
  /** Set by workerMain only: this process is extra worker `id`, serving HTTP connections it is handed. */
  worker?: WorkerRole;
}

export interface WorkerRole {
  id: number;
  /** Runs `POST /admin/functions/{name}` in the host process, where non-HTTP functions live. */
  adminInvoke: (name: string, input: string) => Promise<boolean>;
}
