import type { RpcTypedData } from '../app/coreTypes';

/** A `Long` (sequence numbers from the SDK) as a number; undefined for anything else. */
export function longToNumber(value: unknown): number | undefined {
  if (!value || typeof value !== 'object' || !('low' in value) || !('high' in value)) return undefined;
  const { low, high } = value as { low: number; high: number };
  return high * 2 ** 32 + (low >>> 0);
}

const isJsonSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Whether JSON.parse could accept `s`: false only when it certainly throws. An object, array or string literal
 * counts as possible without being checked; a number or literal must match exactly.
 */
export function mayBeJson(s: string): boolean {
  let start = 0;
  let end = s.length;
  while (start < end && isJsonSpace(s.charCodeAt(start))) start++;
  while (end > start && isJsonSpace(s.charCodeAt(end - 1))) end--;
  if (start === end) return false;
  const c = s[start];
  if (c === '{' || c === '[' || c === '"') return true;
  const t = s.slice(start, end);
  if (c === 't' || c === 'f' || c === 'n') return t === 'true' || t === 'false' || t === 'null';
  return JSON_NUMBER.test(t);
}

/**
 * A string as RPC typed data. The worker's library reads a `string` with JSON.parse and keeps the string when that
 * throws, and a throw builds a SyntaxError with its stack: per metadata value per message, 8 % of the trigger
 * process's CPU in the end-to-end bench (message ids, lock tokens, timestamps are never JSON). A string that cannot
 * be JSON is sent as its JSON encoding instead, so the worker gets the identical string without the throw; one
 * that may be JSON stays `string` and becomes what the library makes of it (`"123"` -> 123, as under the Functions
 * host).
 */
export function stringToRpc(value: string): RpcTypedData {
  return mayBeJson(value) ? { string: value } : { json: JSON.stringify(value) };
}

/** A plain value as RPC typed data, the way the host sends trigger metadata to the worker. */
export function toRpcValue(value: unknown): RpcTypedData | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return stringToRpc(value);
  if (typeof value === 'number') return Number.isInteger(value) ? { int: value } : { double: value };
  if (typeof value === 'bigint') return { int: Number(value) };
  if (value instanceof Date) return stringToRpc(value.toISOString());
  if (Buffer.isBuffer(value)) return { bytes: value };
  const long = longToNumber(value);
  if (long !== undefined) return { int: long };
  return { json: JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)) };
}
