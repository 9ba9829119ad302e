import { linesOf } from './snapshotReader';
import type { ContainerState, JournalEntry } from './storeHooks';
import type { AccountNode, ItemsStore } from './vercelInternals';

/**
 * Replays one journal file onto the account, line by line. Only a file's last line can be torn (the
 * process died in the middle of writing it; it was never acknowledged): it is skipped. A bad line with
 * lines after it is corruption and fails the restore.
 */
export async function replayJournal(
  path: string,
  account: AccountNode,
  containers: Map<string, ContainerState>,
): Promise<void> {
  let n = 0;
  let torn: number | undefined;
  for await (const line of linesOf(path)) {
    n += 1;
    if (!line) continue;
    if (torn !== undefined) throw new Error(`journal line ${torn} is not JSON`);
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      torn = n;
      continue;
    }
    for (const e of entry.t === 'batch' ? entry.e : [entry]) {
      try {
        applyEntry(account, containers, e);
      } catch {
        // A delete of something already gone (replace = delete + set, replayed twice) is harmless.
        if (!e.t.endsWith('-')) throw new Error(`journal line ${n} cannot be applied`);
      }
    }
  }
}

function applyEntry(account: AccountNode, containers: Map<string, ContainerState>, e: JournalEntry): void {
  const dbs = account.databases;
  const collectionsOf = (rid: string): ItemsStore | undefined => dbs._data.get(rid)?.collections;
  switch (e.t) {
    case 'db+':
      dbs._set(e.data);
      dbs._ridCount = Math.max(dbs._ridCount, e.rc);
      return;
    case 'db-':
      return dbs.delete(...(e.a as [string, unknown]));
    case 'coll+': {
      const colls = collectionsOf(e.db);
      colls?._set(e.data);
      if (colls) colls._ridCount = Math.max(colls._ridCount, e.rc);
      return;
    }
    case 'coll-':
      return collectionsOf(e.db)?.delete(...(e.a as [string, unknown]));
    case 'doc+': {
      const state = containers.get(e.c);
      state?.documents._set(e.data);
      if (state) state.documents._ridCount = Math.max(state.documents._ridCount, e.rc);
      return;
    }
    case 'doc-':
      return containers.get(e.c)?.documents.delete(...(e.a as [string, unknown]));
    case 'batch':
      throw new Error('a batch record inside a batch record');
  }
}
