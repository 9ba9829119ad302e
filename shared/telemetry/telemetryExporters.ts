import type { TokenCredential } from '@azure/identity';
import type { AzureMonitorExporterOptions } from '@azure/monitor-opentelemetry-exporter';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { AzureMonitorSettings, TelemetrySettings } from './telemetrySettings';

export interface TelemetryExporters {
  spans: SpanExporter[];
  metrics: PushMetricExporter[];
  /** Which destinations were chosen, for the start log line. */
  destinations: ('otlp' | 'azureMonitor')[];
}

/** What tests hand in instead of the Azure parts. */
export interface TelemetryExporterDeps {
  /** The Entra ID credential for a managed identity's client id ('' = system-assigned). Default ManagedIdentityCredential. */
  credential?: (clientId: string) => TokenCredential;
  /** Extra Azure Monitor exporter options (a test's HTTP client, offline storage off). */
  azureMonitorOptions?: Partial<AzureMonitorExporterOptions>;
}

async function managedIdentity(
  s: AzureMonitorSettings,
  deps: TelemetryExporterDeps,
): Promise<TokenCredential | undefined> {
  const clientId = s.managedIdentityClientId;
  if (clientId === undefined) return undefined;
  if (deps.credential) return deps.credential(clientId);
  const { ManagedIdentityCredential } = await import('@azure/identity');
  return clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
}

/**
 * The exporters for the configured destinations: OTLP/HTTP JSON (offline, `npm run dev`'s receiver) and/or Azure
 * Monitor (Application Insights) authenticated with the managed identity through Microsoft Entra ID, so no key
 * is needed (the resource has local auth disabled). Each destination's package is imported only when chosen:
 * the offline app never loads the Azure Monitor exporter, and Azure never loads the OTLP one.
 */
export async function telemetryExporters(
  settings: TelemetrySettings,
  deps: TelemetryExporterDeps = {},
): Promise<TelemetryExporters> {
  const out: TelemetryExporters = { spans: [], metrics: [], destinations: [] };
  if (settings.otlpEndpoint) {
    const [{ OTLPTraceExporter }, { OTLPMetricExporter }] = await Promise.all([
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/exporter-metrics-otlp-http'),
    ]);
    out.spans.push(new OTLPTraceExporter({ url: `${settings.otlpEndpoint}/v1/traces` }));
    out.metrics.push(new OTLPMetricExporter({ url: `${settings.otlpEndpoint}/v1/metrics` }));
    out.destinations.push('otlp');
  }
  if (settings.azureMonitor) {
    const [az, credential] = await Promise.all([
      import('@azure/monitor-opentelemetry-exporter'),
      managedIdentity(settings.azureMonitor, deps),
    ]);
    const options: AzureMonitorExporterOptions = {
      connectionString: settings.azureMonitor.connectionString,
      ...(credential ? { credential } : {}),
      ...deps.azureMonitorOptions,
    };
    out.spans.push(new az.AzureMonitorTraceExporter(options));
    out.metrics.push(new az.AzureMonitorMetricExporter(options));
    out.destinations.push('azureMonitor');
  }
  return out;
}
