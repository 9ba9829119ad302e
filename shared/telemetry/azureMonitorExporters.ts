import {
  AzureMonitorMetricExporter,
  AzureMonitorTraceExporter,
  type AzureMonitorExporterOptions,
} from '@azure/monitor-opentelemetry-exporter';
import type { TokenCredential } from '@azure/identity';

/** Azure Monitor (Application Insights) exporters; with a credential, every request carries its Entra ID token. */
export function azureMonitorExporters(
  connectionString: string,
  credential: TokenCredential | undefined,
  extra: Partial<AzureMonitorExporterOptions> = {},
) {
  const options: AzureMonitorExporterOptions = {
    connectionString,
    ...(credential ? { credential } : {}),
    ...extra,
  };
  return { span: new AzureMonitorTraceExporter(options), metric: new AzureMonitorMetricExporter(options) };
}

/** The managed identity's credential: a user-assigned identity by its client id, '' for the system-assigned one. */
export async function managedIdentityCredential(clientId: string): Promise<TokenCredential> {
  const { ManagedIdentityCredential } = await import('@azure/identity');
  return clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
}
