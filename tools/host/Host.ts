import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { resolve } from 'node:path';
import { AppRegistry, type RegisteredFunction } from './app/AppRegistry';
import { functionTimeoutMs, maxBodyBytes, routePrefix } from './app/hostOptions';
import { indexFunction, type IndexedFunction } from './app/indexFunctions';
import { installCoreModule } from './app/installCoreModule';
import { entryPointFiles, loadEntryPoints } from './app/loadApp';
import { applySettings, readHostJson, readLocalSettings } from './app/settings';
import { ensureError, HostError } from './errors';
import type { HostFunctionInfo } from './HostFunctionInfo';
import { HostKeys } from './http/HostKeys';
import { HttpServer, type HttpConversion } from './http/HttpServer';
import type { HostOptions, WorkerRole } from './HostOptions';
import { Router } from './http/Router';
import { corsOptions } from './http/cors';
import { addHttpRoute } from './httpRoute';
import { banner } from './banner';
import { startListener } from './startListener';
import { manualInput } from './manualInput';
import { HostLogger } from './invoke/HostLogger';
import { Invoker } from './invoke/Invoker';
import { createListener, type ListenerDeps } from './createListener';
import type { TriggerListener } from './TriggerListener';
import { OutputBindings } from './outputs/OutputBindings';
import { isSupportedInput } from './inputs/InputBindings';
import { HttpWorkers } from './workers/HttpWorkers';
import { workerProcessCount } from './workers/workerProcessCount';

export type { HostOptions, WorkerRole } from './HostOptions';

/**
 * A local Functions host running in this process: it loads the app the way the Node worker does, serves HTTP
 * triggers and runs timer, Service Bus, Cosmos DB, storage queue and blob triggers. One per process (the core module is global).
 */
export class Host {
  port = 0;
  readonly functions: HostFunctionInfo[] = [];
  /** Functions switched off with the `AzureWebJobs.<name>.Disabled` setting. */
  readonly disabled: string[] = [];
  #listeners: TriggerListener[] = [];
  /** Non-HTTP functions by lower-case name, for `POST /admin/functions/{name}`. */
  #manual = new Map<string, IndexedFunction>();
  #invoker: Invoker | undefined;
  #streamUri: string | undefined;
  #http: HttpServer | undefined;
  #workers: HttpWorkers | undefined;
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
  ) {}

  static async start(opts: HostOptions): Promise<Host> {
    const appDir = resolve(opts.appDir);
    const settings = readLocalSettings(appDir);
    applySettings(settings, opts.env);
    // Azure on Linux reads WEBSITE_TIME_ZONE (an IANA name) as the time zone of timer schedules; Node reads TZ.
    const zone = process.env.WEBSITE_TIME_ZONE;
    if (zone?.includes('/')) process.env.TZ = zone;
    const hostJson = readHostJson(appDir);
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
      if (count > 1)
        host.#workers = HttpWorkers.start({
          count,
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
    const files = await entryPointFiles(this.appDir);
    this.logger.host('information', `Loading ${files.length} entry point file(s) from ${this.appDir}`);
    await loadEntryPoints(this.appDir, files);
    const model = this.registry.programmingModel;
    if (!model)
      throw new HostError(
        'The app loaded but set no programming model: it does not use @azure/functions v4.',
      );
    const caps = (await model.getCapabilities?.({})) ?? {};
    // Set when the app called app.setup({ enableHttpStream: true }): HTTP requests go through the library's proxy.
    this.#streamUri = caps.HttpUri;
    await this.registry.runAppHooks('appStart', { functionAppDirectory: this.appDir });
    this.registry.hasFinishedStartup = true;

    const invoker = (this.#invoker = new Invoker(
      this.registry,
      this.logger,
      this.outputs,
      functionTimeoutMs(hostJson),
    ));
    const router = new Router(routePrefix(hostJson));
    const deps: ListenerDeps = {
      invoker,
      logger: this.logger,
      hostJson,
      outputs: this.outputs,
      appDir: this.appDir,
    };
    for (const fn of this.registry.functions.values()) {
      try {
        this.#index(fn, router, deps);
      } catch (err) {
        // As the host does with an indexing error: this function is left out, the others run.
        const msg = ensureError(err).message;
        const named = msg.startsWith(`Function '${fn.metadata.name}'`)
          ? msg
          : `Function '${fn.metadata.name}': ${msg}`;
        this.logger.host('error', `${named} It cannot run.`);
      }
    }
    this.#http = new HttpServer({
      router,
      keys: this.keys,
      invoker,
      logger: this.logger,
      maxBodyBytes: maxBodyBytes(),
      cors,
      streamUri: this.#streamUri,
      adminInvoke: this.worker?.adminInvoke ?? ((name, input) => this.#invokeNow(name, input)),
      conversion,
    });
    // A worker never listens and runs no other trigger: the host process hands it connections.
    if (this.worker) return;
    // In parallel: each trigger loads its SDK and connects on its own; one that fails does not stop the others.
    await Promise.all(
      this.#listeners.map((l) => startListener(l, this.logger, () => this.#closing !== undefined)),
    );
    // HTTP last, as the Functions host serves requests only once it is running: a client that sees the host
    // answer may rely on every trigger having started (a Cosmos DB trigger starting "now" has fixed that point,
    // so the writes the client makes next are not skipped).
    if (this.handoff && !this.#workers) {
      // A supervisor holds the port and hands connections over (acceptConnection).
      this.port = port;
      return;
    }
    if (this.handoff) {
      // With more workers, handles passed on from a handle received over IPC stall under concurrent connections:
      // the front door listens on an internal loopback port and the supervisor pipes connections to it.
      this.port = await this.#workers!.listen(this.#http, 0, '127.0.0.1');
      return;
    }
    const hostname = this.hostname;
    this.port = await (this.#workers?.listen(this.#http, port, hostname) ??
      this.#http.listen(port, hostname));
  }

  #index(fn: RegisteredFunction, router: Router, deps: ListenerDeps): void {
    const name = fn.metadata.name;
    if (/^(true|1)$/i.test(process.env[`AzureWebJobs.${name}.Disabled`] ?? '')) {
      this.disabled.push(name);
      return;
    }
    const indexed = indexFunction(fn);
    const type = indexed.trigger.type;
    for (const input of indexed.inputs)
      if (!isSupportedInput(input.type))
        this.logger.host(
          'warning',
          `Function '${name}': input binding '${input.name}' of type '${input.type}' is NOT read by this local host: the handler gets undefined for it. Only Cosmos DB and blob inputs are read.`,
        );
    if (type.toLowerCase() === 'httptrigger') {
      this.functions.push(addHttpRoute(router, indexed));
      return;
    }
    if (this.worker) return;
    const listener = createListener(indexed, deps);
    this.functions.push({ name, trigger: type });
    this.#manual.set(name.toLowerCase(), indexed);
    if (listener) this.#listeners.push(listener);
    else
      this.logger.host(
        'warning',
        `Function '${name}': trigger type '${type}' is not run by this local host; skipped.`,
      );
  }

  /** Serves a connection handed to this process (by the supervisor, or by the host process to a worker). */
  acceptConnection(socket: Socket): void {
    if (!this.#http) socket.destroy();
    else if (this.#workers) this.#workers.dispatch(socket);
    else this.#http.accept(socket);
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
    const f = this.#manual.get(name.toLowerCase());
    if (!f || !this.#invoker) return false;
    this.#invoker
      .invoke(f, {
        inputData: [{ name: f.trigger.name, data: manualInput(f, input) }],
        reason: 'This function was programmatically called via the host APIs.',
      })
      .catch(() => undefined); // The invoker has logged the failure.
    return true;
  }

  /** Prints what `func start` prints: the functions with their URLs, then a line containing `listening`. */
  printBanner(baseUrl: string): void {
    // The lines scripts written for func start wait on, in its order: the job host, then the functions, then
    // the lease line (func prints it last). `Host listening on` stays for this repository's tooling.
    const ms = Math.round(performance.now() - this.#createdAt);
    this.logger.host('information', 'Worker process started and initialized.');
    this.logger.host('information', 'Job host started');
    this.logger.host('information', `Host started (${ms}ms)`);
    for (const l of banner(baseUrl, this.functions, this.keys, this.disabled)) this.logger.print(l);
    this.logger.host('information', `Host lock lease acquired by instance ID '${this.#instanceId}'.`);
    this.logger.flush();
  }

  /** Stops triggers (in-flight work finishes, checkpoints flush), the HTTP server, then runs appTerminate hooks. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const attempt = async (what: string, fn: () => Promise<void>): Promise<void> => {
        try {
          await fn();
        } catch (err) {
          this.logger.host('error', `${what} failed while stopping: ${ensureError(err).message}`);
        }
      };
      await Promise.all([
        ...this.#listeners.map((l) => attempt(`Function '${l.functionName}'`, () => l.stop())),
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
