import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the app bundle is built from: a change to any of these makes the build stale. */
const INPUTS = [
  'functions',
  'shared',
  'web',
  'tools/build',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];

/**
 * True when `dist/app/main.mjs` is newer than every input file, so a restart of `dev` can skip the build.
 * A git checkout or an edit touches mtimes, so either makes it stale; a clean clone has no dist at all.
 */
export function isBuildFresh(root: string): boolean {
  const main = join(root, 'dist', 'app', 'main.mjs');
  if (!existsSync(main)) return false;
  const builtAt = statSync(main).mtimeMs;
  return INPUTS.every((p) => newestBelow(join(root, p)) < builtAt);
}

function newestBelow(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestBelow(join(path, entry.name)));
  }
  return newest;
}
