import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BenchUnavailableError } from './errors';

/**
 * Imports a module of the project that another team may not have landed yet. A missing file becomes
 * BenchUnavailableError ("not available"), never a fake; a file that exists but fails to load is a real error.
 */
export async function importPart<T>(root: string, relPath: string, what: string): Promise<T> {
  const file = join(root, relPath);
  if (!existsSync(file))
    throw new BenchUnavailableError(`${what} is not available: ${relPath} does not exist yet`);
  return (await import(file)) as T;
}

export function requireFiles(root: string, relPaths: readonly string[], what: string): void {
  const missing = relPaths.filter((p) => !existsSync(join(root, p)));
  if (missing.length > 0)
    throw new BenchUnavailableError(`${what} is not available: missing ${missing.join(', ')}`);
}
