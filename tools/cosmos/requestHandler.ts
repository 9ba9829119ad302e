import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readChangeFeed } from './changeFeed';
import { answerQueryPlan } from './queryPlan';
import { answerCreateContainer, answerReplaceContainer, refuseUnindexedQuery } from './containerRoutes';
import { answerDocument } from './documentRoutes';
import { CosmosWireError, ensureError, wireErrors } from './errors';
import { answerBatch, answerPatch, type RouteAnswer } from './transactionalRoutes';
import { answerPartitionDelete } from './partitionDelete';
import { answerConflicts, answerUsers } from './usersAndConflicts';
import { answerOffers, offerContent, quotaHeaders, recordOffer } from './offers';
import type { AccountNode, Doc, Router } from './vercelInternals';

const DOCS_PATH = /^\/+dbs\/([^/]+)\/colls\/([^/]+)\/docs\/?$/;
const PARTITION_DELETE_PATH = /^\/+dbs\/([^/]+)\/colls\/([^/]+)\/operations\/partitionkeydelete\/?$/i;
const USERS_PATH = /^\/+dbs\/([^/]+)\/users(?:\/([^/]+)(?:\/(permissions)(?:\/([^/]+))?)?)?\/?$/;
const CONFLICTS_PATH = /^\/+dbs\/([^/]+)\/colls\/([^/]+)\/conflicts(?:\/([^/]+))?\/?$/;
const DBS_PATH = /^\/+dbs\/?$/;
const OFFERS_PATH = /^\/+offers(?:\/([^/]+))?\/?$/;
const COLLS_PATH = /^\/+dbs\/([^/]+)\/colls\/?$/;
const COLL_PATH = /^\/+dbs\/([^/]+)\/colls\/([^/]+)\/?$/;
const DOC_PATH = /^\/+dbs\/([^/]+)\/colls\/([^/]+)\/docs\/([^/]+)\/?$/;

/**
 * The HTTP front of the emulator. It does what @vercel/cosmosdb-server's own handler does (route, JSON,
 * ETag and diagnostic headers) with three differences: change-feed reads are answered from our LSN feed
 * instead of the stub that returns everything once and then 304 forever; connections stay open (its
 * default closes each one, so every SDK call paid a new connection); a point read with a matching
 * If-None-Match gets 304 as in Cosmos DB; and transactional batches and patches run through our own
 * atomic path (vercel's batch writes operation by operation and keeps what a failed batch wrote); and
 * the SDK's query-plan requests get a plan instead of a second run of the whole query.
 */
export function createRequestHandler(
  getAccount: () => AccountNode,
  routes: Router,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(getAccount(), routes, req, res).catch((err: unknown) => {
      // A wire error is the client's (its status); anything else is ours (500, logged). Either way the
      // process and the connection go on serving.
      if (!res.headersSent) sendError(res, err);
      else res.destroy(ensureError(err));
    });
  };
}

async function handle(account: AccountNode, routes: Router, req: IncomingMessage, res: ServerResponse) {
  res.setHeader('content-type', 'application/json');
  res.setHeader('x-ms-activity-id', randomUUID());
  res.setHeader('x-ms-request-charge', '1');
  const path = (req.url ?? '/').split('?')[0] ?? '/';

  const feed = req.method === 'GET' && req.headers['a-im'] ? DOCS_PATH.exec(path) : null;
  if (feed) {
    try {
      const page = readChangeFeed(account, decode(feed[1]), decode(feed[2]), req.headers);
      res.statusCode = page.status;
      res.setHeader('etag', page.etag);
      res.setHeader('x-ms-item-count', String(page.body?._count ?? 0));
      res.end(page.body ? JSON.stringify(page.body) : undefined);
    } catch (err) {
      sendError(res, err);
    }
    return;
  }

  const own = ownRoute(account, req, path);
  if (own) {
    try {
      const answer = await own;
      res.statusCode = answer.status;
      const etag = (answer.body as { _etag?: unknown } | undefined)?._etag ?? answer.etag;
      if (typeof etag === 'string') res.setHeader('etag', etag);
      res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
    } catch (err) {
      sendError(res, err);
    }
    return;
  }

  // Checked before vercel creates the database, so a bad figure creates nothing.
  const databaseThroughput =
    req.method === 'POST' && DBS_PATH.test(path) && !isQuery(req) ? offerContent(req.headers) : undefined;
  const coll = req.method === 'GET' ? COLL_PATH.exec(path) : null;
  if (coll && isTrue(req.headers['x-ms-documentdb-populatequotainfo'])) {
    for (const [name, value] of Object.entries(quotaOf(account, decode(coll[1]), decode(coll[2]))))
      res.setHeader(name, value);
  }
  let route: ReturnType<Router>;
  try {
    route = routes(req);
  } catch {
    // vercel's router %-decodes path segments and throws on bad encoding.
    throw wireErrors.badRequest(`Invalid %-encoding in the request path: ${path}`);
  }
  let body: Record<string, unknown> | undefined;
  if (!route) {
    throw knownPath(routes, path)
      ? wireErrors.methodNotAllowed(req.method ?? '')
      : wireErrors.notFound(`No resource at ${path}.`);
  } else {
    const [params, handler] = route;
    try {
      body = (await handler(account, req, res, params)) as Record<string, unknown> | undefined;
    } catch (err) {
      sendError(res, err);
      return;
    }
    if (res.statusCode > 399 && body && !body.message) body.message = '';
    if (databaseThroughput && res.statusCode === 201 && body)
      recordOffer(account, body as Doc, databaseThroughput);
  }
  const etag = body && typeof body._etag === 'string' ? body._etag : undefined;
  if (etag) res.setHeader('etag', etag);
  if (etag && req.method === 'GET' && res.statusCode === 200 && DOC_PATH.test(path)) {
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
  }
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

/** Requests answered by our transactional path instead of vercel's handlers. */
function ownRoute(
  account: AccountNode,
  req: IncomingMessage,
  path: string,
): Promise<RouteAnswer> | undefined {
  if (req.method === 'POST' && isTrue(req.headers['x-ms-cosmos-is-batch-request'])) {
    const m = DOCS_PATH.exec(path);
    if (m) return answerBatch(account, decode(m[1]), decode(m[2]), req);
  }
  if (req.method === 'POST' && isTrue(req.headers['x-ms-cosmos-is-query-plan-request'])) {
    if (DOCS_PATH.test(path)) return answerQueryPlan(req);
  }
  if (req.method === 'POST' && isQuery(req)) {
    const m = DOCS_PATH.exec(path);
    // Throws (400) or lets vercel's query handler answer.
    if (m) refuseUnindexedQuery(account, decode(m[1]), decode(m[2]), req);
  }
  const pkDelete = req.method === 'POST' ? PARTITION_DELETE_PATH.exec(path) : null;
  if (pkDelete)
    return Promise.resolve(answerPartitionDelete(account, decode(pkDelete[1]), decode(pkDelete[2]), req));
  const users = USERS_PATH.exec(path);
  if (users) {
    return answerUsers(account, req, {
      dbId: decode(users[1]),
      ...(users[2] === undefined ? {} : { userId: decode(users[2]) }),
      permissions: users[3] !== undefined,
      ...(users[4] === undefined ? {} : { permissionId: decode(users[4]) }),
    });
  }
  const conflicts =
    req.method === 'GET' || (req.method === 'POST' && isQuery(req)) ? CONFLICTS_PATH.exec(path) : null;
  if (conflicts) {
    return Promise.resolve(
      answerConflicts(
        account,
        decode(conflicts[1]),
        decode(conflicts[2]),
        conflicts[3] === undefined ? undefined : decode(conflicts[3]),
      ),
    );
  }
  const offer = OFFERS_PATH.exec(path);
  if (offer && (req.method === 'GET' || req.method === 'POST' || req.method === 'PUT')) {
    return answerOffers(account, req, offer[1] === undefined ? undefined : decode(offer[1]));
  }
  if (req.method === 'PATCH') {
    const m = DOC_PATH.exec(path);
    if (m) return answerPatch(account, decode(m[1]), decode(m[2]), decode(m[3]), req);
  }
  if (req.method === 'GET' || req.method === 'PUT' || req.method === 'DELETE') {
    const m = DOC_PATH.exec(path);
    if (m)
      return answerDocument(account, req, { dbId: decode(m[1]), collId: decode(m[2]), docId: decode(m[3]) });
  }
  if (req.method === 'POST' && !isQuery(req)) {
    const c = COLLS_PATH.exec(path);
    if (c) return answerCreateContainer(account, decode(c[1]), req);
  }
  if (req.method === 'PUT') {
    const c = COLL_PATH.exec(path);
    if (c) return answerReplaceContainer(account, decode(c[1]), decode(c[2]), req);
  }
  if (req.method === 'POST' && !isQuery(req)) {
    const m = DOCS_PATH.exec(path);
    if (m) return answerDocument(account, req, { dbId: decode(m[1]), collId: decode(m[2]) });
  }
  return undefined;
}

/** Whether any method has a route for this path (so the method, not the path, is wrong: 405). */
function knownPath(routes: Router, path: string): boolean {
  for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) {
    try {
      if (routes({ method, url: path, headers: {} } as IncomingMessage)) return true;
    } catch {
      return false;
    }
  }
  return DOC_PATH.test(path) || DOCS_PATH.test(path) || COLL_PATH.test(path) || COLLS_PATH.test(path);
}

/** What a container read with populateQuotaInfo reports: the documents' count and size (one pass, on request only). */
function quotaOf(account: AccountNode, dbId: string, collId: string): Record<string, string> {
  const collection = account.database(dbId).collection(collId);
  if (!collection.read()) return {};
  let bytes = 0;
  for (const item of collection.documents._data.values()) bytes += JSON.stringify(item.read() ?? null).length;
  return quotaHeaders(collection.documents._data.size, Math.ceil(bytes / 1024));
}

function isQuery(req: IncomingMessage): boolean {
  return (
    isTrue(req.headers['x-ms-documentdb-isquery']) || req.headers['content-type'] === 'application/query+json'
  );
}

function isTrue(value: string | string[] | undefined): boolean {
  return (Array.isArray(value) ? value : [value]).some((v) => v?.toLowerCase() === 'true');
}

function sendError(res: ServerResponse, err: unknown): void {
  const e = ensureError(err);
  if (e instanceof CosmosWireError) {
    res.statusCode = e.status;
    res.end(JSON.stringify({ code: e.code, message: e.message }));
    return;
  }
  console.error('[cosmos] handler failed:', e);
  res.statusCode = 500;
  res.end(JSON.stringify({ code: 'InternalServerError', message: e.message }));
}

/** A path segment, %-decoded; bad %-encoding is the client's error (400), not ours. */
function decode(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? '');
  } catch {
    throw wireErrors.badRequest(`Invalid %-encoding in the request path: ${segment ?? ''}`);
  }
}
