import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Typed views of @vercel/cosmosdb-server internals. Its public API only builds a whole server, with the
 * account hidden in a closure; we need the account (to create the topology and persist it) and the
 * router (to put a real change feed in front of it), so we reach the compiled modules directly. The
 * package is pinned in package.json; test/tools/cosmos fails loudly if these shapes move.
 */
export type Doc = Record<string, unknown> & { id: string; _rid: string; _ts: number; _etag: string };

export interface ItemNode<T = Doc> {
  _data: T;
  read(): T | undefined;
}

export interface ItemsStore<T = Doc, N extends ItemNode<T> = ItemNode<T>> {
  _parent: ItemNode<Record<string, unknown>>;
  _data: Map<string, N>;
  _ridCount: number;
  create(data: Record<string, unknown>): T;
  delete(idOrRid: string, partition?: unknown): void;
  _set(data: T): T;
  _item(keyPath: string, value: unknown, partition: unknown): N;
  _getPartition(data: Record<string, unknown>): unknown;
  /** The resource id of the n-th document of the container. */
  _rid(n: number): string;
  _self(rid: string): string;
  /** `/id` plus the container's unique key paths. */
  _uniqueKeyPaths: string[];
  /** Compiles (and caches) a query. */
  _getQuery(sql: string): CompiledQuery;
}

export interface CompiledQuery {
  exec(
    items: unknown[],
    options: { parameters?: unknown; udf?: unknown; maxItemCount?: number; continuation?: unknown },
  ): { result: unknown[] };
}

export interface CollectionNode extends ItemNode {
  documents: ItemsStore;
}

export interface DatabaseNode extends ItemNode {
  collections: ItemsStore<Doc, CollectionNode>;
  collection(id: string): CollectionNode;
}

export interface AccountNode extends ItemNode<Record<string, unknown>> {
  databases: ItemsStore<Doc, DatabaseNode>;
  database(id: string): DatabaseNode;
}

export type RouteHandler = (
  account: AccountNode,
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>,
) => unknown;

export type Router = (req: IncomingMessage) => [Record<string, string>, RouteHandler] | undefined;

type ItemsPrototype = Record<
  '_set' | 'delete' | 'replace' | 'query' | 'read',
  (this: ItemsStore, ...args: unknown[]) => unknown
>;

export interface VercelInternals {
  Account: new (host: string, port: number) => AccountNode;
  routes: Router;
  Items: { prototype: ItemsPrototype };
  Databases: { prototype: ItemsPrototype };
  Collections: { prototype: ItemsPrototype };
  Documents: { prototype: ItemsPrototype };
  /** The module every vercel handler reads its JSON body through (`json.default(req)`, looked up per call). */
  json: { default: (req: IncomingMessage) => Promise<unknown> };
}

let cached: VercelInternals | undefined;

export function vercelInternals(): VercelInternals {
  if (cached) return cached;
  const req = createRequire(require.resolve('@vercel/cosmosdb-server'));
  const load = (path: string): unknown => (req(path) as { default: unknown }).default;
  cached = {
    Account: load('./account') as VercelInternals['Account'],
    routes: load('./routes') as Router,
    Items: load('./account/items') as VercelInternals['Items'],
    Databases: load('./account/databases') as VercelInternals['Databases'],
    Collections: load('./account/collections') as VercelInternals['Collections'],
    Documents: load('./account/documents') as VercelInternals['Documents'],
    json: req('./json') as VercelInternals['json'],
  };
  return cached;
}
