import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HostError } from '../errors';
import type { AuthLevel } from './Router';

/** The local keys file: host-level keys as Azure keeps them, plus optional per-function keys. */
export interface KeysFile {
  masterKey: string;
  functionKeys: Record<string, string>;
  functions?: Record<string, Record<string, string>>;
}

export const KEYS_FILE = '.func-keys.json';

function newKey(): string {
  return randomBytes(32).toString('base64url');
}

function same(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

/**
 * Keys for `function` and `admin` HTTP functions, read from `<appDir>/.func-keys.json` (git-ignored), created
 * with random keys on first start. A function key opens `function` routes; only the master key opens `admin`.
 */
export class HostKeys {
  readonly file: string;
  readonly keys: KeysFile;
  readonly created: boolean;

  constructor(appDir: string) {
    this.file = join(appDir, KEYS_FILE);
    let created = false;
    if (!existsSync(this.file)) {
      const fresh: KeysFile = { masterKey: newKey(), functionKeys: { default: newKey() } };
      try {
        // `wx`: two hosts starting on one app at once must agree on one set of keys.
        writeFileSync(this.file, JSON.stringify(fresh, null, 2) + '\n', { flag: 'wx', mode: 0o600 });
        created = true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    this.created = created;
    this.keys = HostKeys.#read(this.file);
  }

  static #read(file: string): KeysFile {
    let parsed: Partial<KeysFile>;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<KeysFile>;
    } catch (err) {
      throw new HostError(`Cannot read the keys file ${file}: ${(err as Error).message}`);
    }
    if (typeof parsed.masterKey !== 'string' || parsed.masterKey.length < 16) {
      throw new HostError(`${file} needs a "masterKey" of at least 16 characters.`);
    }
    return {
      masterKey: parsed.masterKey,
      functionKeys: parsed.functionKeys ?? {},
      functions: parsed.functions ?? {},
    };
  }

  /** The default function key (what a client uses for `function` routes). */
  get defaultFunctionKey(): string {
    return this.keys.functionKeys.default ?? Object.values(this.keys.functionKeys)[0] ?? this.keys.masterKey;
  }

  authorize(level: AuthLevel, functionName: string, key: string | undefined): boolean {
    if (level === 'anonymous') return true;
    if (!key) return false;
    if (same(key, this.keys.masterKey)) return true;
    if (level === 'admin') return false;
    const candidates = [
      ...Object.values(this.keys.functionKeys),
      ...Object.values(this.keys.functions?.[functionName] ?? {}),
    ];
    return candidates.some((k) => same(key, k));
  }
}
