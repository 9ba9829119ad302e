import { HybridRowError } from '../errors';
import {
  HYBRID_ROW_HEADER_SIZE,
  HYBRID_ROW_V1,
  LayoutCode,
  type ColumnType,
  type ColumnValue,
} from './layoutCode';
import type { RowLayout } from './rowLayout';
import { readVarUint } from './varUint';

/** A decoded row: each present column's value by path (absent columns are missing). */
export type RowValues = Map<string, ColumnValue>;

/**
 * Decodes one HybridRow of `layout`: the header (version 1 and the layout's schema id), the present fixed
 * and variable columns, then sparse fields to the end of the bytes. Anything malformed (short, another
 * schema, an unknown type code, a length past the end) throws HybridRowError; nothing is read out of bounds.
 */
export function readRow(bytes: Buffer, layout: RowLayout): RowValues {
  const base = HYBRID_ROW_HEADER_SIZE;
  if (bytes.length < base + layout.size)
    throw new HybridRowError(`a ${layout.name} row needs ${base + layout.size} bytes, got ${bytes.length}`);
  if (bytes[0] !== HYBRID_ROW_V1) throw new HybridRowError(`unknown HybridRow version 0x${hex(bytes[0]!)}`);
  const schemaId = bytes.readInt32LE(1);
  if (schemaId !== layout.schemaId)
    throw new HybridRowError(
      `expected a ${layout.name} row (schema ${layout.schemaId}), got schema ${schemaId}`,
    );
  const present = (bit: number | undefined) =>
    bit === undefined || (bytes[base + (bit >> 3)]! & (1 << (bit & 7))) !== 0;
  const values: RowValues = new Map();
  for (const c of layout.fixed) {
    if (present(c.bit)) values.set(c.path, readFixed(bytes, base + c.offset, c.type));
  }
  let at = base + layout.size;
  for (const c of layout.variable) {
    if (!present(c.bit)) continue;
    const field = lengthPrefixed(bytes, at);
    values.set(c.path, c.type === 'utf8' ? field.bytes.toString('utf8') : field.bytes);
    at = field.next;
  }
  while (at < bytes.length) {
    const code = bytes[at]!;
    const token = readVarUint(bytes, at + 1);
    at = token.next;
    let path: string;
    if (token.value < layout.pathOf.length) path = layout.pathOf[token.value]!;
    else {
      const length = token.value - layout.pathOf.length;
      if (at + length > bytes.length) throw new HybridRowError(`sparse path runs past the row's end`);
      path = bytes.toString('utf8', at, at + length);
      at += length;
    }
    const sparse = readSparse(bytes, at, code);
    values.set(path, sparse.value);
    at = sparse.next;
  }
  return values;
}

function readFixed(bytes: Buffer, at: number, type: ColumnType): ColumnValue {
  if (type === 'int32') return bytes.readInt32LE(at);
  if (type === 'uint32') return bytes.readUInt32LE(at);
  if (type === 'float64') return bytes.readDoubleLE(at);
  throw new HybridRowError(`fixed ${type} columns are not supported`);
}

function readSparse(bytes: Buffer, at: number, code: number): { value: ColumnValue; next: number } {
  const need = (n: number) => {
    if (at + n > bytes.length) throw new HybridRowError(`sparse value runs past the row's end`);
  };
  switch (code) {
    case LayoutCode.Null:
      return { value: null, next: at };
    case LayoutCode.Boolean:
      return { value: true, next: at };
    case LayoutCode.BooleanFalse:
      return { value: false, next: at };
    case LayoutCode.Int32:
      need(4);
      return { value: bytes.readInt32LE(at), next: at + 4 };
    case LayoutCode.UInt32:
      need(4);
      return { value: bytes.readUInt32LE(at), next: at + 4 };
    case LayoutCode.Int64:
      need(8);
      return { value: Number(bytes.readBigInt64LE(at)), next: at + 8 };
    case LayoutCode.Float64:
      need(8);
      return { value: bytes.readDoubleLE(at), next: at + 8 };
    case LayoutCode.Utf8:
    case LayoutCode.Binary: {
      const field = lengthPrefixed(bytes, at);
      return {
        value: code === LayoutCode.Utf8 ? field.bytes.toString('utf8') : field.bytes,
        next: field.next,
      };
    }
    default:
      throw new HybridRowError(`unsupported sparse type code ${code}`);
  }
}

function lengthPrefixed(bytes: Buffer, at: number): { bytes: Buffer; next: number } {
  const length = readVarUint(bytes, at);
  const end = length.next + length.value;
  if (end > bytes.length) throw new HybridRowError(`a ${length.value}-byte field runs past the row's end`);
  return { bytes: bytes.subarray(length.next, end), next: end };
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
