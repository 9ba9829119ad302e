import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes of the emulator's data dir by kind: `snapshot.*` and `journal.*` files. */
export function dataDirParts(dir: string): { snapshot: number; journal: number } {
  const parts = { snapshot: 0, journal: 0 };
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return parts;
  }
  for (const name of names) {
    const size = statSync(join(dir, name), { throwIfNoEntry: false })?.size ?? 0;
    if (name.startsWith('snapshot')) parts.snapshot += size;
    else if (name.startsWith('journal')) parts.journal += size;
  }
  return parts;
}

/** The emulator's compaction lines in `output` not returned before (they carry a timestamp, so are unique). */
export function newCompactionLines(output: string, seen: Set<string>): string[] {
  const lines = output.split('\n').filter((l) => /compact/.test(l) && !seen.has(l));
  for (const l of lines) seen.add(l);
  return lines;
}
