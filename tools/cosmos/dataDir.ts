import { closeSync, existsSync, mkdirSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import {
  fileSize,
  journalGenerations,
  journalName,
  LEGACY_SNAPSHOT,
  removeCovered,
  SNAPSHOT,
  SNAPSHOT_TMP,
} from './dataDirFiles';
import { CosmosEmulatorError, ensureError } from './errors';
import { replayJournal } from './journalReplay';
import { loadLegacySnapshot, loadSnapshot } from './snapshotReader';
import { captureStore, writeSnapshot } from './snapshotWriter';
import type { ContainerState, JournalEntry, StoreOwner } from './storeHooks';
import type { AccountNode } from './vercelInternals';

/** Compact once the journal exceeds the snapshot's size, but never for less journal than this. */
export const COMPACT_FLOOR_BYTES = 64 * 1024 * 1024;
/** Journal files that make a start compact however small they are (each restart begins a new one). */
const MAX_JOURNAL_FILES = 8;
/** After a failed compaction (a full disk), wait this long before the next try; the journal keeps all. */
const RETRY_MS = 30_000;

export interface DataDirOptions {
  /** The journal size below which no compaction starts. Default COMPACT_FLOOR_BYTES; tests set it small. */
  compactFloorBytes?: number;
  /** Told of each compaction (done or failed), one line each. */
  log?: (line: string) => void;
}

/**
 * Keeps the store in a folder (files: dataDirFiles.ts). Every write is appended to the current journal as
 * one line before it is answered (a transactional batch or a replace is one line, so it comes back whole or
 * not at all); a killed process (kill -9) therefore loses nothing it acknowledged. There is no fsync per
 * write, so a power loss may lose the last writes. When the journal outgrows the snapshot (with a floor), a
 * compaction starts in the background: a new journal generation begins, and the store as of that instant
 * is streamed to a new snapshot in chunks while requests go on; only once it is in place are the older
 * journals removed. Start = snapshot + every journal from the generation it names, read line by line.
 */
export class DataDirStore implements StoreOwner {
  replaying = false;
  readonly containers = new Map<string, ContainerState>();
  private fd: number | undefined;
  private generation = 0;
  /** Journal bytes not yet in a snapshot (the current generation's and any older kept ones). */
  private bytes = 0;
  private journalFiles = 0;
  private snapshotBytes = 0;
  private compacting: Promise<void> | undefined;
  private holdUntil = 0;
  private checkQueued = false;
  private closed = false;
  /** Entries of the atomic unit under way, written as one line when it ends. */
  private group: JournalEntry[] | undefined;
  private account: AccountNode | undefined;

  constructor(
    private readonly dir: string | undefined,
    readonly now: () => number = Date.now,
    private readonly opts: DataDirOptions = {},
  ) {}

  /** Loads whatever the folder holds into the (empty) account and opens a new journal generation. */
  async restore(account: AccountNode): Promise<void> {
    this.account = account;
    const dir = this.dir;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    this.replaying = true;
    try {
      if (existsSync(join(dir, SNAPSHOT_TMP))) unlinkSync(join(dir, SNAPSHOT_TMP));
      let from = 0;
      if (existsSync(join(dir, SNAPSHOT))) {
        from = await loadSnapshot(join(dir, SNAPSHOT), account, this.containers);
        this.snapshotBytes = fileSize(join(dir, SNAPSHOT));
        removeCovered(dir, from); // left behind by a kill between the rename and the clean-up
      } else if (existsSync(join(dir, LEGACY_SNAPSHOT))) {
        loadLegacySnapshot(join(dir, LEGACY_SNAPSHOT), account, this.containers);
        this.snapshotBytes = fileSize(join(dir, LEGACY_SNAPSHOT));
      }
      const gens = journalGenerations(dir).filter((g) => g >= from);
      for (const gen of gens) {
        await replayJournal(join(dir, journalName(gen)), account, this.containers);
        this.bytes += fileSize(join(dir, journalName(gen)));
      }
      // An empty last journal is reused; otherwise (it may end in a torn line) a new generation begins.
      const last = gens.at(-1);
      const reuse = last !== undefined && last > 0 && fileSize(join(dir, journalName(last))) === 0;
      this.generation = reuse ? last : Math.max(from, last ?? 0) + 1;
      this.journalFiles = reuse ? gens.length : gens.length + 1;
      this.fd = openSync(join(dir, journalName(this.generation)), 'a');
    } catch (err) {
      throw new CosmosEmulatorError(`Cannot restore Cosmos DB data from ${dir}: ${ensureError(err).message}`);
    } finally {
      this.replaying = false;
    }
  }

  /**
   * Starts a background compaction if the journal is due for one: once it outgrows the snapshot (floor
   * COMPACT_FLOOR_BYTES), so a store of any size is rewritten after as many bytes of writes as it holds
   * (twice the bytes written in all, whatever the count). `atStart`: once it exceeds the floor, or spans
   * many files, since the start just paid for replaying it and the next one should not pay again.
   */
  compactIfDue(atStart = false): void {
    if (this.fd === undefined || this.compacting || this.closed || this.now() < this.holdUntil) return;
    const floor = this.opts.compactFloorBytes ?? COMPACT_FLOOR_BYTES;
    const due = atStart
      ? this.bytes > floor || this.journalFiles > MAX_JOURNAL_FILES
      : this.bytes > this.threshold();
    if (due) void this.compact();
  }

  private threshold(): number {
    return Math.max(this.opts.compactFloorBytes ?? COMPACT_FLOOR_BYTES, this.snapshotBytes);
  }

  /**
   * Begins a new journal generation and streams the store as of this instant to a new snapshot in the
   * background; resolves when it is in place (or failed: then the journals are kept and it is retried).
   */
  compact(): Promise<void> {
    const { dir, account } = this;
    if (!dir || !account || this.fd === undefined || this.closed) return Promise.resolve();
    if (this.compacting) return this.compacting;
    // Synchronous, between two journal records: the capture and the new generation are the same instant.
    const capture = captureStore(account, this.containers);
    closeSync(this.fd);
    this.generation += 1;
    this.fd = openSync(join(dir, journalName(this.generation)), 'a');
    const covered = this.bytes;
    const generation = this.generation;
    this.bytes = 0;
    this.journalFiles += 1;
    const t0 = performance.now();
    const docs = capture.databases.reduce((n, db) => db.containers.reduce((m, c) => m + c.lsns.length, n), 0);
    this.opts.log?.(`compacting ${docs} documents and ${(covered / 2 ** 20).toFixed(1)} MB of journal`);
    this.compacting = writeSnapshot(dir, capture, generation, () => this.closed)
      .then(
        ({ bytes, docs }) => {
          removeCovered(dir, generation);
          this.snapshotBytes = bytes;
          this.journalFiles = 1;
          this.opts.log?.(
            `compacted ${docs} documents into a ${(bytes / 2 ** 20).toFixed(1)} MB snapshot in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
          );
        },
        (err: unknown) => {
          this.bytes += covered;
          this.holdUntil = this.now() + RETRY_MS;
          if (!this.closed) this.opts.log?.(`compaction failed (journal kept): ${ensureError(err).message}`);
        },
      )
      .finally(() => {
        this.compacting = undefined;
        if (!this.closed) setImmediate(() => this.compactIfDue());
      });
    return this.compacting;
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
    // Never inside the write path: the compaction's first step runs between two requests.
    if (this.compacting || this.checkQueued || this.bytes <= this.threshold()) return;
    this.checkQueued = true;
    setImmediate(() => {
      this.checkQueued = false;
      this.compactIfDue();
    });
  }

  /** Stops: a compaction under way is abandoned (the journals keep everything), the journal is closed. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.compacting;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
