import { context, propagation, trace, TraceFlags } from '@opentelemetry/api';
import { currentTraceparent, spanContextOf } from '../../../shared/telemetry/traceparent';
import { useInMemoryTracing } from '../../support/useInMemoryTracing';

useInMemoryTracing();

describe('currentTraceparent', () => {
  // The registered propagator (the provider's W3C trace context and baggage) is what this used to call.
  it('writes what the registered W3C propagator writes, for many spans', () => {
    for (let i = 0; i < 1000; i++) {
      const span = trace.getTracer('test').startSpan(`s${i}`);
      const ctx = trace.setSpan(context.active(), span);
      const carrier: Record<string, string> = {};
      propagation.inject(ctx, carrier);
      expect(currentTraceparent(ctx)).toBe(carrier.traceparent);
      expect(spanContextOf(currentTraceparent(ctx))).toMatchObject({
        traceId: span.spanContext().traceId,
        spanId: span.spanContext().spanId,
        traceFlags: TraceFlags.SAMPLED,
        isRemote: true,
      });
      span.end();
    }
  });

  it('is undefined under a span that does not record (a remote parent, tracing off)', () => {
    const remote = propagation.extract(context.active(), {
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
    expect(currentTraceparent(remote)).toBeUndefined();
    expect(currentTraceparent()).toBeUndefined();
  });
});
