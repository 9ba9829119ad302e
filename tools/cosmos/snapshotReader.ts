import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { lsnOf } from './containerFeed';
import { SNAPSHOT_FORMAT, type SnapshotLine } from './dataDirFiles';
import type { ContainerState } from './storeHooks';
import type { AccountNode, DatabaseNode, Doc } from './vercelInternals';

/** Reads a file line by line (never the whole file as one string: a snapshot may exceed V8's string limit). */
export function linesOf(path: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
}

/**
 * Loads `snapshot.ndjson` into the (empty) account, line by line; resolves with the first journal
 * generation the snapshot does not contain. A snapshot without its `end` line is refused.
 */
export async function loadSnapshot(
  path: string,
  account: AccountNode,
  containers: Map<string, ContainerState>,
): Promise<number> {
  let journal: number | undefined;
  let db: DatabaseNode | undefined;
  let container: ContainerState | undefined;
  let ended = false;
  for await (const text of linesOf(path)) {
    if (!text) continue;
    if (ended) throw new Error('snapshot has lines after its end');
    const line = JSON.parse(text) as SnapshotLine;
    switch (line.t) {
      case 'head':
        if (line.format !== SNAPSHOT_FORMAT)
          throw new Error(`unknown snapshot format ${String(line.format)}`);
        journal = line.journal;
        account.databases._ridCount = line.rc;
        break;
      case 'db':
        account.databases._set(line.data);
        db = account.databases._data.get(line.data._rid);
        if (db) db.collections._ridCount = line.rc;
        break;
      case 'coll':
        db?.collections._set(line.data);
        container = containers.get(line.data._rid);
        if (container) {
          container.documents._ridCount = line.rc;
          container.feed.lsn = Math.max(container.feed.lsn, line.lsn);
        }
        break;
      case 'doc':
        container?.documents._set(line.data);
        break;
      case 'end':
        ended = true;
        break;
    }
  }
  if (journal === undefined || !ended) throw new Error('snapshot is incomplete (no head or end line)');
  return journal;
}

interface LegacySnapshot {
  format: number;
  rc: number;
  databases: Array<{
    data: Doc;
    rc: number;
    containers: Array<{ data: Doc; rc: number; lsn: number; docs: Doc[] }>;
  }>;
}

/** Loads an earlier version's `snapshot.json` (the whole store as one JSON document, format 1). */
export function loadLegacySnapshot(
  path: string,
  account: AccountNode,
  containers: Map<string, ContainerState>,
): void {
  const snap = JSON.parse(readFileSync(path, 'utf8')) as LegacySnapshot;
  if (snap.format !== 1) throw new Error(`unknown snapshot format ${String(snap.format)}`);
  for (const db of snap.databases) {
    account.databases._set(db.data);
    const dbNode = account.databases._data.get(db.data._rid);
    if (!dbNode) continue;
    for (const c of db.containers) {
      dbNode.collections._set(c.data);
      const state = containers.get(c.data._rid);
      if (!state) continue;
      for (const doc of [...c.docs].sort((a, b) => lsnOf(a) - lsnOf(b))) state.documents._set(doc);
      state.feed.lsn = Math.max(state.feed.lsn, c.lsn);
      state.documents._ridCount = c.rc;
    }
    dbNode.collections._ridCount = db.rc;
  }
  account.databases._ridCount = snap.rc;
}
