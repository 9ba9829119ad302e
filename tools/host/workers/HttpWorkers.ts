import { dropConnection, type Connection } from '../http/connectionHandle';
import type { HttpConversion, HttpServer } from '../http/HttpServer';
import type { HostLogger } from '../invoke/HostLogger';
import { FrontDoor } from './FrontDoor';
import { WorkerPool } from './WorkerPool';

export interface HttpWorkersOptions {
  /** FUNCTIONS_WORKER_PROCESS_COUNT: this process plus count - 1 workers. */
  count: number;
  /** LOCAL_HOST_PER_FUNCTION_SCALING: HTTP on the workers only, while one is ready. */
  workersOnly: boolean;
  appDir: string;
  quiet: boolean;
  httpConversion: HttpConversion | undefined;
  enableAuth: boolean;
  workerScript: string | undefined;
  logger: HostLogger;
  adminInvoke: (name: string, input: string) => boolean;
}

/** The host process's side of FUNCTIONS_WORKER_PROCESS_COUNT > 1: the worker pool and the front door on the port. */
export class HttpWorkers {
  #front: FrontDoor | undefined;

  private constructor(
    private readonly workers: ReturnType<typeof WorkerPool.start>,
    private readonly workersOnly: boolean,
  ) {}

  /** Forks the workers at once, so they load the app while this process does. */
  static start(opts: HttpWorkersOptions): HttpWorkers {
    return new HttpWorkers(
      WorkerPool.start({
        count: opts.count - 1,
        options: {
          appDir: opts.appDir,
          quiet: opts.quiet,
          enableAuth: opts.enableAuth,
          ...(opts.httpConversion ? { httpConversion: opts.httpConversion } : {}),
        },
        script: opts.workerScript,
        logger: opts.logger,
        adminInvoke: opts.adminInvoke,
      }),
      opts.workersOnly,
    );
  }

  /** Waits for every worker to be ready (or fails with the first load error), then takes the port. */
  async listen(local: HttpServer, port: number, hostname: string): Promise<number> {
    await this.ready(local);
    return this.#front!.listen(port, hostname);
  }

  /** Waits for every worker to be ready; connections then come through dispatch() (a supervisor holds the port). */
  async ready(local: HttpServer): Promise<void> {
    await this.workers.ready;
    this.#front = new FrontDoor(local, this.workers.pool, this.workersOnly);
  }

  /** Deals a connection handed to this process to it or a worker. */
  dispatch(connection: Connection): void {
    if (this.#front) this.#front.dispatch(connection);
    else dropConnection(connection);
  }

  /** Stops taking connections and stops the workers; this process's own connections are its HttpServer's. */
  async close(): Promise<void> {
    // Its callback waits for the connections this process serves: the HttpServer closes those.
    void this.#front?.close();
    await this.workers.pool.close();
  }
}
