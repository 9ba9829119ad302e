import type { TokenCredential } from '@azure/identity';
import type { AzureMonitorExporterOptions } from '@azure/monitor-opentelemetry-exporter';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { TelemetrySettings } from './telemetrySettings';

export interface TelemetryExporters {
  spans: SpanExporter[];
  metrics: PushMetricExporter[];
  /** Which destinations were chosen, in the order of `spans` and `metrics`. */
  destinations: ('otlp' | 'azureMonitor')[];
}

/** What tests hand in instead of the Azure parts. */
export interface TelemetryExporterDeps {
  /** The Entra ID credential for a managed identity's client id ('' = system-assigned). Default ManagedIdentityCredential. */
  credential?: (clientId: string) => TokenCredential;
  /** Extra Azure Monitor exporter options (a test's HTTP client, offline storage off). */
  azureMonitorOptions?: Partial<AzureMonitorExporterOptions>;
}

/**
 * The exporters for the configured destinations: OTLP/HTTP, protobuf or JSON as `otlpProtocol` says (offline,
 * `npm run dev`'s receiver) and/or Azure
 * Monitor (Application Insights) authenticated with the managed identity through Microsoft Entra ID, so no key
 * is needed (the resource has local auth disabled). Each destination's package is imported only when chosen:
 * the offline app never loads the Azure Monitor exporter, and Azure never loads the OTLP one.
 */
export async function telemetryExporters(
  settings: TelemetrySettings,
  deps: TelemetryExporterDeps = {},
): Promise<TelemetryExporters> {
  const out: TelemetryExporters = { spans: [], metrics: [], destinations: [] };
  // Our own modules, imported dynamically (each a chunk of its own): a package imported dynamically from the
  // bundle would come as a CommonJS namespace, and these modules import theirs statically.
  if (settings.otlpEndpoint) {
    const e =
      settings.otlpProtocol === 'http/json'
        ? (await import('./otlpExporters')).otlpExporters(settings.otlpEndpoint)
        : (await import('./otlpProtobufExporters')).otlpProtobufExporters(settings.otlpEndpoint);
    out.spans.push(e.span);
    out.metrics.push(e.metric);
    out.destinations.push('otlp');
  }
  const azure = settings.azureMonitor;
  if (azure) {
    const m = await import('./azureMonitorExporters');
    const id = azure.managedIdentityClientId;
    const credential =
      id === undefined
        ? undefined
        : deps.credential
          ? deps.credential(id)
          : await m.managedIdentityCredential(id);
    const e = m.azureMonitorExporters(azure.connectionString, credential, deps.azureMonitorOptions);
    out.spans.push(e.span);
    out.metrics.push(e.metric);
    out.destinations.push('azureMonitor');
  }
  return out;
}
