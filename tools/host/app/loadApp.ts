import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { glob, isDynamicPattern } from 'tinyglobby';
import { HostError } from '../errors';

interface PackageJson {
  main?: string;
  type?: string;
}

function readPackageJson(appDir: string): PackageJson {
  const file = join(appDir, 'package.json');
  if (!existsSync(file))
    throw new HostError(`${appDir} has no package.json: a v4 app names its entry point in "main".`);
  return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
}

/** The entry point files of an app: package.json `main`, which may be a glob (`dist/src/functions/*.js`). */
export async function entryPointFiles(appDir: string): Promise<string[]> {
  const pattern = readPackageJson(appDir).main;
  if (!pattern) throw new HostError(`package.json in ${appDir} has no "main": nothing registers functions.`);
  if (!isDynamicPattern(pattern)) {
    const file = isAbsolute(pattern) ? pattern : join(appDir, pattern);
    if (!existsSync(file))
      throw new HostError(`Entry point "${pattern}" not found in ${appDir} (did you build?).`);
    return [file];
  }
  const files = (await glob(pattern, { cwd: appDir, absolute: true, onlyFiles: true })).sort();
  if (files.length === 0)
    throw new HostError(`Found zero files matching the "main" pattern "${pattern}" in ${appDir}.`);
  return files;
}

/**
 * Loads every entry point as the worker's loadScriptFile does: ES modules (`.mjs`, or `.js` under
 * `"type": "module"`) through `import()`, CommonJS through `require`.
 */
export async function loadEntryPoints(appDir: string, files: readonly string[]): Promise<void> {
  const pkg = readPackageJson(appDir);
  const appRequire = createRequire(join(appDir, 'package.json'));
  for (const file of files) {
    const ext = extname(file);
    const esm = ext === '.mjs' || (ext === '.js' && pkg.type === 'module');
    if (esm) await import(pathToFileURL(file).href);
    else appRequire(file);
  }
}
