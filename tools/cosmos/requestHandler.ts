import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readChangeFeed } from './changeFeed';
import { CosmosWireError, ensureError } from './errors';
import type { AccountNode, Router } from './vercelInternals';

const DOCS_PATH = /^\/+dbs\/([^/]+)\/colls\/([^/]+)\/docs\/?$/;
const DOC_PATH = /^\/+dbs\/[^/]+\/colls\/[^/]+\/docs\/[^/]+\/?$/;

/**
 * The HTTP front of the emulator. It does what @vercel/cosmosdb-server's own handler does (route, JSON,
 * ETag and diagnostic headers) with three differences: change-feed reads are answered from our LSN feed
 * instead of the stub that returns everything once and then 304 forever; connections stay open (its
 * default closes each one, so every SDK call paid a new connection); and a point read with a matching
 * If-None-Match gets 304 as in Cosmos DB.
 */
export function createRequestHandler(
  getAccount: () => AccountNode,
  routes: Router,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(getAccount(), routes, req, res).catch((err: unknown) => {
      const e = ensureError(err);
      console.error('[cosmos] request failed:', e);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end(JSON.stringify({ code: 'InternalServerError', message: e.message }));
      } else res.destroy(e);
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

  const route = routes(req);
  let body: Record<string, unknown> | undefined;
  if (!route) {
    res.statusCode = 400;
    body = { code: 'BadRequest', message: `no route for ${req.method ?? ''} ${path}` };
  } else {
    const [params, handler] = route;
    try {
      body = (await handler(account, req, res, params)) as Record<string, unknown> | undefined;
    } catch (err) {
      sendError(res, err);
      return;
    }
    if (res.statusCode > 399 && body && !body.message) body.message = '';
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

function decode(segment: string | undefined): string {
  return decodeURIComponent(segment ?? '');
}
