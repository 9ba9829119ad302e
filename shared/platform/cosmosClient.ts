import type { CosmosClient, CosmosClientOptions } from '@azure/cosmos';
import { cosmosTracingPlugins } from '../telemetry/cosmosTracingPlugins';
import { getCredential } from './credential';

export interface CosmosConnectionInit {
  /** `AccountEndpoint=...;AccountKey=...;` for local emulators only. */
  connectionString?: string | undefined;
  /** `https://<account>.documents.azure.com:443/` for Entra ID. Wins over the connection string. */
  accountEndpoint?: string | undefined;
  /** User-assigned managed identity client id. */
  clientId?: string | undefined;
}

export function parseCosmosConnectionString(cs: string): { endpoint: string; key: string } {
  const parts = new Map<string, string>();
  for (const segment of cs.split(';')) {
    const at = segment.indexOf('=');
    if (at > 0) parts.set(segment.slice(0, at).trim().toLowerCase(), segment.slice(at + 1).trim());
  }
  const endpoint = parts.get('accountendpoint');
  const key = parts.get('accountkey');
  if (!endpoint || !key) throw new Error('Cosmos DB connection string needs AccountEndpoint and AccountKey');
  return { endpoint, key };
}

// One client span per Cosmos DB operation (the SDK starts none): `plugins` is a hidden option of the client.
const traced = { plugins: cosmosTracingPlugins } as unknown as Partial<CosmosClientOptions>;

/** Builds a client. Local emulators speak plain HTTP at a fixed address, so endpoint discovery is off there. */
export async function createCosmosClient(init: CosmosConnectionInit): Promise<CosmosClient> {
  const { CosmosClient } = await import('@azure/cosmos');
  if (init.accountEndpoint) {
    return new CosmosClient({
      endpoint: init.accountEndpoint,
      aadCredentials: await getCredential(init.clientId),
      ...traced,
    });
  }
  if (!init.connectionString) throw new Error('No Cosmos DB connection configured');
  const { endpoint, key } = parseCosmosConnectionString(init.connectionString);
  const local = /^http:\/\//i.test(endpoint) || /\/\/(localhost|127\.0\.0\.1)[:/]/i.test(endpoint);
  return new CosmosClient({
    endpoint,
    key,
    ...(local ? { connectionPolicy: { enableEndpointDiscovery: false } } : {}),
    ...traced,
  });
}
