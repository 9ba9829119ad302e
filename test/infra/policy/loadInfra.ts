import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { topology } from '../../../shared/platform/topology';
import type { BicepFile } from '../bicep/BicepFile';
import { loadBicepFile } from '../bicep/BicepFile';
import type { PolicyContext } from './PolicyRule';

export const REPO_ROOT = resolve(__dirname, '../../..');
export const INFRA_DIR = join(REPO_ROOT, 'infra');

/** Every .bicep file under infra/, recursively. */
export function bicepPaths(dir = INFRA_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return bicepPaths(full);
    return e.name.endsWith('.bicep') ? [full] : [];
  });
}

export function loadRoles(): Record<string, string> {
  const raw = JSON.parse(readFileSync(join(INFRA_DIR, 'roles.json'), 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(raw).filter(
      (e): e is [string, string] => !e[0].startsWith('$') && typeof e[1] === 'string',
    ),
  );
}

/** Files parsed once; modules resolve relative to the calling file, as Bicep does. */
export function loadInfra(): { files: BicepFile[]; ctx: PolicyContext } {
  const files = bicepPaths().map((p) => ({ ...loadBicepFile(p), path: relative(REPO_ROOT, p) }));
  const byPath = new Map(files.map((f) => [f.path, f]));
  const ctx: PolicyContext = {
    topology,
    roles: loadRoles(),
    resolveModule(from, source) {
      const target = relative(REPO_ROOT, resolve(REPO_ROOT, dirname(from.path), source));
      if (byPath.has(target)) return byPath.get(target);
      const full = join(REPO_ROOT, target);
      return existsSync(full) ? loadBicepFile(full) : undefined;
    },
  };
  return { files, ctx };
}
