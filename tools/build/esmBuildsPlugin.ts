import type { Plugin } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface PackageJson {
  module?: unknown;
  exports?: unknown;
}

/** The package folder Node would load `name` from, looking up from `fromDir` as Node's resolution does. */
function packageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The ESM entry a package declares for its root: `exports['.'].module`, else a top-level `module` field. */
function esmEntry(pkg: PackageJson): string | undefined {
  const root =
    pkg.exports && typeof pkg.exports === 'object' ? (pkg.exports as Record<string, unknown>)['.'] : undefined;
  if (root && typeof root === 'object') {
    const module = (root as Record<string, unknown>).module;
    return typeof module === 'string' ? module : undefined;
  }
  return pkg.exports === undefined && typeof pkg.module === 'string' ? pkg.module : undefined;
}

/**
 * Bundles the ESM builds of the named packages (their `module` entry) instead of the CommonJS ones Node's
 * `main` names, for every import and require of a package root, so one copy is bundled either way. In an ESM
 * bundle, ESM code is hoisted into plain bindings, while every access to a CommonJS export goes through an
 * interop getter: the OpenTelemetry API and SDK are called several times per span, on every request with
 * tracing on. A package without an ESM build, or a subpath import, resolves as usual.
 */
export function esmBuildsPlugin(scopes: RegExp): Plugin {
  return {
    name: 'esm-builds',
    setup(b) {
      b.onResolve({ filter: scopes }, (args) => {
        const name = args.path.startsWith('@')
          ? args.path.split('/').slice(0, 2).join('/')
          : args.path.split('/')[0]!;
        if (name !== args.path) return undefined;
        const dir = packageDir(name, args.resolveDir);
        if (!dir) return undefined;
        const entry = esmEntry(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson);
        if (!entry) return undefined;
        const path = join(dir, entry);
        return existsSync(path) ? { path } : undefined;
      });
    },
  };
}
