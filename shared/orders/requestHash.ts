import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal values always serialise identically. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Fingerprint of a validated request body. Hashing the parsed, normalised input (not the raw bytes) means
 * whitespace, key order and Unicode normalisation do not make a retry look like a different request.
 */
export function requestHash(input: unknown): string {
  return createHash('sha256').update(canonicalJson(input)).digest('base64url');
}
