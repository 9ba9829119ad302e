import type { FunctionCallback, FunctionMetadata, HookCallback, ProgrammingModel } from './coreTypes';
import { HostError } from '../errors';

export interface RegisteredFunction {
  functionId: string;
  metadata: FunctionMetadata;
  callback: FunctionCallback;
}

export type HookName = 'appStart' | 'appTerminate' | 'preInvocation' | 'postInvocation' | 'log';
const hookNames: readonly string[] = ['appStart', 'appTerminate', 'preInvocation', 'postInvocation', 'log'];

/** What an app registers while it loads: functions, hooks and the programming model, as the worker's channel keeps them. */
export class AppRegistry {
  readonly functions = new Map<string, RegisteredFunction>();
  readonly hooks = new Map<HookName, HookCallback[]>();
  /** Shared by every hook of the app (`appHookData`). */
  readonly appHookData: Record<string, unknown> = {};
  /** `hookData` of appStart/appTerminate hooks: app-level only. */
  readonly appLevelOnlyHookData: Record<string, unknown> = {};
  programmingModel: ProgrammingModel | undefined;
  hasFinishedStartup = false;
  #nextId = 0;

  registerFunction(metadata: FunctionMetadata, callback: FunctionCallback): () => void {
    if (this.hasFinishedStartup) throw new HostError('A function can only be registered during app startup.');
    if (!metadata?.name) throw new HostError('A function needs a name.');
    const key = metadata.name.toLowerCase();
    if (this.functions.has(key)) {
      throw new HostError(`A function with the name "${metadata.name}" has already been registered.`);
    }
    const functionId = metadata.functionId ?? `fn-${++this.#nextId}`;
    this.functions.set(key, { functionId, metadata, callback });
    return () => {
      if (this.hasFinishedStartup) throw new HostError('A function can only be disposed during app startup.');
      this.functions.delete(key);
    };
  }

  registerHook(name: string, callback: HookCallback): () => void {
    if (!hookNames.includes(name)) {
      // The library turns a RangeError into "requires a newer host"; keep the same signal.
      throw new RangeError(`Unrecognized hook "${name}"`);
    }
    const list = this.hooks.get(name as HookName) ?? [];
    list.push(callback);
    this.hooks.set(name as HookName, list);
    return () => {
      const at = list.indexOf(callback);
      if (at >= 0) list.splice(at, 1);
    };
  }

  hooksFor(name: HookName): readonly HookCallback[] {
    return this.hooks.get(name) ?? [];
  }

  /** appStart / appTerminate hooks in registration order; `hookData` is app-level only, as in the worker. */
  async runAppHooks(name: 'appStart' | 'appTerminate', extra: Record<string, unknown>): Promise<void> {
    const ctx = { hookData: this.appLevelOnlyHookData, appHookData: this.appHookData, ...extra };
    for (const hook of [...this.hooksFor(name)]) await hook(ctx);
  }
}
