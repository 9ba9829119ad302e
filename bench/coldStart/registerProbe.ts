/**
 * Run by plain `node` (bundled by esbuild at bench time): installs a stand-in for `@azure/functions-core`,
 * the module the Functions worker supplies, imports the app named in argv[2], and prints how many functions
 * registered. The parent times the whole process, spawn to exit: the cost of a cold app load.
 * The stand-in only records registrations; it is the minimum the library needs to leave "test mode".
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

interface ModuleInternals {
  _resolveFilename(request: string, ...rest: unknown[]): string;
  _cache: Record<string, { id: string; filename: string; loaded: boolean; exports: unknown }>;
}

const CORE_KEY = 'orderflow-bench:@azure/functions-core';
const registered: Array<{ name: string; trigger: string }> = [];

class Disposable {
  constructor(private readonly fn?: () => void) {}
  static from(...items: Array<{ dispose(): void }>): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.fn?.();
  }
}

const core = {
  version: '3.10.1',
  hostVersion: '4.1000.0',
  Disposable,
  registerFunction(metadata: {
    name: string;
    bindings: Record<string, { type: string; direction: string }>;
  }): Disposable {
    const trigger = Object.values(metadata.bindings).find((b) => /trigger$/i.test(b.type));
    registered.push({ name: metadata.name, trigger: trigger?.type ?? 'unknown' });
    return new Disposable();
  },
  registerHook: (): Disposable => new Disposable(),
  setProgrammingModel: (): void => undefined,
  getProgrammingModel: (): undefined => undefined,
  log: (): void => undefined,
};

const req = createRequire(import.meta.url);
const Module = req('node:module') as ModuleInternals;
const resolve = Module._resolveFilename.bind(Module);
Module._cache[CORE_KEY] = { id: CORE_KEY, filename: CORE_KEY, loaded: true, exports: core };
Module._resolveFilename = (request: string, ...rest: unknown[]) =>
  request === '@azure/functions-core' ? CORE_KEY : resolve(request, ...rest);

const main = process.argv[2];
if (!main) throw new Error('usage: node registerProbe.mjs <app main file>');
await import(pathToFileURL(main).href);
process.stdout.write(JSON.stringify({ registered }) + '\n');
