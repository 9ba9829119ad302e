import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { traceInvocation, urlPath } from '../../../shared/telemetry/invocationSpan';
import {
  setInvocationTracer,
  tracedHandler,
  type TracedInvocation,
} from '../../../shared/telemetry/tracedHandler';
import { withSpan } from '../../../shared/telemetry/withSpan';
import { useInMemoryTracing } from '../../support/useInMemoryTracing';

const exporter = useInMemoryTracing();

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';

/** A handler wrapped as the function files wrap theirs, with the tracer on as appStart turns it on. */
function traced(
  type: string,
  handler: (input: unknown, context: TracedInvocation) => unknown,
  extra: Partial<TracedInvocation> = {},
): (input?: unknown) => unknown {
  const invocation: TracedInvocation = {
    functionName: 'fn',
    invocationId: 'inv-1',
    options: { trigger: { type } },
    ...extra,
  };
  const wrapped = tracedHandler(handler);
  return (input) => wrapped(input, invocation);
}

beforeAll(() => setInvocationTracer(traceInvocation));
afterAll(() => setInvocationTracer(undefined));

describe('urlPath', () => {
  it.each([
    ['http://localhost:7071/api/orders', '/api/orders'],
    ['http://localhost:7071/api/orders?limit=5#x', '/api/orders'],
    ['https://h/api/orders/a%20b?x=/y', '/api/orders/a%20b'],
    ['http://localhost:7071', '/'],
    ['http://localhost:7071?q=1', '/'],
    ['http://localhost:7071?next=/api/x', '/'],
    ['http://localhost:7071#/api/x', '/'],
    ['/api/health?probe=1', '/api/health'],
  ])('%s -> %s', (url, path) => expect(urlPath(url)).toBe(path));
});

describe('tracedHandler with traceInvocation', () => {
  it('records an HTTP invocation as a server span continuing the caller, with the app spans as its children', async () => {
    const invoke = traced(
      'httpTrigger',
      async () => {
        await withSpan('child', {}, () => Promise.resolve());
        return { status: 201 };
      },
      { traceContext: { traceParent: `00-${TRACE_ID}-${PARENT_ID}-01` } },
    );
    await expect(invoke({ method: 'POST', url: 'http://localhost:7071/api/orders?x=1' })).resolves.toEqual({
      status: 201,
    });
    const [child, span] = exporter.getFinishedSpans();
    expect(span).toMatchObject({
      name: 'fn',
      kind: SpanKind.SERVER,
      attributes: {
        'faas.name': 'fn',
        'faas.trigger': 'http',
        'faas.invocation_id': 'inv-1',
        'http.request.method': 'POST',
        'url.path': '/api/orders',
        'http.response.status_code': 201,
      },
    });
    expect(span!.spanContext().traceId).toBe(TRACE_ID);
    expect(span!.parentSpanContext?.spanId).toBe(PARENT_ID);
    expect(child!.parentSpanContext?.spanId).toBe(span!.spanContext().spanId);
  });

  it('marks a 5xx answer and a thrown error as failures, and a 4xx answer not', async () => {
    for (const [result, failed] of [
      [{ status: 503 }, true],
      [{ status: 404 }, false],
      [undefined, false],
    ] as const) {
      await traced('httpTrigger', () => Promise.resolve(result))();
      const span = exporter.getFinishedSpans().at(-1)!;
      expect(span.status.code).toBe(failed ? SpanStatusCode.ERROR : SpanStatusCode.UNSET);
      expect(span.attributes['http.response.status_code']).toBe(result?.status ?? 200);
    }
    const throwing = traced('serviceBusTrigger', () => {
      throw new Error('sync boom');
    });
    expect(() => throwing()).toThrow('sync boom');
    const rejecting = traced('serviceBusTrigger', async () => Promise.reject(new Error('async boom')));
    await expect(rejecting()).rejects.toThrow('async boom');
    const [sync, async] = exporter.getFinishedSpans().slice(-2);
    expect([sync!.status, async!.status]).toEqual([
      { code: SpanStatusCode.ERROR, message: 'sync boom' },
      { code: SpanStatusCode.ERROR, message: 'async boom' },
    ]);
    expect(async!.events.map((e) => e.name)).toEqual(['exception']);
  });

  it('names the trigger kind and span kind of every trigger type, whatever its case', async () => {
    const cases = [
      ['httpTrigger', 'http', SpanKind.SERVER],
      ['serviceBusTrigger', 'pubsub', SpanKind.CONSUMER],
      ['EventHubTrigger', 'pubsub', SpanKind.CONSUMER],
      ['cosmosDBTrigger', 'datasource', SpanKind.INTERNAL],
      ['timerTrigger', 'timer', SpanKind.INTERNAL],
      ['mysqlTrigger', 'other', SpanKind.INTERNAL],
    ] as const;
    // Twice: the second pass reads the cached kind.
    for (const [type, trigger, kind] of [...cases, ...cases]) {
      await traced(type, () => Promise.resolve(), {
        retryContext: { retryCount: 2 },
        triggerMetadata: { messageId: 'm-1', deliveryCount: 3 },
      })();
      const span = exporter.getFinishedSpans().at(-1)!;
      expect([span.kind, span.attributes['faas.trigger']]).toEqual([kind, trigger]);
      expect(span.attributes).toMatchObject({
        'orderflow.retry_count': 2,
        'messaging.message.id': 'm-1',
        'messaging.servicebus.message.delivery_count': 3,
      });
    }
  });
  it('runs the handler as is, with the same arguments and result, and no span while telemetry is off', async () => {
    setInvocationTracer(undefined);
    try {
      const seen: unknown[] = [];
      const invoke = traced('httpTrigger', (input, context) => {
        seen.push(input, context.functionName);
        return { status: 204 };
      });
      expect(invoke('in')).toEqual({ status: 204 });
      expect(seen).toEqual(['in', 'fn']);
      expect(exporter.getFinishedSpans()).toHaveLength(0);
    } finally {
      setInvocationTracer(traceInvocation);
    }
    await traced('httpTrigger', () => Promise.resolve({ status: 204 }))();
    expect(exporter.getFinishedSpans()).toHaveLength(1);
  });
});
