/**
 * What Cosmos DB accepts in an item body, checked on every write path (create, upsert, replace, patch,
 * batch, bulk). Each function answers the error message, or undefined when the body is acceptable.
 */

/** Cosmos DB's limit on an item id: 1,023 bytes (per-item limits; 255 is the limit for database and container names). */
export const MAX_ID_BYTES = 1023;
/** The characters Cosmos DB documents as restricted in an id (Resource.Id remarks). */
const RESTRICTED_ID_CHARACTERS = /[/\\?#]/;
/** The largest TTL Cosmos DB accepts, in seconds (an Int32). */
export const MAX_TTL_SECONDS = 2_147_483_647;

/**
 * Cosmos DB documents '/', '\', '?' and '#' as characters an id cannot use. Its service stores such an item
 * (201) and then cannot read, replace or delete it by id (the id is cut at the '/' or taken for a query
 * string); the emulator refuses it at the write instead, so the mistake shows offline, before Azure holds
 * an item no point operation can reach.
 */
export function idProblem(id: unknown): string | undefined {
  if (typeof id !== 'string' || id === '') {
    return "The input content is invalid because the required properties - 'id; ' - are missing";
  }
  if (RESTRICTED_ID_CHARACTERS.test(id)) {
    return `The id '${id}' is invalid: the characters '/', '\\', '?' and '#' cannot be used in an id.`;
  }
  if (Buffer.byteLength(id, 'utf8') > MAX_ID_BYTES) {
    return `The id is invalid: it is longer than ${MAX_ID_BYTES} bytes.`;
  }
  return undefined;
}

/**
 * An item's `ttl`: absent or null (the container's default applies), -1 (never expires) or a positive
 * whole number of seconds. 0, other negatives, fractions and non-numbers are refused, as Cosmos DB does.
 */
export function itemTtlProblem(ttl: unknown): string | undefined {
  if (ttl === undefined || ttl === null || ttl === -1 || isPositiveSeconds(ttl)) return undefined;
  return `The value of 'ttl' (${JSON.stringify(ttl)}) is invalid: it must be -1 or a positive whole number of seconds.`;
}

/** A container's `defaultTtl`: absent or null (TTL off), -1 (on, items expire only with their own ttl) or positive. */
export function defaultTtlProblem(ttl: unknown): string | undefined {
  if (ttl === undefined || ttl === null || ttl === -1 || isPositiveSeconds(ttl)) return undefined;
  return `The value of 'defaultTtl' (${JSON.stringify(ttl)}) is invalid: it must be -1 or a positive whole number of seconds.`;
}

function isPositiveSeconds(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= MAX_TTL_SECONDS;
}
