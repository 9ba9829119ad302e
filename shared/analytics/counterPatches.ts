import type { Counters } from './counters';

/** Cosmos DB accepts at most 10 operations in one Patch. */
export const MAX_PATCH_OPERATIONS = 10;

export interface IncrOperation {
  op: 'incr';
  path: string;
  value: number;
}

/** RFC 6901: `~` and `/` inside a key would otherwise be read as an escape or a path separator. */
export const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The `incr` operations that add `counters` into `/counters/<key>` of a document, split into Patch bodies of at
 * most MAX_PATCH_OPERATIONS each. Several Patch operations on one document in one transactional batch are
 * applied in order (each sees the previous), so a delta of any size stays one atomic request.
 */
export function counterPatches(counters: Counters): IncrOperation[][] {
  const ops = Object.entries(counters)
    .filter(([, v]) => v !== 0)
    .map(([k, v]): IncrOperation => ({ op: 'incr', path: `/counters/${escapePointer(k)}`, value: v }));
  const chunks: IncrOperation[][] = [];
  for (let i = 0; i < ops.length; i += MAX_PATCH_OPERATIONS)
    chunks.push(ops.slice(i, i + MAX_PATCH_OPERATIONS));
  return chunks;
}
