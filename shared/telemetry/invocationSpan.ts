import { context, SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { contextFromTraceparent } from './traceparent';
import type { TracedInvocation } from './tracedHandler';
import { appTracer } from './withSpan';

// OpenTelemetry's FaaS semantic conventions name five trigger kinds.
const faasTriggerOf = (type: string): string =>
  /^httpTrigger$/i.test(type)
    ? 'http'
    : /^(serviceBus|eventHub|queue)Trigger$/i.test(type)
      ? 'pubsub'
      : /^(cosmosDB|blob|sql)Trigger$/i.test(type)
        ? 'datasource'
        : /^timerTrigger$/i.test(type)
          ? 'timer'
          : 'other';

// Every invocation asks; an app has a handful of trigger types.
const triggers = new Map<string, string>();
function faasTrigger(type: string): string {
  let trigger = triggers.get(type);
  if (trigger === undefined) triggers.set(type, (trigger = faasTriggerOf(type)));
  return trigger;
}

/** The path of a request URL as sent (no query or fragment), without parsing the whole URL. */
export function urlPath(url: string): string {
  const authority = url.indexOf('://');
  let end = url.length;
  for (const c of ['?', '#']) {
    const i = url.indexOf(c);
    if (i >= 0 && i < end) end = i;
  }
  const start = url.indexOf('/', authority < 0 ? 0 : authority + 3);
  return start < 0 || start >= end ? '/' : url.slice(start, end);
}

const kindOf = (trigger: string): SpanKind =>
  trigger === 'http' ? SpanKind.SERVER : trigger === 'pubsub' ? SpanKind.CONSUMER : SpanKind.INTERNAL;

function attributesOf(ic: TracedInvocation, input: unknown, trigger: string): Attributes {
  const a: Attributes = {
    'faas.name': ic.functionName,
    'faas.trigger': trigger,
    'faas.invocation_id': ic.invocationId,
  };
  if (ic.retryContext) a['orderflow.retry_count'] = ic.retryContext.retryCount;
  const md = ic.triggerMetadata ?? {};
  if (typeof md.messageId === 'string') a['messaging.message.id'] = md.messageId;
  if (typeof md.deliveryCount === 'number')
    a['messaging.servicebus.message.delivery_count'] = md.deliveryCount;
  const req = input as { method?: unknown; url?: unknown } | undefined;
  if (trigger === 'http' && typeof req?.method === 'string' && typeof req.url === 'string') {
    a['http.request.method'] = req.method;
    a['url.path'] = urlPath(req.url);
  }
  return a;
}

/**
 * Runs one invocation (`run`, its handler) inside a span of its own, continuing the trace context the host
 * hands over (`context.traceContext`: the HTTP `traceparent` header, a message's `Diagnostic-Id`), so every span
 * the handler and the SDKs start is its child. The span ends when the handler settles. The `InvocationTracer`
 * that `tracedHandler` calls once telemetry has started.
 */
export function traceInvocation(ic: TracedInvocation, input: unknown, run: () => unknown): unknown {
  const trigger = faasTrigger(ic.options.trigger.type);
  const parent = contextFromTraceparent(ic.traceContext?.traceParent, ic.traceContext?.traceState);
  const span = appTracer().startSpan(
    ic.functionName,
    { kind: kindOf(trigger), attributes: attributesOf(ic, input, trigger) },
    parent,
  );
  let result: unknown;
  try {
    result = context.with(trace.setSpan(parent, span), run);
  } catch (err) {
    failed(span, err);
    span.end();
    throw err;
  }
  return Promise.resolve(result).then(
    (value) => {
      if (trigger === 'http') {
        const status = (value as { status?: unknown } | null | undefined)?.status;
        const code = typeof status === 'number' ? status : 200;
        span.setAttribute('http.response.status_code', code);
        if (code >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
      return value;
    },
    (err: unknown) => {
      failed(span, err);
      span.end();
      throw err;
    },
  );
}

function failed(span: ReturnType<ReturnType<typeof appTracer>['startSpan']>, err: unknown): void {
  span.recordException(err instanceof Error ? err : String(err));
  span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
}
