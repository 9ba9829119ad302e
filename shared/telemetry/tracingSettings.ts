/** Where the app's spans go, read once from the app settings (environment) at start. */
export interface TracingSettings {
  /** OTLP/HTTP base URL (`OTEL_EXPORTER_OTLP_ENDPOINT`): spans are POSTed as OTLP JSON to `<url>/v1/traces`. */
  otlpEndpoint: string;
  /** `OTEL_SERVICE_NAME`. Default `orderflow`. */
  serviceName: string;
}

/**
 * Tracing is on when an OTLP endpoint is configured and `OTEL_SDK_DISABLED` is not `true` (both OpenTelemetry's
 * own variables): undefined means off, and then nothing of the SDK is loaded. Application Insights alone
 * (`APPLICATIONINSIGHTS_CONNECTION_STRING`, set in Azure) does not turn it on: the app has no Azure Monitor
 * exporter yet (docs/tracing.md), and spans nobody exports would cost for nothing.
 */
export function tracingSettings(env: NodeJS.ProcessEnv): TracingSettings | undefined {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return undefined;
  const otlpEndpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!otlpEndpoint) return undefined;
  return {
    otlpEndpoint: otlpEndpoint.replace(/\/+$/, ''),
    serviceName: env.OTEL_SERVICE_NAME?.trim() || 'orderflow',
  };
}
