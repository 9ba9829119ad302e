import { existsSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Doc } from './vercelInternals';

/**
 * The files of a data dir. `snapshot.ndjson` holds the store as of a journal generation: one line per
 * database, container and document, written in pieces by a background compaction. `journal.<gen>.ndjson`
 * holds the writes since; a compaction starts a new generation, and the snapshot names the first generation
 * it does not contain, so a kill at any moment leaves the old snapshot and every journal it needs.
 * `snapshot.json` + `journal.ndjson` are the format of earlier versions (one JSON document + generation 0):
 * still loaded, and removed by the first compaction.
 */
export const SNAPSHOT = 'snapshot.ndjson';
export const SNAPSHOT_TMP = 'snapshot.ndjson.tmp';
export const LEGACY_SNAPSHOT = 'snapshot.json';
export const LEGACY_JOURNAL = 'journal.ndjson';
export const SNAPSHOT_FORMAT = 2;

/** One line of `snapshot.ndjson`. A `doc` line belongs to the `coll` line before it. */
export type SnapshotLine =
  | { t: 'head'; format: number; rc: number; journal: number }
  | { t: 'db'; data: Doc; rc: number }
  | { t: 'coll'; db: string; data: Doc; rc: number; lsn: number }
  | { t: 'doc'; data: Doc }
  /** The last line: a snapshot without it is incomplete and refused. */
  | { t: 'end'; docs: number };

export function journalName(gen: number): string {
  return gen === 0 ? LEGACY_JOURNAL : `journal.${String(gen).padStart(6, '0')}.ndjson`;
}

/** The journal generations present in `dir`, ascending. */
export function journalGenerations(dir: string): number[] {
  const gens: number[] = [];
  for (const name of readdirSync(dir)) {
    if (name === LEGACY_JOURNAL) gens.push(0);
    const m = /^journal\.(\d+)\.ndjson$/.exec(name);
    if (m) gens.push(Number(m[1]));
  }
  return gens.sort((a, b) => a - b);
}

export function fileSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

/** Removes the journals a snapshot starting at `from` contains, and the old-format snapshot. */
export function removeCovered(dir: string, from: number): void {
  for (const gen of journalGenerations(dir)) if (gen < from) unlinkSync(join(dir, journalName(gen)));
  if (existsSync(join(dir, LEGACY_SNAPSHOT))) unlinkSync(join(dir, LEGACY_SNAPSHOT));
}
