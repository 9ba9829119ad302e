import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../../tools/build/buildApp';
import { buildNaive, type NaiveBuild } from './naiveBuild';

export interface BundledApp {
  appDir: string;
  main: string;
  /** Bytes of every file the build wrote under dist/app (source maps excluded) and of main.mjs alone. */
  totalBytes: number;
  mapBytes: number;
  mainBytes: number;
  chunkCount: number;
}

export interface PreparedApps {
  bundled: BundledApp;
  naive: NaiveBuild;
  /** The registration probe, bundled for plain `node`. */
  probe: string;
}

function sizes(dir: string): { total: number; maps: number; files: number } {
  let total = 0;
  let maps = 0;
  let files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const size = statSync(join(e.parentPath, e.name)).size;
    if (e.name.endsWith('.map')) maps += size;
    else {
      total += size;
      files++;
    }
  }
  return { total, maps, files };
}

/**
 * Builds both apps from the current source into the run's scratch folder (never touching the shared dist/),
 * each laid out like a deployed function app: package.json whose main is the entry, host.json, node_modules.
 */
export async function prepareApps(root: string, tmpDir: string): Promise<PreparedApps> {
  const bundled = await prepareBundledApp(root, tmpDir);
  const naive = buildNaive(root, join(tmpDir, 'naive'));
  const probe = join(tmpDir, 'registerProbe.mjs');
  await build({
    entryPoints: [join(root, 'bench', 'coldStart', 'registerProbe.ts')],
    outfile: probe,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return { bundled, naive, probe };
}

/** The app as `npm run build` makes it, laid out as a function app in the scratch folder. */
export async function prepareBundledApp(root: string, tmpDir: string): Promise<BundledApp> {
  const appDir = join(tmpDir, 'bundled');
  const outdir = join(appDir, 'dist', 'app');
  mkdirSync(outdir, { recursive: true });
  await buildApp({ root, outdir });
  writeFileSync(
    join(appDir, 'package.json'),
    JSON.stringify({ name: 'orderflow-bundled', private: true, type: 'module', main: 'dist/app/main.mjs' }),
  );
  copyFileSync(join(root, 'host.json'), join(appDir, 'host.json'));
  symlinkSync(join(root, 'node_modules'), join(appDir, 'node_modules'), 'dir');
  const main = join(outdir, 'main.mjs');
  const s = sizes(outdir);
  return {
    appDir,
    main,
    totalBytes: s.total,
    mapBytes: s.maps,
    mainBytes: statSync(main).size,
    chunkCount: s.files - 1,
  };
}
