import type { RpcTypedData } from '../app/coreTypes';

/** A plain value as RPC typed data, the way the host sends trigger metadata to the worker. */
export function toRpcValue(value: unknown): RpcTypedData | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return { string: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { int: value } : { double: value };
  if (typeof value === 'bigint') return { int: Number(value) };
  if (value instanceof Date) return { string: value.toISOString() };
  if (Buffer.isBuffer(value)) return { bytes: value };
  // Long (sequence numbers) and other objects with a meaningful toString/toJSON.
  if (
    typeof value === 'object' &&
    'low' in value &&
    'high' in value &&
    typeof value.toString === 'function'
  ) {
    return { int: Number(String(value)) };
  }
  return { json: JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)) };
}
