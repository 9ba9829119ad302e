import {
  HYBRID_ROW_HEADER_SIZE,
  HYBRID_ROW_V1,
  codeOf,
  type ColumnType,
  type ColumnValue,
} from './layoutCode';
import type { RowLayout } from './rowLayout';
import { writeVarUint } from './varUint';

/**
 * Encodes one HybridRow of `layout` from values by path, as HybridRow's RowWriter lays it out: header,
 * presence bits, fixed columns, present variable columns in schema order, then sparse fields in schema order
 * (each: type code, path token, value). Values for paths the layout does not declare are refused.
 */
export function writeRow(layout: RowLayout, values: ReadonlyMap<string, ColumnValue>): Buffer {
  for (const path of values.keys()) {
    if (!layout.tokenOf.has(path) || path === '')
      throw new RangeError(`${layout.name} has no column ${JSON.stringify(path)}`);
  }
  const body = Buffer.alloc(layout.size);
  const parts: Buffer[] = [header(layout.schemaId), body];
  const setBit = (bit: number | undefined) => {
    if (bit !== undefined) body[bit >> 3]! |= 1 << (bit & 7);
  };
  for (const c of layout.fixed) {
    const value = values.get(c.path);
    if (value === undefined || value === null) continue;
    writeFixed(body, c.offset, c.type, value);
    setBit(c.bit);
  }
  for (const c of layout.variable) {
    const value = values.get(c.path);
    if (value === undefined || value === null) continue;
    parts.push(lengthPrefixed(bytesOf(c.type, value)));
    setBit(c.bit);
  }
  for (const [path, type] of layout.sparse) {
    const value = values.get(path);
    if (value === undefined) continue;
    parts.push(Buffer.from([codeOf(type, value)]), writeVarUint(layout.tokenOf.get(path)!));
    parts.push(sparsePayload(type, value));
  }
  return Buffer.concat(parts);
}

function header(schemaId: number): Buffer {
  const out = Buffer.alloc(HYBRID_ROW_HEADER_SIZE);
  out[0] = HYBRID_ROW_V1;
  out.writeInt32LE(schemaId, 1);
  return out;
}

function writeFixed(body: Buffer, at: number, type: ColumnType, value: ColumnValue): void {
  if (type === 'int32') body.writeInt32LE(numberOf(type, value), at);
  else if (type === 'uint32') body.writeUInt32LE(numberOf(type, value), at);
  else if (type === 'float64') body.writeDoubleLE(numberOf(type, value), at);
  else throw new RangeError(`fixed ${type} columns are not supported`);
}

function sparsePayload(type: ColumnType, value: ColumnValue): Buffer {
  switch (type) {
    case 'bool':
      if (typeof value !== 'boolean') throw new TypeError(`a bool column needs a boolean`);
      return Buffer.alloc(0);
    case 'utf8':
    case 'binary':
      return lengthPrefixed(bytesOf(type, value));
    default: {
      const out = Buffer.alloc(type === 'float64' ? 8 : 4);
      writeFixed(out, 0, type, value);
      return out;
    }
  }
}

function numberOf(type: ColumnType, value: ColumnValue): number {
  if (typeof value !== 'number') throw new TypeError(`a ${type} column needs a number`);
  return value;
}

function bytesOf(type: ColumnType, value: ColumnValue): Buffer {
  if (type === 'utf8' && typeof value === 'string') return Buffer.from(value, 'utf8');
  if (type === 'binary' && Buffer.isBuffer(value)) return value;
  throw new TypeError(`a ${type} column needs ${type === 'utf8' ? 'a string' : 'bytes'}`);
}

function lengthPrefixed(bytes: Buffer): Buffer {
  return Buffer.concat([writeVarUint(bytes.length), bytes]);
}
