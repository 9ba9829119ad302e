import { context, SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';

/** The tracer of the app's own spans (a no-op until tracing starts). */
export const appTracer = () => trace.getTracer('orderflow');

/**
 * Runs `fn` inside a child span of the active one, ending it when `fn` settles and marking it failed when `fn`
 * throws. With tracing off every call here is the API's no-op: nothing recorded, `fn` run as is.
 */
export async function withSpan<T>(
  name: string,
  attributes: Attributes,
  fn: () => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  // The active context read once: the tracer would read it again for the parent.
  const parent = context.active();
  const span = appTracer().startSpan(name, { kind, attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), fn);
  } catch (err) {
    span.recordException(err instanceof Error ? err : String(err));
    span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
    throw err;
  } finally {
    span.end();
  }
}
