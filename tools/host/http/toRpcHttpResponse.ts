import type { RpcHttpData, RpcTypedData } from '../app/coreTypes';

// Fetch's "null body status": the library leaves the body (and jsonBody's content type) out for these.
const NULL_BODY_STATUSES = new Set([204, 205, 304]);
// HTTP whitespace as fetch trims it from header values: tab, LF, CR, space.
const TRAILING_WS = /[\t\n\r ]+$/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function isStringRecord(v: unknown): v is Record<string, string> {
  if (!isPlainObject(v)) return false;
  for (const k in v) if (typeof v[k] !== 'string') return false;
  return true;
}

/**
 * The library's `toRpcHttp` (HttpResponseInit -> `new HttpResponse` -> fetch `Response` -> RPC http data) for
 * the shapes handlers return almost always, without building a `Response` and reading its body stream back:
 * a plain object with an integer status 200-599 (or none), headers as a `Headers` or a record of strings, no
 * cookies, and a body that is a string, bytes or absent, or a `jsonBody`. Headers still go through a real
 * `Headers` (validation, lower-casing, merging, order), so the result is the library's, byte for byte. Anything
 * else returns undefined and the library converts it, errors included.
 */
export function toRpcHttpResponse(result: unknown): RpcTypedData | null | undefined {
  if (result === null || result === undefined) return undefined;
  if (!isPlainObject(result)) return undefined;
  const { status = 200, headers: init, body, jsonBody, cookies, enableContentNegotiation } = result;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599)
    return undefined;
  if (cookies !== undefined && !(Array.isArray(cookies) && cookies.length === 0)) return undefined;
  if (init !== undefined && !(init instanceof Headers) && !isStringRecord(init)) return undefined;
  const noBody = NULL_BODY_STATUSES.has(status);
  let bytes: Uint8Array | undefined;
  let type: 'json' | 'text' | undefined;
  if (jsonBody !== undefined && jsonBody !== null && !noBody) {
    // May throw (a cycle, a BigInt): the invocation fails as it does in the library, which stringifies here too.
    const text = JSON.stringify(jsonBody) as string | undefined;
    if (text !== undefined) bytes = Buffer.from(text);
    type = 'json';
  } else if (!noBody && body !== undefined && body !== null) {
    if (typeof body === 'string') {
      bytes = Buffer.from(body);
      type = 'text';
    } else if (ArrayBuffer.isView(body) && !(body.buffer instanceof SharedArrayBuffer)) {
      // Copied, as a Response copies it: the handler may reuse its buffer once it returned.
      bytes = Buffer.from(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
    } else if (body instanceof ArrayBuffer) {
      bytes = Buffer.from(new Uint8Array(body));
    } else return undefined;
  }
  // Throws TypeError for an invalid name or value, as `new Response` does; the invocation fails the same way.
  const headers = new Headers(init);
  if (type === 'json' && !headers.has('content-type')) headers.set('content-type', 'application/json');
  if (type === 'text' && !headers.has('content-type'))
    headers.append('content-type', 'text/plain;charset=UTF-8');
  const rpcHeaders: Record<string, string> = {};
  // The library copies entries() into a record: names sorted and lower-cased, repeated Set-Cookie: the last wins.
  // For jsonBody it builds a Headers and a Response copies it, so merged values are normalized twice: a
  // merge ending in an empty value ("a" + "" = "a, ") loses its trailing whitespace, nothing else can change.
  if (type === 'json') headers.forEach((value, key) => (rpcHeaders[key] = value.replace(TRAILING_WS, '')));
  else headers.forEach((value, key) => (rpcHeaders[key] = value));
  const http: RpcHttpData = {
    statusCode: String(status),
    headers: rpcHeaders,
    cookies: [],
    enableContentNegotiation: !!enableContentNegotiation,
    body: { bytes: bytes ?? new Uint8Array(0) },
  };
  return { http };
}
