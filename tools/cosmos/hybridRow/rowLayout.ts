import { fixedSizeOf, type ColumnType } from './layoutCode';

/** One property of a HybridRow schema, as its JSON schema declares it. */
export interface ColumnSpec {
  path: string;
  type: ColumnType;
  storage: 'fixed' | 'variable' | 'sparse';
  /** Default true, as in HybridRow schemas. A non-nullable fixed column has no presence bit. */
  nullable?: boolean;
}

export interface FixedColumn {
  path: string;
  type: ColumnType;
  /** Offset from the start of the body (after the 5-byte header). */
  offset: number;
  /** Presence bit, or undefined for a non-nullable column (always present). */
  bit: number | undefined;
}

export interface VariableColumn {
  path: string;
  type: ColumnType;
  bit: number;
}

/** The physical layout of a schema: how a row of it is laid out in bytes. */
export interface RowLayout {
  name: string;
  schemaId: number;
  /** Bytes of presence bits at the start of the body. */
  bitmaskBytes: number;
  /** Bitmask plus fixed columns: the least a row's body holds. */
  size: number;
  fixed: FixedColumn[];
  variable: VariableColumn[];
  sparse: Map<string, ColumnType>;
  /** Path tokens: a sparse field names its path by token when the schema declares it. */
  tokenOf: Map<string, number>;
  /** Token → path; token 0 is the empty path. Its length is where inline path lengths start. */
  pathOf: string[];
}

/**
 * Compiles a schema into its layout, by HybridRow's rules (LayoutCompiler/LayoutBuilder): presence bits are
 * handed out in property order to nullable fixed columns and to every variable column; fixed columns follow
 * the bitmask in order; variable columns follow them, each present one as varuint length + bytes; sparse
 * fields come last. Every column's path gets a token, numbered from 1 in the order fixed, variable, sparse.
 */
export function compileLayout(name: string, schemaId: number, columns: ColumnSpec[]): RowLayout {
  let bits = 0;
  let fixedBytes = 0;
  const fixed: FixedColumn[] = [];
  const variable: VariableColumn[] = [];
  const sparse = new Map<string, ColumnType>();
  for (const c of columns) {
    if (c.storage === 'fixed') {
      const bit = c.nullable === false ? undefined : bits++;
      fixed.push({ path: c.path, type: c.type, offset: fixedBytes, bit });
      fixedBytes += fixedSizeOf(c.type);
    } else if (c.storage === 'variable') {
      if (c.type !== 'utf8' && c.type !== 'binary')
        throw new RangeError(`variable storage of a ${c.type} column is not supported`);
      variable.push({ path: c.path, type: c.type, bit: bits++ });
    } else sparse.set(c.path, c.type);
  }
  const bitmaskBytes = Math.ceil(bits / 8);
  for (const f of fixed) f.offset += bitmaskBytes;
  const pathOf = ['', ...fixed.map((c) => c.path), ...variable.map((c) => c.path), ...sparse.keys()];
  return {
    name,
    schemaId,
    bitmaskBytes,
    size: bitmaskBytes + fixedBytes,
    fixed,
    variable,
    sparse,
    tokenOf: new Map(pathOf.map((p, i) => [p, i])),
    pathOf,
  };
}
