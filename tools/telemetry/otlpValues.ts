/** An attribute set as the receiver keeps it (strings cut to 200 characters, at most 32 keys). */
export type Attributes = Record<string, string | number | boolean>;

interface KeyValue {
  key?: unknown;
  value?: Record<string, unknown>;
}

/** OTLP JSON `KeyValue[]` to a plain object; unknown value kinds (arrays, maps, bytes) are skipped. */
export function attributesOf(list: unknown): Attributes {
  const out: Attributes = {};
  if (!Array.isArray(list)) return out;
  let kept = 0;
  for (const kv of list as KeyValue[]) {
    if (kept >= 32) break;
    if (!kv || typeof kv.key !== 'string' || !kv.value || typeof kv.value !== 'object') continue;
    const v = kv.value;
    const key = kv.key.slice(0, 200);
    if (typeof v.stringValue === 'string') out[key] = v.stringValue.slice(0, 200);
    else if (typeof v.boolValue === 'boolean') out[key] = v.boolValue;
    else if (typeof v.doubleValue === 'number') out[key] = v.doubleValue;
    else if (v.intValue !== undefined && Number.isFinite(Number(v.intValue))) out[key] = Number(v.intValue);
    else continue;
    kept += 1;
  }
  return out;
}

/** The objects of an array (anything else in it, or a non-array, gives nothing). */
export const objects = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Record<string, unknown>[]) : [];

// OTLP JSON writes 64-bit integers as decimal strings; nanoseconds to milliseconds.
export const nanosToMs = (v: unknown): number => {
  if (typeof v === 'number') return v / 1e6;
  if (typeof v === 'string' && /^\d{1,30}$/.test(v)) return Number(BigInt(v) / 1000n) / 1000;
  return NaN;
};

/** A finite number from an OTLP JSON number or 64-bit decimal string; NaN otherwise. */
export const numberOf = (v: unknown): number =>
  typeof v === 'number' ? v : typeof v === 'string' && /^-?\d{1,30}(\.\d+)?$/.test(v) ? Number(v) : NaN;
