import { wireErrors } from './errors';
import { defaultTtlProblem } from './itemRules';
import type { PartitionKeyDefinition } from './partitionKeys';

/** Cosmos DB's limit on the levels of a hierarchical partition key. */
export const MAX_PARTITION_KEY_PATHS = 3;
/** A partition key path: `/` then segments of letters, digits and `_`, `-`, `.`, `@`, `$` (no spaces, wildcards or trailing `/`). */
const PATH = /^(\/[A-Za-z0-9_\-.@$]+)+$/;
/** Cosmos DB's limit on a container id (and a database id): 255 characters. */
const MAX_NAME_LENGTH = 255;

/**
 * Checks and completes a container definition as Cosmos DB does on create and replace: a valid id, a valid
 * partition key definition, a valid `defaultTtl`, and the indexing policy and geospatial configuration
 * filled in with the service's defaults (so a read returns what Cosmos DB returns). Throws 400 wire errors.
 */
export function normaliseContainer(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw wireErrors.badRequest('The container definition must be a JSON object.');
  }
  const def = { ...(body as Record<string, unknown>) };
  checkName(def.id, 'container');
  def.partitionKey = partitionKeyDefinition(def.partitionKey);
  const ttlProblem = defaultTtlProblem(def.defaultTtl);
  if (ttlProblem) throw wireErrors.badRequest(ttlProblem);
  if (def.defaultTtl === null) delete def.defaultTtl;
  def.indexingPolicy = indexingPolicy(def.indexingPolicy);
  def.geospatialConfig ??= { type: 'Geography' };
  return def;
}

/** Database and container ids: non-empty, at most 255 characters, no `/ \ ? #`, no trailing space. */
export function checkName(id: unknown, what: string): asserts id is string {
  if (
    typeof id !== 'string' ||
    id === '' ||
    id.length > MAX_NAME_LENGTH ||
    /[/\\?#]/.test(id) ||
    id.endsWith(' ')
  ) {
    throw wireErrors.badRequest(
      `The ${what} id ${JSON.stringify(id)} is invalid: it must be a non-empty string of at most ${MAX_NAME_LENGTH} characters, without '/', '\\', '?', '#' or a trailing space.`,
    );
  }
}

function partitionKeyDefinition(raw: unknown): PartitionKeyDefinition {
  // A REST client may send none: the SDK's own default (a container "without" a key) is /_partitionKey.
  if (raw === undefined || raw === null) return { paths: ['/_partitionKey'], kind: 'Hash' };
  const bad = (why: string) => wireErrors.badRequest(`Invalid partition key definition: ${why}`);
  if (typeof raw !== 'object' || Array.isArray(raw)) throw bad('expected { paths, kind, version }.');
  const { paths, kind = 'Hash', version } = raw as { paths?: unknown; kind?: unknown; version?: unknown };
  if (!Array.isArray(paths) || paths.length === 0) throw bad('paths must be a non-empty array.');
  for (const path of paths as unknown[]) {
    if (typeof path !== 'string' || !PATH.test(path)) {
      throw bad(
        `the path ${JSON.stringify(path)} could not be accepted: a path must start with '/', hold only valid characters and not end with '/' or a wildcard.`,
      );
    }
  }
  if (new Set(paths).size !== paths.length) throw bad('the same path is given twice.');
  if (kind !== 'Hash' && kind !== 'MultiHash')
    throw bad(`kind must be 'Hash' or 'MultiHash', not ${JSON.stringify(kind)}.`);
  if (version !== undefined && version !== 1 && version !== 2)
    throw bad(`version must be 1 or 2, not ${JSON.stringify(version)}.`);
  if (kind === 'Hash' && paths.length !== 1) {
    throw bad(
      `${paths.length} paths need kind 'MultiHash' (a hierarchical partition key); 'Hash' takes one path.`,
    );
  }
  if (kind === 'MultiHash') {
    if (paths.length > MAX_PARTITION_KEY_PATHS)
      throw bad(`a hierarchical partition key has at most ${MAX_PARTITION_KEY_PATHS} paths.`);
    if (version === 1) throw bad("a hierarchical partition key (kind 'MultiHash') needs version 2.");
  }
  // Version stays as given: absent means the service's default (hash v1), which routing here ignores.
  return {
    ...raw,
    paths: paths as string[],
    kind,
    ...(version === undefined ? {} : { version }),
  };
}

/** The policy Cosmos DB returns for a container created without one, or the given one completed the same way. */
function indexingPolicy(raw: unknown): Record<string, unknown> {
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
    throw wireErrors.badRequest('The indexing policy must be a JSON object.');
  }
  const given = (raw ?? {}) as Record<string, unknown>;
  const mode = typeof given.indexingMode === 'string' ? given.indexingMode.toLowerCase() : 'consistent';
  if (mode !== 'consistent' && mode !== 'none' && mode !== 'lazy') {
    throw wireErrors.badRequest(
      `The indexing mode ${JSON.stringify(given.indexingMode)} is invalid: 'consistent' or 'none'.`,
    );
  }
  if (mode === 'none') {
    // No index: nothing to include or exclude, nothing automatic.
    return { ...given, indexingMode: 'none', automatic: false, includedPaths: [], excludedPaths: [] };
  }
  const excluded = Array.isArray(given.excludedPaths) ? [...(given.excludedPaths as unknown[])] : [];
  const etag = '/"_etag"/?';
  if (!excluded.some((p) => (p as { path?: unknown } | null)?.path === etag)) excluded.push({ path: etag });
  return {
    ...given,
    indexingMode: mode,
    automatic: given.automatic ?? true,
    includedPaths: Array.isArray(given.includedPaths) ? given.includedPaths : [{ path: '/*' }],
    excludedPaths: excluded,
  };
}
