import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every function file under `functions/`: `functions/<service>/<name>.ts`. Files and folders whose name
 * starts with `_` hold helpers, not functions, and are left out.
 */
export function functionFiles(root: string): string[] {
  const dir = join(root, 'functions');
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(full);
    }
  };
  walk(dir);
  return files.sort().map((f) => relative(root, f).split('\\').join('/'));
}
