/** The first byte of every HybridRow this codec reads or writes: format version 1. */
export const HYBRID_ROW_V1 = 0x81;

/** Bytes before a row's body: the version byte and the little-endian int32 schema id. */
export const HYBRID_ROW_HEADER_SIZE = 5;

/**
 * The type codes HybridRow writes before each sparse value (`LayoutCode` in the HybridRow library); only
 * those the batch and RecordIO schemas use. A `false` bool is its own code and carries no payload.
 */
export const LayoutCode = {
  Null: 1,
  BooleanFalse: 2,
  Boolean: 3,
  Int32: 7,
  Int64: 8,
  UInt32: 11,
  Float64: 16,
  Utf8: 20,
  Binary: 21,
} as const;

/** The column types the codec supports, named as in a HybridRow schema. */
export type ColumnType = 'int32' | 'uint32' | 'float64' | 'bool' | 'utf8' | 'binary';

/** A decoded value: numbers for the integer and float types, strings for utf8, bytes for binary. */
export type ColumnValue = number | boolean | string | Buffer | null;

/** The sparse type code a value of `type` is written with. */
export function codeOf(type: ColumnType, value: ColumnValue): number {
  switch (type) {
    case 'int32':
      return LayoutCode.Int32;
    case 'uint32':
      return LayoutCode.UInt32;
    case 'float64':
      return LayoutCode.Float64;
    case 'bool':
      return value === true ? LayoutCode.Boolean : LayoutCode.BooleanFalse;
    case 'utf8':
      return LayoutCode.Utf8;
    case 'binary':
      return LayoutCode.Binary;
  }
}

/** Size in bytes of a fixed column of `type` (fixed bools, kept in the bitmask, no schema here uses). */
export function fixedSizeOf(type: ColumnType): number {
  switch (type) {
    case 'int32':
    case 'uint32':
      return 4;
    case 'float64':
      return 8;
    case 'bool':
    case 'utf8':
    case 'binary':
      throw new RangeError(`fixed storage of a ${type} column is not supported`);
  }
}
