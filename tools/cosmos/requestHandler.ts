import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readChangeFeed } from './changeFeed';
import { CosmosWireError, ensureError, wireErrors } from './errors';
import { offerContent, recordOffer } from './offers';
import { answerPartitionKeyRangeFeed } from './partitionKeyRangeFeed';
import {
  COLL_PATH,
  DBS_PATH,
  DOCS_PATH,
  decode,
  isQuery,
  isTrue,
  knownPath,
  ownRoute,
  quotaOf,
} from './ownRoutes';
import type { AccountNode, Doc, Router } from './vercelInternals';

/**
 * The HTTP front of the emulator. It does what @vercel/cosmosdb-server's own handler does (route, JSON,
 * ETag and diagnostic headers) with these differences: change-feed reads come from our LSN feed (vercel's
 * returns everything once, then 304 forever); item point operations, batches, bulk, patches, container
 * create and replace, offers, users, permissions, conflicts and partition deletes are answered by our own
 * routes (see ownRoutes.ts); the SDK's query-plan requests get a plan instead of a second run of the
 * query; and every error a request causes is answered with Cosmos DB's status, never a crash.
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
  if (answerPartitionKeyRangeFeed(req, res, path)) return;

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
      if (answer.binary) {
        res.setHeader('content-type', 'application/octet-stream');
        res.end(answer.binary);
        return;
      }
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
  res.end(body === undefined ? undefined : JSON.stringify(body));
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
