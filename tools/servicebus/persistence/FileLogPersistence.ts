import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
  existsSync,
} from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { EntitySnapshot, LogRecord, Persistence } from './Persistence';
import { decodeRecords, encodeRecord } from './recordCodec';
import { replay, snapshotRecords } from './replay';

/** Log growth after which the running broker rewrites it from the live state. */
const COMPACT_AFTER_BYTES = 64 * 1024 * 1024;

/**
 * An append-only log in `<dataDir>/servicebus.log`.
 *
 * Fsync policy: records are group-committed. Everything appended while a write is in flight goes out in the next
 * single write followed by one fdatasync, and `flush()` resolves only after the fdatasync that covers it, so a
 * send is acknowledged only once its message is on disk (it survives kill -9 and power loss). Start-up replays the
 * log, drops a torn tail, and compacts: the live state is written to a new file that atomically replaces the old.
 */
export class FileLogPersistence implements Persistence {
  readonly durable = true;
  private readonly file: string;
  private handle: FileHandle | undefined;
  private pending: Buffer[] = [];
  private waiters: Array<{ resolve: () => void; reject: (err: unknown) => void }> = [];
  private writing = false;
  private failure: Error | undefined;
  private appendedBytes = 0;
  private compacting = false;

  constructor(
    private readonly dir: string,
    private readonly compactAfterBytes = COMPACT_AFTER_BYTES,
  ) {
    this.file = join(dir, 'servicebus.log');
  }

  async load(): Promise<Map<string, EntitySnapshot>> {
    mkdirSync(this.dir, { recursive: true });
    const data = existsSync(this.file) ? readFileSync(this.file) : Buffer.alloc(0);
    const snapshots = replay(decodeRecords(data, crc32).records);
    this.compact(snapshots);
    this.handle = await open(this.file, 'a');
    return snapshots;
  }

  private compact(snapshots: Map<string, EntitySnapshot>): void {
    const tmp = `${this.file}.compact`;
    const fd = openSync(tmp, 'w');
    try {
      let chunk: Buffer[] = [];
      let size = 0;
      for (const rec of snapshotRecords(snapshots)) {
        const b = encodeRecord(rec, crc32);
        chunk.push(b);
        size += b.length;
        if (size > 4 * 1024 * 1024) {
          writeSync(fd, Buffer.concat(chunk));
          chunk = [];
          size = 0;
        }
      }
      if (chunk.length) writeSync(fd, Buffer.concat(chunk));
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

  append(record: LogRecord): void {
    const bytes = encodeRecord(record, crc32);
    this.appendedBytes += bytes.length;
    this.pending.push(bytes);
    this.kick();
  }

  /** Whether the log grew enough since the last compaction to be worth rewriting. */
  get wantsCompaction(): boolean {
    return this.appendedBytes > this.compactAfterBytes && !this.compacting;
  }

  /**
   * Rewrites the log from the live state while running. Records appended after the snapshot was taken are
   * written after it; replaying them again on top of the snapshot is harmless (puts, updates and deletes are
   * idempotent), so nothing acknowledged can be lost in between.
   */
  async compactNow(snapshot: () => Map<string, EntitySnapshot>): Promise<void> {
    if (this.compacting || !this.handle) return;
    this.compacting = true;
    try {
      await this.flush();
      while (this.writing) await new Promise((r) => setImmediate(r));
      this.writing = true; // holds the writer while the file is swapped
      const old = this.handle;
      this.compact(snapshot());
      this.handle = await open(this.file, 'a');
      await old.close();
      this.appendedBytes = 0;
      this.writing = false;
      this.kick();
    } finally {
      this.compacting = false;
    }
  }

  flush(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.writing && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.writing || !this.handle) return;
    this.writing = true;
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    // Waiters registered during a write are covered by the next round, even if it has nothing new to write.
    while (this.pending.length > 0 || this.waiters.length > 0) {
      const batch = this.pending;
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        if (batch.length > 0) {
          await this.handle!.write(batch.length === 1 ? batch[0]! : Buffer.concat(batch));
          await this.handle!.datasync();
        }
        for (const w of waiters) w.resolve();
      } catch (err) {
        this.failure = err instanceof Error ? err : new Error(String(err));
        for (const w of waiters) w.reject(err);
      }
    }
    this.writing = false;
  }

  async close(): Promise<void> {
    await this.flush();
    await this.handle?.close();
    this.handle = undefined;
  }
}
