import type { RpcTypedData } from '../app/coreTypes';

/** A `Long` (sequence numbers from the SDK) as a number; undefined for anything else. */
export function longToNumber(value: unknown): number | undefined {
  if (!value || typeof value !== 'object' || !('low' in value) || !('high' in value)) return undefined;
  const { low, high } = value as { low: number; high: number };
  return high * 2 ** 32 + (low >>> 0);
}

/** A plain value as RPC typed data, the way the host sends trigger metadata to the worker. */
export function toRpcValue(value: unknown): RpcTypedData | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return { string: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { int: value } : { double: value };
  if (typeof value === 'bigint') return { int: Number(value) };
  if (value instanceof Date) return { string: value.toISOString() };
  if (Buffer.isBuffer(value)) return { bytes: value };
  const long = longToNumber(value);
  if (long !== undefined) return { int: long };
  return { json: JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)) };
}
