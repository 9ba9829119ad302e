import type { IncomingHttpHeaders } from 'node:http';
import type { RpcHttpCookie, RpcTypedData } from '../app/coreTypes';

/** Node's header object as the RPC `headers` map: repeated headers joined, as the host's HttpRequest does. */
export function toRpcHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in headers) {
    const v = headers[key];
    if (v === undefined) continue;
    out[key] = Array.isArray(v) ? v.join(key === 'cookie' ? '; ' : ', ') : v;
  }
  return out;
}

/**
 * X-Forwarded-For with the peer's address appended, as Azure's front end hands requests to a function app (the
 * app's rate limits key on the rightmost hop; see docs/security.md). `func start` adds nothing; without this every
 * local client would be anonymous to them. An IPv4-mapped IPv6 peer is written as IPv4.
 */
export function forwardedFor(existing: string | string[] | undefined, peer: string | undefined): string | undefined {
  const prior = Array.isArray(existing) ? existing.join(', ') : existing;
  if (!peer) return prior;
  const hop = peer.startsWith('::ffff:') && peer.includes('.') ? peer.slice(7) : peer;
  return prior ? `${prior}, ${hop}` : hop;
}

/**
 * The query string as the host's RPC `query` map: a repeated name gets its values joined with `,` (ASP.NET's
 * StringValues.ToString()), so `?a=1&a=2` reaches the library as `a` = `1,2`, as under the Functions host.
 * Undefined when there is nothing to send (the library then reads the URL itself).
 */
export function toRpcQuery(search: string): Record<string, string> | undefined {
  if (search === '') return undefined;
  // No prototype: a parameter named __proto__ is data, not the object's prototype.
  const out = Object.create(null) as Record<string, string>;
  for (const [k, v] of new URLSearchParams(search)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : `${prev},${v}`;
  }
  return out;
}

/** A response body in any RPC shape as bytes. */
export function typedDataToBuffer(data: RpcTypedData | null | undefined): Buffer | undefined {
  if (!data) return undefined;
  if (data.bytes) return Buffer.from(data.bytes.buffer, data.bytes.byteOffset, data.bytes.byteLength);
  if (data.stream) return Buffer.from(data.stream.buffer, data.stream.byteOffset, data.stream.byteLength);
  if (typeof data.string === 'string') return Buffer.from(data.string);
  if (typeof data.json === 'string') return Buffer.from(data.json);
  if (typeof data.int === 'number') return Buffer.from(String(data.int));
  if (typeof data.double === 'number') return Buffer.from(String(data.double));
  return undefined;
}

function seconds(v: number | string | undefined): number {
  return typeof v === 'string' ? Number(v) : (v ?? 0);
}

/** .NET's Uri.EscapeDataString: everything but RFC 3986 unreserved characters, which encodeURIComponent is not. */
function escapeDataString(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `Set-Cookie` as the Functions host writes the RPC cookie: ASP.NET Core's `Response.Cookies.Append` with the
 * host's `CookieOptions` (RpcMessageConversionExtensions): the value URI-escaped, attributes lower-case in the
 * order expires, max-age, domain, path (default `/`), secure, samesite (`none` only for explicit None), httponly.
 */
export function toSetCookie(c: RpcHttpCookie): string {
  const parts = [`${c.name ?? ''}=${escapeDataString(c.value ?? '')}`];
  const exp = c.expires?.value;
  if (exp && (exp.seconds !== undefined || exp.nanos !== undefined)) {
    const ms = seconds(exp.seconds) * 1000 + Math.floor((exp.nanos ?? 0) / 1e6);
    parts.push(`expires=${new Date(ms).toUTCString()}`);
  }
  if (c.maxAge && typeof c.maxAge.value === 'number') parts.push(`max-age=${Math.trunc(c.maxAge.value)}`);
  if (c.domain?.value) parts.push(`domain=${c.domain.value}`);
  parts.push(`path=${c.path?.value || '/'}`);
  if (c.secure?.value) parts.push('secure');
  if (c.sameSite === 'lax') parts.push('samesite=lax');
  else if (c.sameSite === 'strict') parts.push('samesite=strict');
  else if (c.sameSite === 'explicitNone') parts.push('samesite=none');
  if (c.httpOnly?.value) parts.push('httponly');
  return parts.join('; ');
}
