/**
 * What of the programming model's InvocationContext a traced invocation reads (structural: no @azure/functions,
 * and no OpenTelemetry either: every function file imports this at registration).
 */
export interface TracedInvocation {
  functionName: string;
  invocationId: string;
  traceContext?: { traceParent?: string | null; traceState?: string | null } | undefined;
  retryContext?: { retryCount: number } | undefined;
  triggerMetadata?: Record<string, unknown> | undefined;
  options: { trigger: { type: string } };
}

/** Runs one invocation's handler (`run`) inside the invocation's span; `input` is its trigger input. */
export type InvocationTracer = (invocation: TracedInvocation, input: unknown, run: () => unknown) => unknown;

let tracer: InvocationTracer | undefined;

/** Set once telemetry has started (functions/app/telemetry.ts, in appStart); undefined turns tracing off again. */
export function setInvocationTracer(next: InvocationTracer | undefined): void {
  tracer = next;
}

/**
 * The handler, run inside an invocation span once telemetry has started, as is otherwise: wrapped at
 * registration rather than through a preInvocation hook, because a registered hook costs every invocation the
 * hook contexts of the worker and of @azure/functions (WeakMap-backed private fields, more promises): POST
 * /api/orders with tracing served 1.05x as many requests this way as through a hook (docs/tracing.md). Every
 * function's handler goes through here: the HTTP ones in `httpHandler`, the others in their function file
 * (test/functions/app/tracedFunctions.test.ts checks each).
 */
export function tracedHandler<I, C extends TracedInvocation, R>(
  handler: (input: I, context: C) => R,
): (input: I, context: C) => R {
  return (input, context) =>
    tracer === undefined ? handler(input, context) : (tracer(context, input, () => handler(input, context)) as R);
}
