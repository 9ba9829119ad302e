import type { RpcInvocationRequest, RpcParameterBinding, RpcTypedData } from '../app/coreTypes';

type TraceContext = NonNullable<RpcInvocationRequest['traceContext']>;

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

function parsedJson(data: RpcTypedData | undefined): Record<string, unknown> | undefined {
  if (typeof data?.json !== 'string') return undefined;
  try {
    const v = JSON.parse(data.json) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The invocation's `traceContext`, as the Functions host hands it to the worker: from an HTTP request's
 * `traceparent`/`tracestate` headers, or a Service Bus message's `Diagnostic-Id` application property (what the
 * Service Bus SDKs write and the extension reads). Under Azure the host puts its own invocation span between the
 * caller and the worker; this host records no spans, so the worker's span is the caller's direct child. Undefined
 * for other triggers (and batches), or when the value is not a W3C traceparent.
 */
export function traceContextOf(
  inputData: readonly RpcParameterBinding[],
  triggerMetadata: Record<string, RpcTypedData> | undefined,
): TraceContext | undefined {
  const headers = inputData[0]?.data?.http?.headers;
  if (headers) {
    const traceParent = headers.traceparent?.trim().toLowerCase();
    if (!traceParent || !TRACEPARENT.test(traceParent)) return undefined;
    const traceState = headers.tracestate;
    return { traceParent, ...(traceState ? { traceState } : {}) };
  }
  const props = parsedJson(triggerMetadata?.ApplicationProperties);
  const id = props?.['Diagnostic-Id'];
  if (typeof id !== 'string' || !TRACEPARENT.test(id.trim().toLowerCase())) return undefined;
  return { traceParent: id.trim().toLowerCase() };
}
