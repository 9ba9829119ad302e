/** Application Insights as a destination: the connection string and how to authenticate. */
export interface AzureMonitorSettings {
  /** `APPLICATIONINSIGHTS_CONNECTION_STRING` (holds no secret once local auth is off: only the ingestion endpoint). */
  connectionString: string;
  /**
   * Microsoft Entra ID with a managed identity, from `APPLICATIONINSIGHTS_AUTHENTICATION_STRING`
   * (`Authorization=AAD;ClientId=<user-assigned identity>`, the value the Functions host reads too): the client id
   * of a user-assigned identity, or '' for the system-assigned one. Undefined: the instrumentation key is used,
   * which a resource with local auth disabled refuses.
   */
  managedIdentityClientId?: string;
}

/** Where the app's spans and metrics go, read once from the app settings (environment) at start. */
export interface TelemetrySettings {
  /** OTLP/HTTP base URL (`OTEL_EXPORTER_OTLP_ENDPOINT`): exports to `<url>/v1/traces` and `<url>/v1/metrics`. */
  otlpEndpoint?: string;
  /**
   * `OTEL_EXPORTER_OTLP_PROTOCOL`: `http/protobuf` (OpenTelemetry's default, and this app's) or `http/json`. Any
   * other value (`grpc`, which this app does not ship an exporter for) falls back to `http/protobuf`.
   */
  otlpProtocol: OtlpProtocol;
  /** Application Insights (`APPLICATIONINSIGHTS_CONNECTION_STRING`, set in Azure). */
  azureMonitor?: AzureMonitorSettings;
  /** `OTEL_SERVICE_NAME`. Default `orderflow`. */
  serviceName: string;
  /** `OTEL_METRIC_EXPORT_INTERVAL`, ms between metric exports. Default 60000 (the OpenTelemetry default). */
  metricExportIntervalMs: number;
}

export type OtlpProtocol = 'http/protobuf' | 'http/json';

/** Every app setting `telemetrySettings` reads: OpenTelemetry's own names and Application Insights'. */
export const TELEMETRY_SETTING_NAMES = [
  'OTEL_SDK_DISABLED',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_SERVICE_NAME',
  'OTEL_METRIC_EXPORT_INTERVAL',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
] as const;

function authentication(value: string | undefined): Pick<AzureMonitorSettings, 'managedIdentityClientId'> {
  const parts = new Map(
    (value ?? '').split(';').map((kv) => {
      const i = kv.indexOf('=');
      return [kv.slice(0, i).trim().toLowerCase(), kv.slice(i + 1).trim()] as const;
    }),
  );
  if (parts.get('authorization')?.toLowerCase() !== 'aad') return {};
  return { managedIdentityClientId: parts.get('clientid') ?? '' };
}

/**
 * Telemetry is on when it has somewhere to go, an OTLP endpoint (offline: `npm run dev`'s receiver) and/or
 * Application Insights (Azure), and `OTEL_SDK_DISABLED` is not `true` (OpenTelemetry's own variables). With
 * both, both receive everything (as the Functions host does). Undefined means off: nothing of the SDK is loaded.
 */
export function telemetrySettings(env: NodeJS.ProcessEnv): TelemetrySettings | undefined {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return undefined;
  const otlpEndpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim().replace(/\/+$/, '');
  const connectionString = env.APPLICATIONINSIGHTS_CONNECTION_STRING?.trim();
  if (!otlpEndpoint && !connectionString) return undefined;
  const interval = Number(env.OTEL_METRIC_EXPORT_INTERVAL);
  return {
    ...(otlpEndpoint ? { otlpEndpoint } : {}),
    ...(connectionString
      ? {
          azureMonitor: {
            connectionString,
            ...authentication(env.APPLICATIONINSIGHTS_AUTHENTICATION_STRING),
          },
        }
      : {}),
    otlpProtocol:
      env.OTEL_EXPORTER_OTLP_PROTOCOL?.trim().toLowerCase() === 'http/json' ? 'http/json' : 'http/protobuf',
    serviceName: env.OTEL_SERVICE_NAME?.trim() || 'orderflow',
    metricExportIntervalMs: Number.isInteger(interval) && interval >= 100 ? interval : 60_000,
  };
}
