import { currentTraceparent } from './traceparent';

/**
 * The document to write, recording the trace context of this write: the change feed carries documents only,
 * so this field is how the relay's span joins the trace of the request that changed the order. Without an
 * active recording span (tracing off) a stale value from the previous version is dropped rather than kept.
 */
export function withTraceparent<T extends { traceparent?: string }>(doc: T): T {
  const traceparent = currentTraceparent();
  if (traceparent) return { ...doc, traceparent };
  if (doc.traceparent === undefined) return doc;
  const copy = { ...doc };
  delete copy.traceparent;
  return copy;
}
