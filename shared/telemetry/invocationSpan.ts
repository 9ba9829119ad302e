import { context, SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { contextFromTraceparent } from './traceparent';
import { appTracer } from './withSpan';

/** What of the programming model's preInvocation hook context is read here (kept structural: no @azure/functions). */
export interface InvocationHookContext {
  invocationContext: {
    functionName: string;
    invocationId: string;
    traceContext?: { traceParent?: string | null; traceState?: string | null } | undefined;
    retryContext?: { retryCount: number } | undefined;
    triggerMetadata?: Record<string, unknown> | undefined;
    options: { trigger: { type: string } };
  };
  inputs: unknown[];
  functionHandler: (...args: never[]) => unknown;
}

// OpenTelemetry's FaaS semantic conventions name five trigger kinds.
const faasTrigger = (type: string): string =>
  /^httpTrigger$/i.test(type)
    ? 'http'
    : /^(serviceBus|eventHub|queue)Trigger$/i.test(type)
      ? 'pubsub'
      : /^(cosmosDB|blob|sql)Trigger$/i.test(type)
        ? 'datasource'
        : /^timerTrigger$/i.test(type)
          ? 'timer'
          : 'other';

const kindOf = (trigger: string): SpanKind =>
  trigger === 'http' ? SpanKind.SERVER : trigger === 'pubsub' ? SpanKind.CONSUMER : SpanKind.INTERNAL;

function attributesOf(ctx: InvocationHookContext, trigger: string): Attributes {
  const ic = ctx.invocationContext;
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
  const req = ctx.inputs[0] as { method?: unknown; url?: unknown } | undefined;
  if (trigger === 'http' && typeof req?.method === 'string' && typeof req.url === 'string') {
    a['http.request.method'] = req.method;
    a['url.path'] = new URL(req.url).pathname;
  }
  return a;
}

/**
 * A span for every invocation, continuing the trace context the host hands over (`context.traceContext`: the
 * HTTP `traceparent` header, a message's `Diagnostic-Id`), with the handler run inside it so every span the
 * handler and the SDKs start is its child. The span ends when the handler settles.
 */
export function traceInvocation(ctx: InvocationHookContext): void {
  const ic = ctx.invocationContext;
  const trigger = faasTrigger(ic.options.trigger.type);
  const parent = contextFromTraceparent(ic.traceContext?.traceParent, ic.traceContext?.traceState);
  const span = appTracer().startSpan(
    ic.functionName,
    { kind: kindOf(trigger), attributes: attributesOf(ctx, trigger) },
    parent,
  );
  const handler = ctx.functionHandler as (...args: unknown[]) => unknown;
  const active = trace.setSpan(parent, span);
  ctx.functionHandler = (...args: never[]) => {
    let result: unknown;
    try {
      result = context.with(active, () => handler(...args));
    } catch (err) {
      failed(span, err);
      span.end();
      throw err;
    }
    return Promise.resolve(result).then(
      (value) => {
        const status = (value as { status?: unknown } | null | undefined)?.status;
        if (trigger === 'http') {
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
  };
}

function failed(span: ReturnType<ReturnType<typeof appTracer>['startSpan']>, err: unknown): void {
  span.recordException(err instanceof Error ? err : String(err));
  span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
}
