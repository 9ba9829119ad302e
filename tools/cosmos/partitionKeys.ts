import { wireErrors } from './errors';
import { vercelInternals, type ItemsStore } from './vercelInternals';

export interface PartitionKeyDefinition {
  paths: string[];
  kind?: string;
  version?: number;
}

/** The container's partition key definition (vercel's default, `/id`, when it has none). */
export function definitionOf(documents: ItemsStore): PartitionKeyDefinition {
  const def = (documents._parent.read() as { partitionKey?: PartitionKeyDefinition } | undefined)
    ?.partitionKey;
  return def && Array.isArray(def.paths) && def.paths.length > 0 ? def : { paths: ['/id'] };
}

export function isHierarchical(def: PartitionKeyDefinition): boolean {
  return def.kind === 'MultiHash';
}

/** The value at a partition key path (`/a/b`) of a document; undefined when absent. */
export function valueAtPath(doc: unknown, path: string): unknown {
  let node: unknown = doc;
  for (const segment of path.slice(1).split('/')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/**
 * A document's partition key value as the store compares it: the value at the one path (Hash), or the
 * array of values at every path (MultiHash, hierarchical). `/_partitionKey` (what the SDK gives a
 * container created without a key) is a path like any other, as in Cosmos DB.
 */
export function partitionOfDocument(def: PartitionKeyDefinition, doc: unknown): unknown {
  if (isHierarchical(def)) return def.paths.map((p) => valueAtPath(doc, p) ?? null);
  return valueAtPath(doc, def.paths[0] ?? '/id');
}

/**
 * The value of an `x-ms-documentdb-partitionkey` header (or a batch operation's `partitionKey`) for this
 * container: JSON text of an array with one value per path; `[{}]` is "no value" (the document lacks the
 * property). A hierarchical key must name every level for a point operation (400 otherwise, as Cosmos DB).
 */
export function partitionKeyFromHeader(def: PartitionKeyDefinition, raw: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw wireErrors.badRequest(`Invalid partition key: ${raw}`);
  }
  const values: unknown[] = Array.isArray(parsed) ? (parsed as unknown[]) : [parsed];
  const none = (v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
  if (isHierarchical(def)) {
    if (values.length !== def.paths.length) {
      throw wireErrors.badRequest(
        `Partition key provided either doesn't correspond to definition in the collection or doesn't match partition key field values specified in the document: ${def.paths.length} values expected, ${values.length} given.`,
      );
    }
    return values.map((v) => (none(v) ? null : v));
  }
  if (values.length !== 1) {
    throw wireErrors.badRequest(
      `Partition key provided either doesn't correspond to definition in the collection or doesn't match partition key field values specified in the document: 1 value expected, ${values.length} given.`,
    );
  }
  const [value] = values;
  return none(value) ? undefined : value;
}

let installed = false;

/**
 * Replaces vercel's partition handling on documents: it reads the first path only, maps `/_partitionKey`
 * to `id`, and keys its index by `partition || id` joined with ':' (so "" and no value collide, and ids
 * holding ':' can collide). Ours reads every path and keys the index by a JSON array, which cannot collide.
 */
export function installPartitionKeys(): void {
  if (installed) return;
  installed = true;
  const proto = vercelInternals().Documents.prototype as unknown as Record<string, unknown>;
  proto._getPartition = function (this: ItemsStore, data: Record<string, unknown>) {
    return partitionOfDocument(definitionOf(this), data);
  };
  proto._getId = (keyPath: string, id: unknown, partition: unknown) =>
    JSON.stringify([keyPath, partition === undefined ? null : partition, id]);
}
