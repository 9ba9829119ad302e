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

/** RFC 6265 `Set-Cookie` from the RPC cookie the library produced (`toRpcHttpCookie`). */
export function toSetCookie(c: RpcHttpCookie): string {
  const parts = [`${c.name ?? ''}=${c.value ?? ''}`];
  if (c.domain?.value) parts.push(`Domain=${c.domain.value}`);
  if (c.path?.value) parts.push(`Path=${c.path.value}`);
  const exp = c.expires?.value;
  if (exp && (exp.seconds !== undefined || exp.nanos !== undefined)) {
    const ms = seconds(exp.seconds) * 1000 + Math.floor((exp.nanos ?? 0) / 1e6);
    parts.push(`Expires=${new Date(ms).toUTCString()}`);
  }
  if (c.maxAge && typeof c.maxAge.value === 'number') parts.push(`Max-Age=${Math.trunc(c.maxAge.value)}`);
  if (c.secure?.value) parts.push('Secure');
  if (c.httpOnly?.value) parts.push('HttpOnly');
  if (c.sameSite === 'lax') parts.push('SameSite=Lax');
  else if (c.sameSite === 'strict') parts.push('SameSite=Strict');
  else if (c.sameSite === 'explicitNone') parts.push('SameSite=None');
  return parts.join('; ');
}
