import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HostError } from '../errors';

export interface LocalSettings {
  Values: Record<string, string>;
  Host: { LocalHttpPort?: number; CORS?: string; CORSCredentials?: boolean };
  ConnectionStrings: Record<string, string>;
}

function readJson(file: string): unknown {
  try {
    // local.settings.json and host.json are often hand-edited: tolerate a BOM.
    return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as unknown;
  } catch (err) {
    throw new HostError(`Cannot read ${file}: ${(err as Error).message}`);
  }
}

export function readLocalSettings(appDir: string): LocalSettings {
  const file = join(appDir, 'local.settings.json');
  if (!existsSync(file)) return { Values: {}, Host: {}, ConnectionStrings: {} };
  const raw = readJson(file) as Partial<LocalSettings> & { IsEncrypted?: boolean };
  if (raw.IsEncrypted) throw new HostError(`${file} is encrypted (IsEncrypted: true); decrypt it first.`);
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw.Values ?? {})) values[k] = typeof v === 'string' ? v : String(v);
  return { Values: values, Host: raw.Host ?? {}, ConnectionStrings: raw.ConnectionStrings ?? {} };
}

export function readHostJson(appDir: string): Record<string, unknown> {
  const file = join(appDir, 'host.json');
  if (!existsSync(file)) return { version: '2.0' };
  return readJson(file) as Record<string, unknown>;
}

/**
 * Applies settings as `func start` does: local.settings.json Values become environment variables unless the
 * environment already has them; `overrides` (the host's `env` option) win over both.
 */
export function applySettings(
  settings: LocalSettings,
  overrides: Record<string, string> | undefined,
  env: NodeJS.ProcessEnv = process.env,
): void {
  for (const [k, v] of Object.entries(settings.Values)) {
    if (env[k] === undefined) env[k] = v;
  }
  for (const [k, v] of Object.entries(settings.ConnectionStrings)) {
    const name = `ConnectionStrings:${k}`;
    if (env[name] === undefined) env[name] = v;
  }
  for (const [k, v] of Object.entries(overrides ?? {})) env[k] = v;
}

/** `%Name%` in a binding option is replaced by the app setting `Name`; a missing setting is an indexing error. */
export function resolveSettingRefs(value: string, env: NodeJS.ProcessEnv = process.env): string {
  return value.replace(/%([^%]+)%/g, (_m, name: string) => {
    const v = env[name];
    if (v === undefined) throw new HostError(`'%${name}%' does not resolve to a value.`);
    return v;
  });
}
