import { context, trace } from '@opentelemetry/api';
import { startRelayEventSpan } from '../../../shared/telemetry/relaySpans';
import { currentTraceparent } from '../../../shared/telemetry/traceparent';
import { withTraceparent } from '../../../shared/telemetry/withTraceparent';
import { useInMemoryTracing } from '../../support/useInMemoryTracing';

const exporter = useInMemoryTracing();

const tracer = () => trace.getTracer('test');

describe('relay event spans', () => {
  it('join the trace of the write recorded on the document, one per delivery attempt, each linking its delivery', () => {
    const write = tracer().startSpan('create_item orders.orders');
    const unwritten: { id: string; version: number; traceparent?: string } = { id: 'o-1', version: 1 };
    const doc = context.with(trace.setSpan(context.active(), write), () => withTraceparent(unwritten));
    write.end();
    expect(doc.traceparent).toBe(`00-${write.spanContext().traceId}-${write.spanContext().spanId}-01`);

    // Ten deliveries of the same change (a crash before the checkpoint, then retries), each its own invocation.
    const deliveries = Array.from({ length: 10 }, (_, i) => {
      const invocation = tracer().startSpan('relayOrderChanges');
      context.with(trace.setSpan(context.active(), invocation), () => startRelayEventSpan(doc, i + 1).end());
      invocation.end();
      return invocation.spanContext();
    });
    const relays = exporter.getFinishedSpans().filter((s) => s.name === 'relay order change');
    expect(relays).toHaveLength(10);
    relays.forEach((r, i) => {
      expect(r.spanContext().traceId).toBe(write.spanContext().traceId);
      expect(r.parentSpanContext?.spanId).toBe(write.spanContext().spanId);
      expect(r.attributes).toMatchObject({ 'orderflow.order.id': 'o-1', 'orderflow.attempt': i + 1 });
      expect(r.links.map((l) => [l.context.spanId, l.attributes?.['orderflow.link']])).toEqual([
        [write.spanContext().spanId, 'order write'],
        [deliveries[i]!.spanId, 'change feed delivery'],
      ]);
    });
  });

  it('fall under the delivering invocation when the document has no trace context, and record a failure', () => {
    const invocation = tracer().startSpan('relayOrderChanges');
    context.with(trace.setSpan(context.active(), invocation), () =>
      startRelayEventSpan({ id: 'o-2', traceparent: 'garbage' }, 1).end(new Error('send failed')),
    );
    invocation.end();
    const [relay] = exporter.getFinishedSpans().filter((s) => s.name === 'relay order change');
    expect(relay!.parentSpanContext?.spanId).toBe(invocation.spanContext().spanId);
    expect(relay!.status).toMatchObject({ code: 2, message: 'send failed' });
  });

  it('record no traceparent without an active span, and drop a stale one', () => {
    expect(currentTraceparent()).toBeUndefined();
    expect(withTraceparent({ id: 'x', traceparent: '00-stale' })).toEqual({ id: 'x' });
  });
});
