import { app } from '@azure/functions';
import { setInvocationTracer } from '../../shared/telemetry/tracedHandler';

// Telemetry (spans and metrics) starts in appStart, before the first invocation, and only when it has a
// destination (an OTLP endpoint offline, Application Insights in Azure): the SDK loads lazily, so registering the
// functions stays as cheap as @azure/functions alone. Invocation spans come from the handlers' own wrapper
// (`tracedHandler`), which this turns on, not from a preInvocation hook: a registered hook costs every
// invocation its hook contexts. With telemetry off the wrapper only reads a variable and every metric is the
// API's no-op.
app.hook.appStart(async () => {
  const { telemetrySettings } = await import('../../shared/telemetry/telemetrySettings');
  const settings = telemetrySettings(process.env);
  if (!settings) return;
  const [{ startTelemetry }, { traceInvocation }] = await Promise.all([
    import('../../shared/telemetry/startTelemetry'),
    import('../../shared/telemetry/invocationSpan'),
  ]);
  const telemetry = await startTelemetry(settings);
  setInvocationTracer(traceInvocation);
  app.hook.appTerminate(async () => {
    setInvocationTracer(undefined);
    await telemetry.shutdown();
  });
});
