/** What one Cosmos DB REST request is, from its method, path and headers: the unit a user pays RUs for. */
export interface CosmosRequestKind {
  /** `<db>/<container>`, `<db>` or `account`. */
  resource: string;
  /** create, upsert, read, replace, delete, patch, query, changeFeed, readFeed, batch, or metadata. */
  op: string;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string {
  const v = headers[name];
  return ((Array.isArray(v) ? v[0] : v) ?? '').toLowerCase();
}

export function classifyCosmosRequest(
  method: string,
  url: string,
  headers: Record<string, string | string[] | undefined>,
): CosmosRequestKind {
  const path = decodeURIComponent(url.split('?')[0] ?? '/').replace(/^\/+|\/+$/g, '');
  const seg = path === '' ? [] : path.split('/');
  const m = method.toUpperCase();
  // dbs/{db}/colls/{coll}/docs[/{id}]
  if (seg[0] === 'dbs' && seg[2] === 'colls' && seg[4] === 'docs') {
    const resource = `${seg[1]}/${seg[3]}`;
    if (seg.length === 5) {
      if (m === 'GET')
        return { resource, op: header(headers, 'a-im') === 'incremental feed' ? 'changeFeed' : 'readFeed' };
      if (m === 'POST') {
        if (
          header(headers, 'x-ms-documentdb-isquery') === 'true' ||
          /query/.test(header(headers, 'content-type'))
        )
          return { resource, op: 'query' };
        if (header(headers, 'x-ms-cosmos-is-batch-request') === 'true') return { resource, op: 'batch' };
        return {
          resource,
          op: header(headers, 'x-ms-documentdb-is-upsert') === 'true' ? 'upsert' : 'create',
        };
      }
    }
    if (seg.length === 6) {
      const op = (
        { GET: 'read', PUT: 'replace', DELETE: 'delete', PATCH: 'patch' } as Record<string, string>
      )[m];
      if (op) return { resource, op };
    }
    return { resource, op: `${m.toLowerCase()}:other` };
  }
  // Account, database, container and partition-key-range reads: per client, cached by the SDK.
  const resource = seg[0] === 'dbs' ? (seg[3] ? `${seg[1]}/${seg[3]}` : (seg[1] ?? 'account')) : 'account';
  return { resource, op: 'metadata' };
}
