/** Where the app's spans go, read once from the app settings (environment) at start. */
export interface TracingSettings {
  /** OTLP/HTTP base URL (`OTEL_EXPORTER_OTLP_ENDPOINT`): spans are POSTed as OTLP JSON to `<url>/v1/traces`. */
  otlpEndpoint?: string;
  /** Application Insights (`APPLICATIONINSIGHTS_CONNECTION_STRING`): spans exported with Entra ID auth. */
  appInsightsConnectionString?: string;
  /** `OTEL_SERVICE_NAME`. Default `orderflow`. */
  serviceName: string;
}

/**
 * Tracing is on when an exporter is configured and `OTEL_SDK_DISABLED` is not `true` (the OpenTelemetry
 * environment variable): undefined means off, and then nothing of the SDK is loaded.
 */
export function tracingSettings(env: NodeJS.ProcessEnv): TracingSettings | undefined {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return undefined;
  const otlpEndpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || undefined;
  const appInsightsConnectionString = env.APPLICATIONINSIGHTS_CONNECTION_STRING?.trim() || undefined;
  if (!otlpEndpoint && !appInsightsConnectionString) return undefined;
  return {
    ...(otlpEndpoint ? { otlpEndpoint: otlpEndpoint.replace(/\/+$/, '') } : {}),
    ...(appInsightsConnectionString ? { appInsightsConnectionString } : {}),
    serviceName: env.OTEL_SERVICE_NAME?.trim() || 'orderflow',
  };
}
