import { build, type BuildOptions, type Plugin } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { esmBuildsPlugin } from './esmBuildsPlugin';
import { functionFiles } from './functionFiles';

export interface BuildAppOptions {
  /** Repository root. */
  root: string;
  /** Output folder for the app bundle. Default `<root>/dist/app`. */
  outdir?: string;
  minify?: boolean;
}

const ENTRY = 'orderflow:main';

/** A virtual entry that imports every function file, so adding a function never means editing a list. */
function entryPlugin(root: string): Plugin {
  return {
    name: 'orderflow-entry',
    setup(b) {
      b.onResolve({ filter: /^orderflow:main$/ }, () => ({ path: ENTRY, namespace: 'orderflow' }));
      b.onLoad({ filter: /.*/, namespace: 'orderflow' }, () => ({
        contents: functionFiles(root)
          .map((f) => `import './${f}';`)
          .join('\n'),
        resolveDir: root,
        loader: 'ts',
      }));
    },
  };
}

/**
 * Bundles the app as ESM with code splitting: `main.mjs` holds only the registrations and
 * `@azure/functions`; everything a handler reaches through `await import()` (SDKs, zod, jose) lands in
 * chunks that load on first use. That is what keeps cold start near the cost of `@azure/functions` alone.
 */
export async function buildApp(opts: BuildAppOptions): Promise<void> {
  const outdir = opts.outdir ?? join(opts.root, 'dist', 'app');
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: 'linked',
    logLevel: 'warning',
    minify: opts.minify ?? false,
    legalComments: 'none',
    // Supplied by the Functions worker (or our local host) at run time; `open` is only for interactive browser login.
    external: ['@azure/functions-core', 'open'],
    // CommonJS packages inside an ESM bundle still call require(); give them Node's.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  };
  await build({
    ...common,
    entryPoints: { main: ENTRY },
    outdir,
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // OpenTelemetry runs on every request with tracing on: its ESM builds, without CommonJS interop getters.
    plugins: [entryPlugin(opts.root), esmBuildsPlugin(/^@opentelemetry\/[^/]+$/)],
    metafile: false,
  });
  await buildWeb(opts.root, join(outdir, '..', 'web'), common);
}

/** Browser pages: each `web/<page>/main.ts` becomes `dist/web/<page>/main.js`, bundled with its libraries. */
async function buildWeb(root: string, outdir: string, common: BuildOptions): Promise<void> {
  const webDir = join(root, 'web');
  if (!existsSync(webDir)) return;
  const entries = readdirSync(webDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(webDir, d.name, 'main.ts')))
    .map((d) => ({ in: join(webDir, d.name, 'main.ts'), out: `${d.name}/main` }));
  if (entries.length === 0) return;
  await build({
    ...common,
    banner: {},
    external: [],
    platform: 'browser',
    target: 'es2022',
    format: 'esm',
    minify: true,
    entryPoints: entries,
    outdir,
  });
}
