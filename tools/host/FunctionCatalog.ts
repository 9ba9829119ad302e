import type { AppRegistry, RegisteredFunction } from './app/AppRegistry';
import { indexFunction, type IndexedFunction } from './app/indexFunctions';
import { createListener, type ListenerDeps } from './createListener';
import { ensureError } from './errors';
import type { HostFunctionInfo } from './HostFunctionInfo';
import type { Router } from './http/Router';
import { addHttpRoute } from './httpRoute';
import { isSupportedInput } from './inputs/InputBindings';
import type { HostLogger } from './invoke/HostLogger';
import type { Invoker } from './invoke/Invoker';
import { manualInput } from './manualInput';
import type { TriggerListener } from './TriggerListener';

/**
 * What the host runs of the app's registered functions: HTTP routes, trigger listeners, the functions the admin
 * API can start, and those switched off. A worker process (`worker`) serves HTTP only.
 */
export class FunctionCatalog {
  readonly functions: HostFunctionInfo[] = [];
  /** Functions switched off with the `AzureWebJobs.<name>.Disabled` setting. */
  readonly disabled: string[] = [];
  readonly listeners: TriggerListener[] = [];
  /** Non-HTTP functions by lower-case name, for `POST /admin/functions/{name}`. */
  readonly manual = new Map<string, IndexedFunction>();

  constructor(
    private readonly logger: HostLogger,
    private readonly worker: boolean,
  ) {}

  indexAll(registry: AppRegistry, router: Router, deps: ListenerDeps): void {
    for (const fn of registry.functions.values()) {
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
    this.manual.set(name.toLowerCase(), indexed);
    if (listener) this.listeners.push(listener);
    else
      this.logger.host(
        'warning',
        `Function '${name}': trigger type '${type}' is not run by this local host; skipped.`,
      );
  }

  /** Runs a non-HTTP function now (fire and forget, as the admin API answers 202 at once); false if none. */
  invokeNow(invoker: Invoker, name: string, input: string): boolean {
    const f = this.manual.get(name.toLowerCase());
    if (!f) return false;
    invoker
      .invoke(f, {
        inputData: [{ name: f.trigger.name, data: manualInput(f, input) }],
        reason: 'This function was programmatically called via the host APIs.',
      })
      .catch(() => undefined); // The invoker has logged the failure.
    return true;
  }
}
