import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { emptyOverlay, type DefinitionOverlay } from './definitions';

/** JSON cannot hold Infinity (a TTL of "never") or Date (a correlation filter value): tag them. */
function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  if (raw instanceof Date) return { $date: raw.toISOString() };
  if (value === Infinity) return { $number: 'Infinity' };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    if (typeof v.$date === 'string' && Object.keys(v).length === 1) return new Date(v.$date);
    if (v.$number === 'Infinity' && Object.keys(v).length === 1) return Infinity;
  }
  return value;
}

/**
 * `<dataDir>/entities.json`: the run-time definition overlay. Each change rewrites the file (small: one entry per
 * entity touched at run time) to a temporary file that is fsynced and renamed over the old one, so a crash leaves
 * either the old or the new overlay, never a torn one. Saving is synchronous: it happens before the change is
 * acknowledged, and keeps the AMQP management handler synchronous.
 */
export class DefinitionStore {
  private readonly file: string;

  constructor(private readonly dir: string) {
    this.file = join(dir, 'entities.json');
  }

  load(): DefinitionOverlay {
    if (!existsSync(this.file)) return emptyOverlay();
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'), reviver);
    } catch (err) {
      throw new Error(`Cannot read ${this.file}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return { ...emptyOverlay(), ...(parsed as Partial<DefinitionOverlay>) };
  }

  save(overlay: DefinitionOverlay): void {
    mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify(overlay, replacer));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
    const dirFd = openSync(this.dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }
}
