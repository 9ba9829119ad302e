import { ContainerFeed, lsnOf, stampLsn, withLsn } from './containerFeed';
import { ExpiryIndex } from './expiryIndex';
import { vercelInternals, type AccountNode, type Doc, type ItemsStore } from './vercelInternals';

/** One mutation of the store, as written to the journal. Containers and databases are named by `_rid`. */
export type JournalEntry =
  | { t: 'db+'; data: Doc; rc: number }
  | { t: 'db-'; a: unknown[] }
  | { t: 'coll+'; db: string; data: Doc; rc: number }
  | { t: 'coll-'; db: string; a: unknown[] }
  | { t: 'doc+'; c: string; data: Doc; rc: number }
  | { t: 'doc-'; c: string; a: unknown[] }
  /** Several writes that stand or fall together (a transactional batch, a replace = delete + set). */
  | { t: 'batch'; e: JournalEntry[] };

/** What the hooks report to: one per emulator (account). */
export interface StoreOwner {
  /** True while a snapshot or journal is replayed: LSNs are kept and nothing is journaled. */
  replaying: boolean;
  journal(entry: JournalEntry): void;
  /** Runs `fn` (synchronous) so that every entry it journals is persisted as one record: all or nothing. */
  atomically<T>(fn: () => T): T;
  containers: Map<string, ContainerState>;
  /** Milliseconds since the epoch: `_ts` of writes and TTL expiry. */
  now: () => number;
}

export interface ContainerState {
  owner: StoreOwner;
  rid: string;
  documents: ItemsStore;
  feed: ContainerFeed;
  expiry: ExpiryIndex;
}

const accountOwners = new WeakMap<AccountNode, StoreOwner>();
const collectionsOwners = new WeakMap<ItemsStore, StoreOwner>();
const documentsStates = new WeakMap<ItemsStore, ContainerState>();
/** The container just deleted, in case the delete is the first half of a replace. */
const replaced = new WeakMap<StoreOwner, ContainerState>();

export function registerAccount(account: AccountNode, owner: StoreOwner): void {
  accountOwners.set(account, owner);
}

export function containerStateOf(documents: ItemsStore): ContainerState | undefined {
  return documentsStates.get(documents);
}

/**
 * Deletes the container's expired documents (a journaled delete each, so expiry survives a restart). Every
 * read path (point operations, batch, bulk, queries, the change feed) calls it first, so an expired item
 * is never seen, though nothing runs in the background: Cosmos DB too hides expired items at once and
 * deletes them later. Cost: O(1) when nothing is due.
 */
export function sweepExpired(documents: ItemsStore): void {
  const state = documentsStates.get(documents);
  if (!state || state.owner.replaying) return;
  const due = state.expiry.due(state.owner.now());
  if (due.length === 0) return;
  state.owner.atomically(() => {
    for (const doc of due) {
      const partition = documents._getPartition(doc);
      // A stale entry: the document was rewritten (its new version has its own entry) or deleted.
      if (documents._item('/id', doc.id, partition).read() === doc) documents.delete(doc.id, partition);
    }
  });
}

function defaultTtlOf(documents: ItemsStore): unknown {
  return (documents._parent.read() as { defaultTtl?: unknown } | undefined)?.defaultTtl;
}

let installed = false;

/**
 * Hooks the vercel store's write paths (`_set` and `delete` of databases, containers and documents) once
 * per process. Every create, replace, upsert, patch, bulk and batch operation ends in these two methods,
 * so stamping the LSN and journaling here covers them all; a document replace (delete + set) is also
 * wrapped so its two halves are one journal record. Stores not registered with an owner (another
 * vercel server in the same process) pass through untouched.
 */
export function installStoreHooks(): void {
  if (installed) return;
  installed = true;
  const { Items, Databases, Collections, Documents } = vercelInternals();
  const baseSet = Items.prototype._set;
  const baseDelete = Items.prototype.delete;
  const baseReplace = Items.prototype.replace;
  const baseQuery = Items.prototype.query;
  const baseRead = Items.prototype.read;

  Databases.prototype._set = function (this: ItemsStore, data: unknown) {
    const result = baseSet.call(this, data) as Doc;
    const owner = accountOwners.get(this._parent as AccountNode);
    if (owner) {
      const node = this._data.get(result._rid) as unknown as { collections: ItemsStore };
      collectionsOwners.set(node.collections, owner);
      if (!owner.replaying) owner.journal({ t: 'db+', data: result, rc: this._ridCount });
    }
    return result;
  };
  Databases.prototype.delete = function (this: ItemsStore, ...a: unknown[]) {
    baseDelete.apply(this, a);
    const owner = accountOwners.get(this._parent as AccountNode);
    if (owner && !owner.replaying) owner.journal({ t: 'db-', a });
  };

  Collections.prototype._set = function (this: ItemsStore, data: unknown) {
    const result = baseSet.call(this, data) as Doc;
    const owner = collectionsOwners.get(this);
    if (owner) {
      const node = this._data.get(result._rid) as unknown as { documents: ItemsStore };
      // A container replace (new TTL, indexing policy) is delete + set, and vercel builds the new container
      // empty. Cosmos DB keeps the documents: carry the store and its feed over to the new definition.
      const previous = replaced.get(owner);
      replaced.delete(owner);
      if (previous?.rid === result._rid) {
        previous.documents._parent = node as unknown as ItemsStore['_parent'];
        node.documents = previous.documents;
      }
      const state: ContainerState =
        previous?.rid === result._rid
          ? previous
          : {
              owner,
              rid: result._rid,
              documents: node.documents,
              feed: new ContainerFeed(),
              expiry: new ExpiryIndex(),
            };
      if (previous?.rid === result._rid) {
        // The new definition may change defaultTtl: every document's expiry is recomputed under it.
        state.expiry = new ExpiryIndex();
        const defaultTtl = (result as { defaultTtl?: unknown }).defaultTtl;
        for (const item of node.documents._data.values()) {
          const doc = item.read();
          if (doc) state.expiry.track(doc, defaultTtl);
        }
      }
      documentsStates.set(node.documents, state);
      owner.containers.set(result._rid, state);
      const db = this._parent.read()?._rid as string;
      if (!owner.replaying) owner.journal({ t: 'coll+', db, data: result, rc: this._ridCount });
    }
    return result;
  };
  Collections.prototype.delete = function (this: ItemsStore, ...a: unknown[]) {
    const existing = this._item('/id', a[0], a[1]).read();
    baseDelete.apply(this, a);
    const owner = collectionsOwners.get(this);
    if (!owner) return;
    if (existing) {
      const state = owner.containers.get(existing._rid);
      if (state) replaced.set(owner, state);
      owner.containers.delete(existing._rid);
    }
    const db = this._parent.read()?._rid as string;
    if (!owner.replaying) owner.journal({ t: 'coll-', db, a });
  };

  Documents.prototype._set = function (this: ItemsStore, data: unknown) {
    const state = documentsStates.get(this);
    if (!state) return baseSet.call(this, data);
    const doc = data as Doc;
    // A replayed document brings its LSN (enumerable, from JSON); a new write takes the next one.
    stampLsn(doc, state.owner.replaying ? lsnOf(doc) : state.feed.next());
    const result = baseSet.call(this, doc) as Doc;
    state.feed.added(result);
    state.expiry.track(result, defaultTtlOf(this));
    if (!state.owner.replaying)
      state.owner.journal({ t: 'doc+', c: state.rid, data: withLsn(result), rc: this._ridCount });
    return result;
  };
  // vercel's replace is a delete then a set: journaled apart, a kill between them would lose the document.
  Documents.prototype.replace = function (this: ItemsStore, ...a: unknown[]) {
    const state = documentsStates.get(this);
    if (!state) return baseReplace.apply(this, a);
    return state.owner.atomically(() => baseReplace.apply(this, a));
  };
  // vercel's query and read-feed handlers read the request body first: sweep when they reach the store.
  Documents.prototype.query = function (this: ItemsStore, ...a: unknown[]) {
    sweepExpired(this);
    return baseQuery.apply(this, a);
  };
  Documents.prototype.read = function (this: ItemsStore, ...a: unknown[]) {
    sweepExpired(this);
    return baseRead.apply(this, a);
  };
  Documents.prototype.delete = function (this: ItemsStore, ...a: unknown[]) {
    const state = documentsStates.get(this);
    const existing = state ? this._item('/id', a[0], a[1]).read() : undefined;
    baseDelete.apply(this, a);
    if (!state || !existing) return;
    state.feed.removed(existing);
    if (!state.owner.replaying) state.owner.journal({ t: 'doc-', c: state.rid, a });
  };
}
