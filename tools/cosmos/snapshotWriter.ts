import { open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import type { ContainerFeed } from './containerFeed';
import { withLsn } from './containerFeed';
import { SNAPSHOT, SNAPSHOT_FORMAT, SNAPSHOT_TMP, type SnapshotLine } from './dataDirFiles';
import type { ContainerState } from './storeHooks';
import type { AccountNode, Doc } from './vercelInternals';

/** Characters of snapshot text built before they are written and the event loop is let go. */
export const SNAPSHOT_CHUNK_CHARS = 256 * 1024;

/**
 * The store as of one instant, cheap to take: the databases' and containers' definitions and counters, and
 * per container the LSNs of its live documents (numbers, not copies). The documents are read later, one
 * chunk at a time: a document rewritten or deleted since has left its LSN (its new version, or its delete,
 * is in the journal generation that began at this instant), so what is written is exactly the store at
 * the instant minus what the new journal holds anyway.
 */
export interface StoreCapture {
  rc: number;
  databases: Array<{
    data: Doc;
    rc: number;
    containers: Array<{ data: Doc; rc: number; lsn: number; lsns: number[]; feed: ContainerFeed }>;
  }>;
}

export function captureStore(account: AccountNode, containers: Map<string, ContainerState>): StoreCapture {
  return {
    rc: account.databases._ridCount,
    databases: [...account.databases._data.values()].map((db) => ({
      data: db._data,
      rc: db.collections._ridCount,
      containers: [...db.collections._data.values()].flatMap((c) => {
        const state = containers.get(c._data._rid);
        if (!state) return [];
        return [
          {
            data: c._data,
            rc: state.documents._ridCount,
            lsn: state.feed.lsn,
            lsns: state.feed.liveLsns(),
            feed: state.feed,
          },
        ];
      }),
    })),
  };
}

/**
 * Writes `capture` as `snapshot.ndjson` naming journal generation `journal` as the first it lacks: to a
 * temporary file in chunks (each awaited, so requests are served in between and memory stays bounded),
 * fsynced, then renamed over the old snapshot and the folder fsynced. Resolves with the bytes and the
 * number of documents written; rejects, leaving the old snapshot in place, if `aborted()` turns true.
 */
export async function writeSnapshot(
  dir: string,
  capture: StoreCapture,
  journal: number,
  aborted: () => boolean,
): Promise<{ bytes: number; docs: number }> {
  const tmp = join(dir, SNAPSHOT_TMP);
  const file = await open(tmp, 'w');
  let bytes = 0;
  let docs = 0;
  let text = '';
  const flush = async (): Promise<void> => {
    if (aborted()) throw new Error('compaction aborted: the emulator is closing');
    await file.writeFile(text);
    bytes += Buffer.byteLength(text);
    text = '';
    await yieldToRequests();
  };
  const put = async (line: SnapshotLine): Promise<void> => {
    text += `${JSON.stringify(line)}\n`;
    if (text.length >= SNAPSHOT_CHUNK_CHARS) await flush();
  };
  try {
    await put({ t: 'head', format: SNAPSHOT_FORMAT, rc: capture.rc, journal });
    for (const db of capture.databases) {
      await put({ t: 'db', data: db.data, rc: db.rc });
      for (const c of db.containers) {
        await put({ t: 'coll', db: db.data._rid, data: c.data, rc: c.rc, lsn: c.lsn });
        for (const lsn of c.lsns) {
          const doc = c.feed.at(lsn);
          if (!doc) continue;
          docs += 1;
          await put({ t: 'doc', data: withLsn(doc) });
        }
      }
    }
    await put({ t: 'end', docs });
    await flush();
    await file.sync();
  } catch (err) {
    await file.close();
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await file.close();
  await rename(tmp, join(dir, SNAPSHOT));
  await syncFolder(dir);
  return { bytes, docs };
}

/** Makes the rename durable before older journals are removed. Best effort: Windows cannot open a folder. */
async function syncFolder(dir: string): Promise<void> {
  const folder = await open(dir, 'r').catch(() => undefined);
  if (!folder) return;
  try {
    await folder.sync();
  } catch {
    // Not supported for folders on this platform; the rename itself is atomic.
  } finally {
    await folder.close();
  }
}
