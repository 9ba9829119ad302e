import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LocalSettingsFile {
  IsEncrypted?: boolean;
  Values: Record<string, string>;
  Host?: Record<string, unknown>;
  ConnectionStrings?: Record<string, string>;
}

/** A fresh `JWT_KEYS` value: one key `local` with 32 random bytes, base64url, as config.ts requires. */
export function freshJwtKeys(): string {
  return `local=${randomBytes(32).toString('base64url')}`;
}

/**
 * Returns the app's local.settings.json, creating it from local.settings.sample.json on first run with a
 * newly generated JWT key (the sample only holds a placeholder). The file is git-ignored and owner-only.
 */
export function ensureLocalSettings(appDir: string): { settings: LocalSettingsFile; created: boolean } {
  const path = join(appDir, 'local.settings.json');
  if (existsSync(path)) return { settings: parse(path), created: false };
  const samplePath = join(appDir, 'local.settings.sample.json');
  const sample = existsSync(samplePath) ? parse(samplePath) : { IsEncrypted: false, Values: {} };
  const settings: LocalSettingsFile = { ...sample, Values: { ...sample.Values, JWT_KEYS: freshJwtKeys() } };
  writeFileSync(path, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return { settings, created: true };
}

function parse(path: string): LocalSettingsFile {
  const json = JSON.parse(readFileSync(path, 'utf8')) as Partial<LocalSettingsFile>;
  return { ...json, Values: { ...(json.Values ?? {}) } };
}

/** Settings as the host will see them: the process environment wins over the file, as with `func start`. */
export function effectiveSettings(file: LocalSettingsFile, env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = { ...file.Values };
  for (const [k, v] of Object.entries(env)) if (v !== undefined && (k in out || k.includes('__'))) out[k] = v;
  for (const k of KNOWN) if (env[k] !== undefined) out[k] = env[k];
  return out;
}

/** Connection settings that decide which offline services run, read from the environment too. */
const KNOWN = [
  'CosmosDB',
  'CosmosDB__accountEndpoint',
  'ServiceBusConnection',
  'ServiceBusConnection__fullyQualifiedNamespace',
  'AzureWebJobsStorage',
  'AzureWebJobsStorage__accountName',
  'AzureWebJobsStorage__blobServiceUri',
  'SMTP_URL',
  'ACS_ENDPOINT',
] as const;
