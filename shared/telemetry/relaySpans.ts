import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Link,
  type Span,
} from '@opentelemetry/api';
import { contextFromTraceparent, spanContextOf } from './traceparent';
import { appTracer } from './withSpan';

export interface RelayEventSpan {
  /** The context to send the event's messages in (their `Diagnostic-Id` is a child of this span). */
  context: Context;
  end(error?: unknown): void;
}

/**
 * The relay's span for one change-feed document. The change feed carries documents only, so the order
 * document records the `traceparent` of the write that made it (`OrderStore`): this span is that write's
 * child, and so joins the order's trace, and links to it and to the delivering change-feed invocation. A
 * redelivered batch (a retry after a crash or a failed send) starts one more such span per attempt, each
 * linking to its own invocation. A document without a `traceparent` (written with tracing off) gets a span
 * under the invocation instead.
 */
export function startRelayEventSpan(doc: unknown, attempt: number): RelayEventSpan {
  const d = (doc ?? {}) as { id?: unknown; version?: unknown; traceparent?: unknown };
  const write = spanContextOf(d.traceparent);
  const delivery = trace.getSpanContext(context.active());
  const links: Link[] = [];
  if (write) links.push({ context: write, attributes: { 'orderflow.link': 'order write' } });
  if (delivery)
    links.push({
      context: delivery,
      attributes: { 'orderflow.link': 'change feed delivery', 'orderflow.attempt': attempt },
    });
  const parent = write ? contextFromTraceparent(d.traceparent) : context.active();
  const span: Span = appTracer().startSpan(
    'relay order change',
    {
      kind: SpanKind.INTERNAL,
      links,
      attributes: {
        ...(typeof d.id === 'string' ? { 'orderflow.order.id': d.id } : {}),
        ...(typeof d.version === 'number' ? { 'orderflow.order.version': d.version } : {}),
        'orderflow.attempt': attempt,
      },
    },
    parent,
  );
  return {
    context: trace.setSpan(parent, span),
    end(error?: unknown) {
      if (error !== undefined)
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: error instanceof Error ? error.message : 'failed',
        });
      span.end();
    },
  };
}
