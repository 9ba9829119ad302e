import { app } from '@azure/functions';

// Tracing starts in appStart, before the first invocation, and only when an exporter is configured: the SDK
// loads lazily, so registering the functions stays as cheap as @azure/functions alone, and with tracing off no
// invocation hook is registered at all (the host skips hook contexts when there are none).
app.hook.appStart(async () => {
  const { tracingSettings } = await import('../../shared/telemetry/tracingSettings');
  const settings = tracingSettings(process.env);
  if (!settings) return;
  const [{ startTracing }, { traceInvocation }] = await Promise.all([
    import('../../shared/telemetry/startTracing'),
    import('../../shared/telemetry/invocationSpan'),
  ]);
  const tracing = startTracing(settings);
  app.hook.preInvocation((ctx) => traceInvocation(ctx));
  app.hook.appTerminate(() => tracing.shutdown());
});
