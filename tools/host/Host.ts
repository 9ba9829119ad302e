import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { AppRegistry } from './app/AppRegistry';
import { functionTimeoutMs, maxBodyBytes, routePrefix } from './app/hostOptions';
import { installCoreModule } from './app/installCoreModule';
import { prepareEnvironment } from './app/prepareEnvironment';
import { startApp } from './app/startApp';
import { stopStep } from './stopStep';
import { FunctionCatalog } from './FunctionCatalog';
import type { HostFunctionInfo } from './HostFunctionInfo';
import { dropConnection, toSocket, type Connection } from './http/connectionHandle';
import { HostKeys } from './http/HostKeys';
import { HttpServer, type HttpConversion } from './http/HttpServer';
import type { HostOptions, WorkerRole } from './HostOptions';
import { openHttp } from './http/openHttp';
import { Router } from './http/Router';
import { corsOptions } from './http/cors';
import { banner } from './banner';
import { printStartLines } from './printStartLines';
import { startListener } from './startListener';
import { HostLogger } from './invoke/HostLogger';
import { Invoker } from './invoke/Invoker';
import { OutputBindings } from './outputs/OutputBindings';
import { HttpWorkers } from './workers/HttpWorkers';
import { PER_FUNCTION_SCALING, perFunctionScaling } from './workers/perFunctionScaling';
import { lowerTriggerPriority, triggerNice } from './workers/triggerPriority';
import { workerProcessCount } from './workers/workerProcessCount';

export type { HostOptions, WorkerRole } from './HostOptions';

/**
 * A local Functions host running in this process: it loads the app the way the Node worker does, serves HTTP
 * triggers and runs timer, Service Bus, Cosmos DB, storage queue and blob triggers. One per process (the core
 * module is global).
 */
export class Host {
  port = 0;
  readonly #catalog: FunctionCatalog;
  #invoker: Invoker | undefined;
  #http: HttpServer | undefined;
  #workers: HttpWorkers | undefined;
  /** LOCAL_HOST_TRIGGER_NICE under per-function scaling: how far this process yields the CPU to HTTP. */
  #triggerNice: number | undefined;
  #closing: Promise<void> | undefined;
  readonly #createdAt = performance.now();
  /** As the Functions host names its instance: 32 hex digits. */
  readonly #instanceId = randomBytes(16).toString('hex');

  private constructor(
    readonly appDir: string,
    readonly logger: HostLogger,
    readonly registry: AppRegistry,
    readonly keys: HostKeys | undefined,
    private readonly outputs: OutputBindings,
    private readonly worker: WorkerRole | undefined,
    private readonly handoff: boolean,
    private readonly hostname: string,
  ) {
    this.#catalog = new FunctionCatalog(logger, worker !== undefined);
  }

  get functions(): HostFunctionInfo[] {
    return this.#catalog.functions;
  }
  /** Functions switched off with the `AzureWebJobs.<name>.Disabled` setting. */
  get disabled(): string[] {
    return this.#catalog.disabled;
  }

  static async start(opts: HostOptions): Promise<Host> {
    const appDir = resolve(opts.appDir);
    const { settings, hostJson } = prepareEnvironment(appDir, opts.env);
    const worker = opts.worker;
    const logger = HostLogger.fromHostJson(
      hostJson,
      opts.quiet ?? false,
      worker ? `Worker process ${worker.id}: ` : undefined,
    );
    const registry = new AppRegistry();
    installCoreModule(registry, (level, _category, message) =>
      logger.host(level === 'information' ? 'debug' : level, message),
    );
    // Keys exist only with enableAuth: `func start` checks none, and an app folder gets no keys file it did not ask for.
    const keys = opts.enableAuth ? new HostKeys(appDir) : undefined;
    const host = new Host(
      appDir,
      logger,
      registry,
      keys,
      new OutputBindings(logger, hostJson),
      worker,
      opts.handoff ?? false,
      opts.hostname ?? '127.0.0.1',
    );
    try {
      const count = worker ? 1 : workerProcessCount();
      const workersOnly = worker ? false : perFunctionScaling(count);
      host.#triggerNice = worker ? undefined : triggerNice(workersOnly);
      if (workersOnly)
        logger.host(
          'information',
          `Per-function scaling (${PER_FUNCTION_SCALING}): HTTP functions run in worker process${count > 2 ? `es 2-${count}` : ' 2'}, every other trigger in this one.`,
        );
      if (count > 1)
        host.#workers = HttpWorkers.start({
          count,
          workersOnly,
          appDir,
          quiet: opts.quiet ?? false,
          httpConversion: opts.httpConversion,
          enableAuth: opts.enableAuth ?? false,
          workerScript: opts.workerScript,
          logger,
          adminInvoke: (name, input) => host.#invokeNow(name, input),
        });
      await host.#load(
        hostJson,
        opts.port ?? settings.Host.LocalHttpPort ?? 7071,
        corsOptions(settings.Host),
        opts.httpConversion,
      );
    } catch (err) {
      await host.close().catch(() => undefined);
      throw err;
    }
    return host;
  }

  async #load(
    hostJson: Record<string, unknown>,
    port: number,
    cors: ReturnType<typeof corsOptions>,
    conversion: HttpConversion | undefined,
  ): Promise<void> {
    const streamUri = await startApp(this.appDir, this.registry, this.logger);

    const invoker = (this.#invoker = new Invoker(
      this.registry,
      this.logger,
      this.outputs,
      functionTimeoutMs(hostJson),
    ));
    const router = new Router(routePrefix(hostJson));
    const { logger, outputs, appDir } = this;
    this.#catalog.indexAll(this.registry, router, { invoker, logger, hostJson, outputs, appDir });
    this.#http = new HttpServer({
      router,
      keys: this.keys,
      invoker,
      logger: this.logger,
      maxBodyBytes: maxBodyBytes(),
      cors,
      streamUri,
      adminInvoke: this.worker?.adminInvoke ?? ((name, input) => this.#invokeNow(name, input)),
      conversion,
    });
    // A worker never listens and runs no other trigger: the host process hands it connections.
    if (this.worker) return;
    // In parallel: each trigger loads its SDK and connects on its own; one that fails does not stop the others.
    await Promise.all(
      this.#catalog.listeners.map((l) => startListener(l, this.logger, () => this.#closing !== undefined)),
    );
    // HTTP last, as the Functions host serves requests only once it is running: a client that sees the host
    // answer may rely on every trigger having started (a Cosmos DB trigger starting "now" has fixed that point,
    // so the writes the client makes next are not skipped).
    this.port = await openHttp(this.#http, this.#workers, this.handoff, port, this.hostname);
    // Only now: every HTTP worker is forked, and a child inherits the priority of the thread that forks it.
    if (this.#triggerNice !== undefined) lowerTriggerPriority(this.#triggerNice, this.logger);
  }

  /** Serves a connection handed to this process (by the supervisor, or by the host process to a worker). */
  acceptConnection(connection: Connection): void {
    if (!this.#http) dropConnection(connection);
    else if (this.#workers) this.#workers.dispatch(connection);
    else this.#http.accept(toSocket(connection));
  }

  /**
   * The app threw outside any invocation and this process is about to exit, as a Node worker does: HTTP requests
   * in flight get 500 (the Functions host fails the invocations of a worker that died). Triggers need nothing:
   * their messages are not settled and their batches not checkpointed, so they are delivered again.
   */
  failInFlight(): Promise<void> {
    return this.#http?.failInFlight() ?? Promise.resolve();
  }

  /** Runs a non-HTTP function now (fire and forget, as the admin API answers 202 at once). */
  #invokeNow(name: string, input: string): boolean {
    return this.#invoker ? this.#catalog.invokeNow(this.#invoker, name, input) : false;
  }

  /** Prints what `func start` prints: the functions with their URLs, then a line containing `listening`. */
  printBanner(baseUrl: string): void {
    const lines = banner(baseUrl, this.functions, this.keys, this.disabled);
    printStartLines(this.logger, Math.round(performance.now() - this.#createdAt), this.#instanceId, lines);
  }

  /** Stops triggers (in-flight work finishes, checkpoints flush), the HTTP server, then runs appTerminate hooks. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const attempt = (what: string, fn: () => Promise<void>) => stopStep(this.logger, what, fn);
      await Promise.all([
        ...this.#catalog.listeners.map((l) => attempt(`Function '${l.functionName}'`, () => l.stop())),
        ...(this.#workers ? [attempt('Worker processes', () => this.#workers!.close())] : []),
      ]);
      if (this.#http) await attempt('HTTP server', () => this.#http!.close());
      if (this.registry.hasFinishedStartup)
        await attempt('appTerminate hooks', () => this.registry.runAppHooks('appTerminate', {}));
      await attempt('Output clients', () => this.outputs.close());
      this.logger.flush();
    })();
    return this.#closing;
  }
}
