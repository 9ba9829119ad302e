import type { IncomingMessage } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import { normaliseContainer } from './containerDefinition';
import { wireErrors } from './errors';
import { offerContent, recordOffer } from './offers';
import { readJsonBody } from './readJsonBody';
import type { RouteAnswer } from './transactionalRoutes';
import type { AccountNode, Doc } from './vercelInternals';

/**
 * `POST /dbs/{db}/colls`: creates a container from a checked, completed definition (see
 * normaliseContainer): a bad partition key definition, `defaultTtl` or id is a 400 here, where vercel
 * accepted anything and stored it.
 */
export async function answerCreateContainer(
  account: AccountNode,
  dbId: string,
  req: IncomingMessage,
): Promise<RouteAnswer> {
  const definition = normaliseContainer(await readJsonBody(req));
  const throughput = offerContent(req.headers);
  const database = account.database(dbId);
  if (!database.read()) throw wireErrors.notFound();
  if (database.collection(definition.id as string).read()) {
    throw wireErrors.conflict('Resource with specified id or name already exists.');
  }
  const created = database.collections.create(definition);
  recordOffer(account, created, throughput);
  return { status: 201, body: created };
}

/**
 * `PUT /dbs/{db}/colls/{id}`: replaces a container's definition (TTL, indexing policy); the id and the
 * partition key cannot change. Its documents and change feed stay (see storeHooks).
 */
export async function answerReplaceContainer(
  account: AccountNode,
  dbId: string,
  collId: string,
  req: IncomingMessage,
): Promise<RouteAnswer> {
  const definition = normaliseContainer(await readJsonBody(req));
  const database = account.database(dbId);
  const existing = database.collection(collId).read();
  if (!existing) throw wireErrors.notFound();
  if (definition.id !== collId) throw wireErrors.badRequest('The id of a container cannot be changed.');
  if (!isDeepStrictEqual(definition.partitionKey, existing.partitionKey)) {
    throw wireErrors.badRequest('The partition key of a container cannot be changed.');
  }
  const { _rid, _self, _etag, _ts, ...rest } = definition;
  void [_rid, _self, _etag, _ts];
  return { status: 200, body: (database.collections as unknown as Replacer).replace(rest, existing) };
}

interface Replacer {
  replace(data: Record<string, unknown>, original: Doc): Doc;
}

/**
 * A query on a container with indexing mode `none` has no index to use: Cosmos DB refuses it (400) unless
 * the client allows a scan (`enableScanInQuery`, header `x-ms-documentdb-query-enable-scan`). Point
 * operations, batch and the change feed need no index and are unaffected.
 */
export function refuseUnindexedQuery(
  account: AccountNode,
  dbId: string,
  collId: string,
  req: IncomingMessage,
): void {
  const container = account.database(dbId).collection(collId).read() as
    { indexingPolicy?: { indexingMode?: string } } | undefined;
  if (container?.indexingPolicy?.indexingMode !== 'none') return;
  const scan = req.headers['x-ms-documentdb-query-enable-scan'];
  if ((Array.isArray(scan) ? scan[0] : scan)?.toLowerCase() === 'true') return;
  throw wireErrors.badRequest(
    `The container '${collId}' has indexing mode 'none': queries need an index. Allow a scan (enableScanInQuery) or index the container.`,
  );
}
