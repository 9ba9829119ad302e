import type { CosmosClient } from '@azure/cosmos';
import type { Settings } from '../config/config';
import { createCosmosClient } from './cosmosClient';

let client: Promise<CosmosClient> | undefined;

/**
 * The process-wide Cosmos DB client for HTTP functions, built from the settings on first use. One client per
 * process: it owns the connection pool and the account metadata cache, so a client per call would pay both
 * every time. A failed creation is forgotten, so the next invocation tries again.
 */
export function getCosmosClient(settings: Settings): Promise<CosmosClient> {
  client ??= createCosmosClient({
    connectionString: settings.CosmosDB,
    accountEndpoint: settings.CosmosDB__accountEndpoint,
    clientId: settings.AZURE_CLIENT_ID,
  }).catch((err: unknown) => {
    client = undefined;
    throw err;
  });
  return client;
}
