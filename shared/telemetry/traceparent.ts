import {
  context,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Context,
  type SpanContext,
} from '@opentelemetry/api';

/**
 * The W3C `traceparent` of the active span, or undefined when none records (tracing off). Written out here as the
 * W3C trace-context propagator writes it (version 00, trace id, span id, flags): this runs on every document
 * write, and the propagation API would run every registered propagator (baggage too) into a carrier first.
 */
export function currentTraceparent(ctx: Context = context.active()): string | undefined {
  const span = trace.getSpan(ctx);
  if (!span?.isRecording()) return undefined;
  const sc = span.spanContext();
  if (!trace.isSpanContextValid(sc)) return undefined;
  return `00-${sc.traceId}-${sc.spanId}-${(sc.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}

/** The context a `traceparent` (and `tracestate`) names, as a remote parent; ROOT_CONTEXT when absent or invalid. */
export function contextFromTraceparent(traceparent: unknown, tracestate?: unknown): Context {
  if (typeof traceparent !== 'string' || traceparent === '') return ROOT_CONTEXT;
  const carrier: Record<string, string> = { traceparent };
  if (typeof tracestate === 'string' && tracestate !== '') carrier.tracestate = tracestate;
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/** The span context a `traceparent` names, if valid. */
export function spanContextOf(traceparent: unknown): SpanContext | undefined {
  const sc = trace.getSpanContext(contextFromTraceparent(traceparent));
  return sc && trace.isSpanContextValid(sc) ? sc : undefined;
}
