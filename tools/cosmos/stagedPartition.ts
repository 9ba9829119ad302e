import { randomUUID } from 'node:crypto';
import { containerStateOf, sweepExpired } from './storeHooks';
import type { Doc, ItemsStore } from './vercelInternals';

/**
 * One logical partition of a container as a transaction sees it: the store underneath plus the writes the
 * transaction has made so far, which nothing else can see until `commit`. Reads see earlier writes of the
 * same transaction; dropping the object is the rollback. `commit` applies the final version of every
 * touched document to the store (stamping LSNs, feeding the change feed) as one journal record.
 */
export class StagedPartition {
  /** id -> the document as the transaction left it, or null when it deleted it. */
  private readonly staged = new Map<string, Doc | null>();
  private ridCount: number;
  private readonly now: () => number;

  constructor(
    readonly documents: ItemsStore,
    /** The partition key value (undefined = the document has no partition key value). */
    readonly partitionKey: unknown,
  ) {
    this.ridCount = documents._ridCount;
    this.now = containerStateOf(documents)?.owner.now ?? Date.now;
    // Runs after the request body was read: nothing expired in the meantime is seen.
    sweepExpired(documents);
  }

  /** The partition key value of a body, as the store computes it. */
  partitionOf(body: Record<string, unknown>): unknown {
    return this.documents._getPartition(body);
  }

  read(id: string): Doc | undefined {
    const staged = this.staged.get(id);
    if (staged !== undefined) return staged ?? undefined;
    return this.stored(id);
  }

  /** Stores a new document; the caller checked that the id is free. */
  create(body: Record<string, unknown>): Doc {
    this.ridCount += 1;
    const rid = this.documents._rid(this.ridCount);
    return this.put({ ...body, _rid: rid, _self: this.documents._self(rid) }, body.id as string);
  }

  /** Replaces an existing document, keeping its resource id. */
  replace(body: Record<string, unknown>, existing: Doc): Doc {
    return this.put({ ...body, _rid: existing._rid, _self: existing._self }, existing.id);
  }

  delete(id: string): void {
    this.staged.set(id, null);
  }

  /**
   * A unique key (other than id) that `body` would share with another document of the partition, if any.
   * Cosmos DB enforces unique keys per logical partition.
   */
  uniqueKeyConflict(body: Record<string, unknown>): string | undefined {
    for (const keyPath of this.documents._uniqueKeyPaths) {
      if (keyPath === '/id') continue;
      const value = valueAt(body, keyPath);
      const clash = (doc: Doc | null | undefined) =>
        !!doc && doc.id !== body.id && valueAt(doc, keyPath) === value;
      const indexed = this.documents._item(keyPath, value, this.partitionKey).read();
      if (indexed && !this.staged.has(indexed.id) && clash(indexed)) return keyPath;
      for (const doc of this.staged.values()) if (clash(doc)) return keyPath;
    }
    return undefined;
  }

  /** Applies the transaction's writes to the store, all in one atomic journal record. */
  commit(): void {
    if (this.staged.size === 0) return;
    const apply = () => {
      this.documents._ridCount = Math.max(this.documents._ridCount, this.ridCount);
      for (const [id, doc] of this.staged) {
        if (this.stored(id)) this.documents.delete(id, this.partitionKey);
        if (doc) this.documents._set(doc);
      }
    };
    const owner = containerStateOf(this.documents)?.owner;
    if (owner) owner.atomically(apply);
    else apply();
  }

  private put(body: Record<string, unknown>, id: string): Doc {
    // System properties come from the store, never from the client's body (it may echo an old _lsn).
    const { _lsn: _ignored, ...rest } = body;
    const doc = {
      ...rest,
      id,
      // Same ETag form as vercel's own writes, so both paths compare alike.
      _etag: randomUUID(),
      _ts: Math.floor(this.now() / 1000),
    } as Doc;
    this.staged.set(id, doc);
    return doc;
  }

  private stored(id: string): Doc | undefined {
    const doc = this.documents._item('/id', id, this.partitionKey).read();
    // vercel falls back to looking the value up as a resource id: make sure it is this document.
    if (!doc || doc.id !== id) return undefined;
    return sameValue(this.documents._getPartition(doc), this.partitionKey) ? doc : undefined;
  }
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function valueAt(doc: Record<string, unknown>, keyPath: string): unknown {
  let node: unknown = doc;
  for (const segment of keyPath.slice(1).split('/')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}
