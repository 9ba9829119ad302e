import type { RpcParameterBinding, RpcTypedData } from '../app/coreTypes';
import { fromRpcTypedData } from '../outputs/fromRpcTypedData';

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The trigger's binding data, which `{name}` expressions in input bindings read, as the Functions host builds it:
 * HTTP: the JSON body's properties, the query parameters (also as `Query.<name>`), `Headers.<name>`, then the route
 * parameters (which win); other triggers: the JSON payload's properties and the trigger metadata (`MessageId`...).
 * Keys are matched case-insensitively, as .NET binding data is.
 */
export function bindingData(
  trigger: RpcParameterBinding | undefined,
  triggerMetadata: Record<string, RpcTypedData> | undefined,
): Map<string, unknown> {
  const data = new Map<string, unknown>();
  const put = (k: string, v: unknown): void => void data.set(k.toLowerCase(), v);
  const http = trigger?.data?.http;
  if (http) {
    const body = http.body?.bytes ? Buffer.from(http.body.bytes).toString('utf8') : http.body?.string;
    if (body) for (const [k, v] of Object.entries(parseObject(body) ?? {})) put(k, v);
    const query = http.query ?? {};
    for (const [k, v] of Object.entries(query)) put(k, v);
    put('Query', { ...query });
    put('Headers', { ...(http.headers ?? {}) });
    for (const [k, v] of Object.entries(http.params ?? {})) put(k, v);
    return data;
  }
  const payload = fromRpcTypedData(trigger?.data);
  const obj =
    typeof payload === 'string'
      ? parseObject(payload)
      : payload && typeof payload === 'object' && !Buffer.isBuffer(payload) && !Array.isArray(payload)
        ? (payload as Record<string, unknown>)
        : undefined;
  for (const [k, v] of Object.entries(obj ?? {})) put(k, v);
  for (const [k, v] of Object.entries(triggerMetadata ?? {})) put(k, fromRpcTypedData(v));
  return data;
}

/** The value of a `{a.b}` expression in the binding data; undefined when any step is missing. */
export function lookup(data: Map<string, unknown>, expr: string): unknown {
  const [head, ...rest] = expr.trim().split('.');
  let v: unknown = data.get((head ?? '').toLowerCase());
  for (const step of rest) {
    if (!v || typeof v !== 'object') return undefined;
    const key = Object.keys(v).find((k) => k.toLowerCase() === step.toLowerCase());
    v = key === undefined ? undefined : (v as Record<string, unknown>)[key];
  }
  return v;
}
