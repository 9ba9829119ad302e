import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { checkName } from './containerDefinition';
import { wireErrors } from './errors';
import { readJsonBody } from './readJsonBody';
import type { RouteAnswer } from './transactionalRoutes';
import type { AccountNode, Doc } from './vercelInternals';

type Resource = Doc & Record<string, unknown>;

/** Users of a database (by its _rid) and permissions of a user (by the user's _rid), in memory. */
const usersOf = new WeakMap<AccountNode, Map<string, Map<string, Resource>>>();
let ridCount = 0;

/** Compared without case: the REST docs write `Read`/`All`, the JS SDK sends `read`/`all`. */
const PERMISSION_MODES = new Set(['read', 'all']);

/**
 * Users and permissions (`/dbs/{db}/users[/{u}[/permissions[/{p}]]]`): create, upsert, read, list, query,
 * replace and delete, as Cosmos DB's REST API has them, so code that provisions resource tokens runs.
 * Requests are never authorised here (the emulator checks no key), so a permission's `_token` is a stand-in
 * that works only against this emulator. Kept in memory, not in `--data-dir`.
 */
export async function answerUsers(
  account: AccountNode,
  req: IncomingMessage,
  route: { dbId: string; userId?: string; permissions: boolean; permissionId?: string },
): Promise<RouteAnswer> {
  const db = account.database(route.dbId).read();
  if (!db) throw wireErrors.notFound();
  const all = store(account);
  const users = childrenOf(all, db._rid);
  if (!route.permissions) {
    return answerSet(
      account,
      req,
      users,
      route.userId,
      'Users',
      (body, rid) => ({
        ...body,
        _self: `dbs/${db._rid}/users/${rid}/`,
        _permissions: 'permissions/',
      }),
      (removed) => all.delete(removed._rid),
    );
  }
  const user = route.userId === undefined ? undefined : users.get(route.userId);
  if (!user) throw wireErrors.notFound();
  const permissions = childrenOf(all, user._rid);
  return answerSet(account, req, permissions, route.permissionId, 'Permissions', (body, rid) => {
    if (typeof body.permissionMode !== 'string' || !PERMISSION_MODES.has(body.permissionMode.toLowerCase())) {
      throw wireErrors.badRequest(
        `Invalid permissionMode ${JSON.stringify(body.permissionMode)}: 'Read' or 'All'.`,
      );
    }
    if (typeof body.resource !== 'string' || body.resource === '') {
      throw wireErrors.badRequest('A permission needs the link of its resource (resource).');
    }
    const sig = createHash('sha256').update(`${rid}:${body.resource}`).digest('base64');
    return {
      ...body,
      _self: `${user._self as string}permissions/${rid}/`,
      _token: `type=resource&ver=1&sig=${sig}`,
    };
  });
}

/** The conflicts feed of a single-region account: always empty. */
export function answerConflicts(
  account: AccountNode,
  dbId: string,
  collId: string,
  conflictId: string | undefined,
): RouteAnswer {
  const container = account.database(dbId).collection(collId).read();
  if (!container || conflictId !== undefined) throw wireErrors.notFound();
  return { status: 200, body: { _rid: container._rid, Conflicts: [], _count: 0 } };
}

async function answerSet(
  account: AccountNode,
  req: IncomingMessage,
  set: Map<string, Resource>,
  id: string | undefined,
  feedName: string,
  complete: (body: Record<string, unknown>, rid: string) => Record<string, unknown>,
  onDelete?: (removed: Resource) => void,
): Promise<RouteAnswer> {
  const existing = id === undefined ? undefined : set.get(id);
  const method = req.method ?? 'GET';
  if (id === undefined && method === 'GET') return feed(feedName, [...set.values()]);
  if (id === undefined && method === 'POST' && isTrue(req, 'x-ms-documentdb-isquery')) {
    const body = (await readJsonBody(req)) as { query?: unknown; parameters?: unknown } | null;
    if (typeof body?.query !== 'string') throw wireErrors.badRequest('The query is missing.');
    try {
      return feed(
        feedName,
        account.databases._getQuery(body.query).exec([...set.values()], { parameters: body.parameters })
          .result,
      );
    } catch (err) {
      throw wireErrors.badRequest(`Invalid query: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (id !== undefined && method === 'GET') {
    if (!existing) throw wireErrors.notFound();
    return { status: 200, body: existing };
  }
  if (id !== undefined && method === 'DELETE') {
    if (!existing) throw wireErrors.notFound();
    set.delete(id);
    onDelete?.(existing);
    return { status: 204 };
  }
  if (method !== 'POST' && method !== 'PUT') throw wireErrors.methodNotAllowed(method);
  const body = (await readJsonBody(req)) as Record<string, unknown> | null;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw wireErrors.badRequest('The body must be a JSON object.');
  checkName(body.id, feedName === 'Users' ? 'user' : 'permission');
  const upsert = method === 'POST' && isTrue(req, 'x-ms-documentdb-is-upsert');
  const previous = method === 'PUT' ? existing : set.get(body.id);
  if (method === 'PUT' && !previous) throw wireErrors.notFound();
  if (method === 'PUT' && body.id !== id) throw wireErrors.badRequest('The id cannot be changed.');
  if (method === 'POST' && previous && !upsert)
    throw wireErrors.conflict('Resource with specified id or name already exists.');
  const ifMatch = req.headers['if-match'];
  if (previous && typeof ifMatch === 'string' && ifMatch !== '*' && ifMatch !== previous._etag) {
    throw wireErrors.preconditionFailed();
  }
  const rid = previous?._rid ?? nextRid();
  const { _rid, _self, _etag, _ts, ...fields } = body;
  void [_rid, _self, _etag, _ts];
  const resource = {
    ...complete(fields, rid),
    id: body.id,
    _rid: rid,
    _etag: `"${randomUUID()}"`,
    _ts: Math.floor(Date.now() / 1000),
  } as Resource;
  set.set(body.id, resource);
  return { status: previous ? 200 : 201, body: resource };
}

function feed(name: string, items: unknown[]): RouteAnswer {
  return { status: 200, body: { _rid: '', [name]: items, _count: items.length } };
}

function store(account: AccountNode): Map<string, Map<string, Resource>> {
  let s = usersOf.get(account);
  if (!s) usersOf.set(account, (s = new Map<string, Map<string, Resource>>()));
  return s;
}

function childrenOf(all: Map<string, Map<string, Resource>>, parentRid: string): Map<string, Resource> {
  let set = all.get(parentRid);
  if (!set) all.set(parentRid, (set = new Map<string, Resource>()));
  return set;
}

function nextRid(): string {
  ridCount += 1;
  return Buffer.from(`u${ridCount}`).toString('base64').replace(/=+$/, '');
}

function isTrue(req: IncomingMessage, name: string): boolean {
  const v = req.headers[name];
  return (Array.isArray(v) ? v[0] : v)?.toLowerCase() === 'true';
}
