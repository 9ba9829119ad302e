import Module from 'node:module';
import { AppRegistry } from './AppRegistry';
import type {
  FunctionCallback,
  FunctionMetadata,
  HookCallback,
  ProgrammingModel,
  RpcLogCategory,
  RpcLogLevel,
} from './coreTypes';
import { HostError } from '../errors';

/** The Functions host version the library sees (`coreApi.hostVersion`); 4.x enables every v4 feature we serve. */
export const HOST_VERSION = '4.1040.0';
const CORE_MODULE = '@azure/functions-core';

class Disposable {
  #callOnDispose: (() => unknown) | undefined;
  constructor(callOnDispose: () => unknown) {
    this.#callOnDispose = callOnDispose;
  }
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    const fn = this.#callOnDispose;
    this.#callOnDispose = undefined;
    fn?.();
  }
}

export type SystemLogSink = (level: RpcLogLevel, category: RpcLogCategory, message: string) => void;

let current: AppRegistry | undefined;
let systemLog: SystemLogSink = () => undefined;
let installed = false;

function target(): AppRegistry {
  if (!current) throw new HostError('@azure/functions-core was used while no app is loading in this host.');
  return current;
}

const coreApi = {
  version: '3.10.1',
  get hostVersion(): string {
    return HOST_VERSION;
  },
  registerFunction(metadata: FunctionMetadata, callback: FunctionCallback): Disposable {
    return new Disposable(target().registerFunction(metadata, callback));
  },
  registerHook(name: string, callback: HookCallback): Disposable {
    return new Disposable(target().registerHook(name, callback));
  },
  setProgrammingModel(model: ProgrammingModel): void {
    const reg = target();
    if (reg.programmingModel) {
      systemLog(
        'information',
        'system',
        `Setting Node.js programming model to "${model.name}" version "${model.version}"`,
      );
    }
    reg.programmingModel = model;
  },
  getProgrammingModel(): ProgrammingModel | undefined {
    return current?.programmingModel;
  },
  log(level: RpcLogLevel, category: RpcLogCategory, message: string): void {
    systemLog(level, category, message);
  },
  Disposable,
};

/**
 * Provides `@azure/functions-core` to everything loaded in this process, as the Node worker does: a Proxy on
 * `Module.prototype.require`. It must run before anything touches `@azure/functions`, which caches "no runtime"
 * (test mode) on first use. ESM apps reach the library through its CommonJS entry, so they pass here too.
 */
export function installCoreModule(registry: AppRegistry, sink: SystemLogSink): void {
  current = registry;
  systemLog = sink;
  if (installed) return;
  installed = true;
  const proto = Module.prototype as unknown as { require: (id: string) => unknown };
  proto.require = new Proxy(proto.require, {
    apply(fn, thisArg, args: unknown[]) {
      if (args[0] === CORE_MODULE) return coreApi;
      return Reflect.apply(fn, thisArg, args) as unknown;
    },
  });
}
