/** `[path segments, descending]` as the compiled query passes each ORDER BY item. */
type Order = [keys: string[], desc: boolean];
type Sort = (
  rows: unknown[],
  getRid: (row: unknown) => unknown,
  compositeIndexes?: Array<Array<{ path: string; order: string }>> | null,
  ...orders: Order[]
) => unknown[];

interface Keyed {
  row: unknown;
  /** Looked up on the first tie only, as the original does (getRid may throw on odd rows). */
  rid?: { value: unknown };
  values: unknown[];
}

/**
 * @zeit/cosmosdb-query's `sort` helper (ORDER BY, and the `_rid` order every query with FROM gets), with
 * the same order: each ORDER BY value by the engine's comparator, ties by `_rid`, stable; with exactly one
 * ORDER BY item, rows without that value dropped. The original looked the values up again in every
 * comparison (about 2 n log n path walks, and an array copied per mixed-type comparison); this reads
 * each row's values once. `original` handles the cases it would treat specially (fewer than two rows: it
 * never calls `getRid`), so errors stay the same.
 */
export function linearSortOf(original: Sort): Sort {
  return (rows, getRid, compositeIndexes, ...orders) => {
    if (rows.length < 2) return original(rows, getRid, compositeIndexes, ...orders);
    checkCompositeIndexes(compositeIndexes, orders);
    if (orders.length === 0) return byRid(rows, getRid);
    const keyed: Keyed[] = rows.map((row) => ({ row, values: orders.map(([keys]) => valueAt(row, keys)) }));
    const ridOf = (k: Keyed) => (k.rid ??= { value: getRid(k.row) }).value;
    keyed.sort((a, b) => {
      for (let i = 0; i < orders.length; i += 1) {
        const r = compare(a.values[i], b.values[i]);
        if (r !== 0) return (orders[i] as Order)[1] ? -r : r;
      }
      return compare(ridOf(a), ridOf(b));
    });
    if (orders.length !== 1) return keyed.map((k) => k.row);
    const out: unknown[] = [];
    for (const k of keyed) if (typeof k.values[0] !== 'undefined') out.push(k.row);
    return out;
  };
}

/**
 * The `_rid` order every query without ORDER BY gets: here every comparison is a `_rid` comparison, so
 * (as in the original) every row's `_rid` is read; strings, as the store's always are, compare directly.
 */
function byRid(rows: unknown[], getRid: (row: unknown) => unknown): unknown[] {
  const keyed = rows.map((row) => ({ row, rid: getRid(row) }));
  keyed.sort((a, b) => {
    const x = a.rid;
    const y = b.rid;
    if (typeof x === 'string' && typeof y === 'string') return x === y ? 0 : x < y ? -1 : 1;
    return compare(x, y);
  });
  return keyed.map((k) => k.row);
}

function checkCompositeIndexes(
  compositeIndexes: Array<Array<{ path: string; order: string }>> | null | undefined,
  orders: Order[],
): void {
  if (orders.length <= 1 || !compositeIndexes) return;
  const found = compositeIndexes.some(
    (indexes) =>
      indexes.length === orders.length &&
      indexes.every((index, i) => {
        const [keys, desc] = orders[i] as Order;
        return (
          `/${keys.slice(1).join('/')}` === index.path && (desc ? 'descending' : 'ascending') === index.order
        );
      }),
  );
  if (!found) {
    throw new Error(
      'The order by query does not have a corresponding composite index that it can be served from.',
    );
  }
}

const TYPE_ORDER = ['undefined', 'null', 'boolean', 'number', 'string', 'array', 'object'];

function typeOf(v: unknown): string {
  const t = typeof v;
  if (t !== 'object') return t;
  if (v === null) return 'null';
  return Array.isArray(v) ? 'array' : t;
}

/** The engine's comparator, unchanged in result: by type order first, then `<` within a type. */
export function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  const aType = typeOf(a);
  const bType = typeOf(b);
  if (aType === bType) {
    if (aType === 'object') return 0;
    return (a as number) < (b as number) ? -1 : 1;
  }
  for (const t of TYPE_ORDER) {
    if (aType === t) return -1;
    if (bType === t) return 1;
  }
  return 0;
}

/** The engine's `getValue`: walk the path, stopping at the first undefined. */
function valueAt(doc: unknown, keys: string[]): unknown {
  let value: unknown = doc;
  for (const key of keys) {
    value = typeof value === 'object' && value ? (value as Record<string, unknown>)[key] : undefined;
    if (typeof value === 'undefined') return undefined;
  }
  return value;
}
