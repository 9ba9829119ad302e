import type { IncomingMessage } from 'node:http';
import { answerCreateContainer, answerReplaceContainer, refuseUnindexedQuery } from './containerRoutes';
import { answerDocument } from './documentRoutes';
import { wireErrors } from './errors';
import { answerOffers, quotaHeaders } from './offers';
import { answerPartitionDelete } from './partitionDelete';
import { answerQueryPlan } from './queryPlan';
import { answerBatch, answerPatch, type RouteAnswer } from './transactionalRoutes';
import { answerConflicts, answerUsers } from './usersAndConflicts';
import type { AccountNode, Router } from './vercelInternals';

export const DOCS_PATH = /^\/+dbs\/([^/]+)\/colls\/([^/]+)\/docs\/?$/;
export const PARTITION_DELETE_PATH = /^\/+dbs\/([^/]+)\/colls\/([^/]+)\/operations\/partitionkeydelete\/?$/i;
export const USERS_PATH = /^\/+dbs\/([^/]+)\/users(?:\/([^/]+)(?:\/(permissions)(?:\/([^/]+))?)?)?\/?$/;
export const CONFLICTS_PATH = /^\/+dbs\/([^/]+)\/colls\/([^/]+)\/conflicts(?:\/([^/]+))?\/?$/;
export const DBS_PATH = /^\/+dbs\/?$/;
export const OFFERS_PATH = /^\/+offers(?:\/([^/]+))?\/?$/;
export const COLLS_PATH = /^\/+dbs\/([^/]+)\/colls\/?$/;
export const COLL_PATH = /^\/+dbs\/([^/]+)\/colls\/([^/]+)\/?$/;
export const DOC_PATH = /^\/+dbs\/([^/]+)\/colls\/([^/]+)\/docs\/([^/]+)\/?$/;

/** Requests answered by our transactional path instead of vercel's handlers. */
export function ownRoute(
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
export function knownPath(routes: Router, path: string): boolean {
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
export function quotaOf(account: AccountNode, dbId: string, collId: string): Record<string, string> {
  const collection = account.database(dbId).collection(collId);
  if (!collection.read()) return {};
  let bytes = 0;
  for (const item of collection.documents._data.values()) bytes += JSON.stringify(item.read() ?? null).length;
  return quotaHeaders(collection.documents._data.size, Math.ceil(bytes / 1024));
}

export function isQuery(req: IncomingMessage): boolean {
  return (
    isTrue(req.headers['x-ms-documentdb-isquery']) || req.headers['content-type'] === 'application/query+json'
  );
}

export function isTrue(value: string | string[] | undefined): boolean {
  return (Array.isArray(value) ? value : [value]).some((v) => v?.toLowerCase() === 'true');
}

/** A path segment, %-decoded; bad %-encoding is the client's error (400), not ours. */
export function decode(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? '');
  } catch {
    throw wireErrors.badRequest(`Invalid %-encoding in the request path: ${segment ?? ''}`);
  }
}
