import { randomBytes } from 'node:crypto';

// W3C Trace Context: version-traceid-parentid-flags, lower-case hex; an all-zero trace id is invalid.
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The request id is the W3C trace id when the caller (or Front Door / APIM / the Functions host) sent a
 * valid `traceparent`, so our logs join the distributed trace; otherwise a fresh random 128-bit id in the
 * same 32-hex format.
 */
export function requestIdFrom(traceparent: string | null | undefined): string {
  const value = traceparent?.trim().toLowerCase() ?? '';
  const traceId = TRACEPARENT.exec(value)?.[1];
  // Version ff is reserved as invalid by the spec.
  if (traceId && !/^0+$/.test(traceId) && !value.startsWith('ff')) return traceId;
  return randomId();
}

// Random bytes drawn in blocks, as randomUUID does: one call to the CSPRNG serves 256 request ids.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

function randomId(): string {
  if (offset + 16 > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const id = pool.toString('hex', offset, offset + 16);
  offset += 16;
  return id;
}
