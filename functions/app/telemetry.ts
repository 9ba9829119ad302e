import { app } from '@azure/functions';

// Telemetry (spans and metrics) starts in appStart, before the first invocation, and only when it has a
// destination (an OTLP endpoint offline, Application Insights in Azure): the SDK loads lazily, so registering the
// functions stays as cheap as @azure/functions alone, and with telemetry off no invocation hook is registered at
// all (the host skips hook contexts when there are none) and every metric is the API's no-op.
app.hook.appStart(async () => {
  const { telemetrySettings } = await import('../../shared/telemetry/telemetrySettings');
  const settings = telemetrySettings(process.env);
  if (!settings) return;
  const [{ startTelemetry }, { traceInvocation }] = await Promise.all([
    import('../../shared/telemetry/startTelemetry'),
    import('../../shared/telemetry/invocationSpan'),
  ]);
  const telemetry = await startTelemetry(settings);
  app.hook.preInvocation((ctx) => traceInvocation(ctx));
  app.hook.appTerminate(() => telemetry.shutdown());
});
