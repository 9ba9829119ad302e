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
import { lsnOf, withLsn } from './containerFeed';
import { CosmosEmulatorError, ensureError } from './errors';
import type { ContainerState, JournalEntry, StoreOwner } from './storeHooks';
import type { AccountNode, Doc, ItemsStore } from './vercelInternals';

const SNAPSHOT = 'snapshot.json';
const JOURNAL = 'journal.ndjson';
const FORMAT = 1;
/** Compact (rewrite the snapshot, empty the journal) when the journal grows past this. */
const COMPACT_BYTES = 64 * 1024 * 1024;

interface Snapshot {
  format: number;
  rc: number;
  databases: Array<{
    data: Doc;
    rc: number;
    containers: Array<{ data: Doc; rc: number; lsn: number; docs: Doc[] }>;
  }>;
}

/**
 * Keeps the store in a folder: `snapshot.json` (the whole store) plus `journal.ndjson` (one line per write
 * since the snapshot, appended before the write is answered; a transactional batch or a replace is one
 * line, so it comes back whole or not at all). Start = load snapshot, replay journal, write a fresh
 * snapshot, empty the journal; a clean stop writes a snapshot too. Each journal line is
 * handed to the OS before the HTTP answer, so a killed process (kill -9) loses nothing it acknowledged;
 * there is no fsync per write, so a power loss may lose the last writes. A torn last line is ignored.
 */
export class DataDirStore implements StoreOwner {
  replaying = false;
  readonly containers = new Map<string, ContainerState>();
  private fd: number | undefined;
  private bytes = 0;
  /** Entries of the atomic unit under way, written as one line when it ends. */
  private group: JournalEntry[] | undefined;
  private account: AccountNode | undefined;

  constructor(
    private readonly dir: string | undefined,
    readonly now: () => number = Date.now,
  ) {}

  /** Loads whatever the folder holds into the (empty) account. */
  restore(account: AccountNode): void {
    this.account = account;
    if (!this.dir) return;
    mkdirSync(this.dir, { recursive: true });
    this.replaying = true;
    try {
      const snapshotPath = join(this.dir, SNAPSHOT);
      if (existsSync(snapshotPath))
        this.load(account, JSON.parse(readFileSync(snapshotPath, 'utf8')) as Snapshot);
      const journalPath = join(this.dir, JOURNAL);
      if (existsSync(journalPath)) this.replay(account, readFileSync(journalPath, 'utf8'));
    } catch (err) {
      throw new CosmosEmulatorError(
        `Cannot restore Cosmos DB data from ${this.dir}: ${ensureError(err).message}`,
      );
    } finally {
      this.replaying = false;
    }
  }

  /** Writes a snapshot and starts an empty journal. */
  compact(): void {
    if (!this.dir || !this.account) return;
    if (this.fd !== undefined) closeSync(this.fd);
    const tmp = join(this.dir, `${SNAPSHOT}.tmp`);
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify(this.snapshot(this.account)));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(this.dir, SNAPSHOT));
    this.fd = openSync(join(this.dir, JOURNAL), 'w');
    this.bytes = 0;
  }

  journal(entry: JournalEntry): void {
    if (this.fd === undefined) return;
    if (this.group) {
      this.group.push(entry);
      return;
    }
    this.write(entry);
  }

  atomically<T>(fn: () => T): T {
    if (this.group || this.fd === undefined) return fn();
    const group: JournalEntry[] = [];
    this.group = group;
    try {
      return fn();
    } finally {
      this.group = undefined;
      // Whatever reached memory reaches the journal, even if `fn` failed half way: disk follows memory.
      if (group.length === 1) this.write(group[0] as JournalEntry);
      else if (group.length > 1) this.write({ t: 'batch', e: group });
    }
  }

  private write(entry: JournalEntry): void {
    if (this.fd === undefined) return;
    // One writeSync per record: a kill leaves the line whole or torn, and a torn last line is skipped.
    this.bytes += writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    if (this.bytes > COMPACT_BYTES) this.compact();
  }

  close(): void {
    if (this.fd === undefined) return;
    this.compact();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private snapshot(account: AccountNode): Snapshot {
    return {
      format: FORMAT,
      rc: account.databases._ridCount,
      databases: [...account.databases._data.values()].map((db) => ({
        data: db._data,
        rc: db.collections._ridCount,
        containers: [...db.collections._data.values()].map((c) => ({
          data: c._data,
          rc: c.documents._ridCount,
          lsn: this.containers.get(c._data._rid)?.feed.lsn ?? 0,
          docs: [...c.documents._data.values()]
            .map((d) => withLsn(d._data))
            .sort((a, b) => lsnOf(a) - lsnOf(b)),
        })),
      })),
    };
  }

  private load(account: AccountNode, snap: Snapshot): void {
    if (snap.format !== FORMAT) throw new Error(`unknown snapshot format ${String(snap.format)}`);
    for (const db of snap.databases) {
      account.databases._set(db.data);
      const dbNode = account.databases._data.get(db.data._rid);
      if (!dbNode) continue;
      for (const c of db.containers) {
        dbNode.collections._set(c.data);
        const state = this.containers.get(c.data._rid);
        if (!state) continue;
        for (const doc of c.docs) state.documents._set(doc);
        state.feed.lsn = Math.max(state.feed.lsn, c.lsn);
        state.documents._ridCount = c.rc;
      }
      dbNode.collections._ridCount = db.rc;
    }
    account.databases._ridCount = snap.rc;
  }

  private replay(account: AccountNode, text: string): void {
    const lines = text.split('\n');
    for (const [i, line] of lines.entries()) {
      if (!line) continue;
      let entry: JournalEntry;
      try {
        entry = JSON.parse(line) as JournalEntry;
      } catch (err) {
        // Only the last line can be torn (the process died mid-write); anything else is corruption.
        if (i >= lines.length - 2) break;
        throw err;
      }
      for (const e of entry.t === 'batch' ? entry.e : [entry]) {
        try {
          this.apply(account, e);
        } catch {
          // A delete of something already gone (replace = delete + set, replayed twice) is harmless.
          if (!e.t.endsWith('-')) throw new Error(`journal line ${i + 1} cannot be applied`);
        }
      }
    }
  }

  private apply(account: AccountNode, e: JournalEntry): void {
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
        const state = this.containers.get(e.c);
        state?.documents._set(e.data);
        if (state) state.documents._ridCount = Math.max(state.documents._ridCount, e.rc);
        return;
      }
      case 'doc-':
        return this.containers.get(e.c)?.documents.delete(...(e.a as [string, unknown]));
      case 'batch':
        throw new Error('a batch record inside a batch record');
    }
  }
}
