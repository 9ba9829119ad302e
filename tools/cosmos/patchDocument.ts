import { wireErrors } from './errors';
import type { Doc } from './vercelInternals';

/** Cosmos DB's per-request limit on patch operations. */
export const MAX_PATCH_OPERATIONS = 10;

type Container = Record<string, unknown> | unknown[];

/**
 * Applies Cosmos DB patch operations (`add`, `set`, `replace`, `remove`, `incr`, `move`) to a copy of
 * `doc`, in order, all or nothing. Paths are JSON Pointers (RFC 6901). A bad operation throws a 400 wire
 * error naming its index, as the service does ("For Operation(i): ..."). System properties (`/_...`) are
 * refused; the caller checks that `id` and the partition key did not change.
 */
export function patchDocument(doc: Doc, operations: unknown): Doc {
  if (!Array.isArray(operations) || operations.length === 0) {
    throw wireErrors.badRequest('Invalid patch request: check syntax of patch specification.');
  }
  if (operations.length > MAX_PATCH_OPERATIONS) {
    throw wireErrors.badRequest(`The number of patch operations can't exceed ${MAX_PATCH_OPERATIONS}.`);
  }
  const result = structuredClone(doc) as Record<string, unknown>;
  for (const [i, op] of (operations as unknown[]).entries()) {
    try {
      applyOne(result, op);
    } catch (err) {
      throw wireErrors.badRequest(`For Operation(${i}): ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return result as Doc;
}

function applyOne(doc: Record<string, unknown>, raw: unknown): void {
  if (typeof raw !== 'object' || raw === null) throw new Error('Patch operation must be an object.');
  const { op, path, value, from } = raw as { op?: unknown; path?: unknown; value?: unknown; from?: unknown };
  const segments = pointer(path, 'path');
  switch (op) {
    case 'add':
      return insert(doc, segments, value, 'add');
    case 'set':
      return insert(doc, segments, value, 'set');
    case 'replace': {
      const [parent, key] = locate(doc, segments);
      if (!has(parent, key)) throw new Error('Node to be replaced is absent.');
      return put(parent, key, value);
    }
    case 'remove': {
      const [parent, key] = locate(doc, segments);
      if (!has(parent, key)) throw new Error('Node to be removed is absent.');
      return remove(parent, key);
    }
    case 'incr': {
      if (typeof value !== 'number') throw new Error('Increment value must be a number.');
      const [parent, key] = locate(doc, segments);
      const current = has(parent, key) ? get(parent, key) : undefined;
      // A missing property is created with the increment, as Cosmos DB does.
      if (current === undefined) return insert(doc, segments, value, 'set');
      if (typeof current !== 'number') throw new Error('Cannot increment non-numeric value.');
      return put(parent, key, current + value);
    }
    case 'move': {
      const source = pointer(from, 'from');
      const fromPath = `/${source.join('/')}`;
      const toPath = `/${segments.join('/')}`;
      if (fromPath === toPath) throw new Error('Cannot move a value to itself.');
      if (toPath.startsWith(`${fromPath}/`)) throw new Error('Cannot move a value to a child of itself.');
      const [parent, key] = locate(doc, source);
      if (!has(parent, key)) throw new Error('Source location for move operation does not exist.');
      const moved = get(parent, key);
      remove(parent, key);
      return insert(doc, segments, moved, 'add');
    }
    default:
      throw new Error(`Unsupported patch operation: ${String(op)}`);
  }
}

function pointer(path: unknown, name: string): string[] {
  if (typeof path !== 'string' || !path.startsWith('/') || path === '/') {
    throw new Error(`Invalid ${name} in patch operation.`);
  }
  const segments = path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (segments[0]?.startsWith('_')) throw new Error(`Can't patch system property ${segments[0]}.`);
  return segments;
}

/** The existing parent container of the target and the target's key; paths are never created recursively. */
function locate(doc: Record<string, unknown>, segments: string[]): [Container, string] {
  let node: unknown = doc;
  for (const segment of segments.slice(0, -1)) {
    if (!isContainer(node) || !has(node, segment)) {
      throw new Error(
        "Add Operation can only create a child object of an existing node (array or object) and can't create path recursively.",
      );
    }
    node = get(node, segment);
  }
  if (!isContainer(node)) throw new Error('The target location is not an object or array.');
  return [node, segments.at(-1) as string];
}

function insert(doc: Record<string, unknown>, segments: string[], value: unknown, op: 'add' | 'set'): void {
  const [parent, key] = locate(doc, segments);
  if (!Array.isArray(parent)) {
    parent[key] = value;
    return;
  }
  if (op === 'add' && key === '-') {
    parent.push(value);
    return;
  }
  const index = arrayIndex(key);
  // `add` inserts (up to one past the end); `set` overwrites an existing element.
  if (op === 'add') {
    if (index > parent.length) throw new Error('Index to operate on is out of array bounds.');
    parent.splice(index, 0, value);
  } else {
    if (index >= parent.length) throw new Error('Index to operate on is out of array bounds.');
    parent[index] = value;
  }
}

function put(parent: Container, key: string, value: unknown): void {
  if (Array.isArray(parent)) parent[arrayIndex(key)] = value;
  else parent[key] = value;
}

function remove(parent: Container, key: string): void {
  if (Array.isArray(parent)) parent.splice(arrayIndex(key), 1);
  else delete parent[key];
}

function has(parent: Container, key: string): boolean {
  if (!Array.isArray(parent)) return Object.prototype.hasOwnProperty.call(parent, key);
  const index = Number(key);
  return Number.isInteger(index) && index >= 0 && index < parent.length;
}

function get(parent: Container, key: string): unknown {
  return Array.isArray(parent) ? parent[Number(key)] : parent[key];
}

function arrayIndex(key: string): number {
  const index = Number(key);
  if (!/^\d+$/.test(key) || !Number.isSafeInteger(index)) throw new Error('Invalid array index.');
  return index;
}

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}
