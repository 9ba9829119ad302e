import type { CosmosConnectionInit } from '../../shared/platform/cosmosClient';
import type { ServiceBusConnectionInit } from '../../shared/platform/serviceBusClient';
import { HostError } from './errors';

function setting(env: NodeJS.ProcessEnv, name: string): string | undefined {
  // Azure reads `Name`, then `ConnectionStrings:Name`; `__` and `:` are interchangeable in setting names.
  return env[name] ?? env[`ConnectionStrings:${name}`] ?? env[name.replace(/__/g, ':')];
}

function clientId(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return setting(env, `${name}__clientId`) ?? env.AZURE_CLIENT_ID;
}

/**
 * A Service Bus binding's `connection`: a connection string setting, or identity-based
 * `<Connection>__fullyQualifiedNamespace` (which wins, as in Azure). Default connection: AzureWebJobsServiceBus.
 */
export function serviceBusConnection(
  name: unknown,
  env: NodeJS.ProcessEnv = process.env,
): ServiceBusConnectionInit {
  const conn = typeof name === 'string' && name !== '' ? name : 'AzureWebJobsServiceBus';
  const fullyQualifiedNamespace = setting(env, `${conn}__fullyQualifiedNamespace`);
  if (fullyQualifiedNamespace) return { fullyQualifiedNamespace, clientId: clientId(env, conn) };
  const connectionString = setting(env, conn);
  if (connectionString) return { connectionString };
  throw new HostError(
    `Service Bus connection '${conn}': set '${conn}' (connection string) or '${conn}__fullyQualifiedNamespace'.`,
  );
}

/** A Cosmos DB binding's `connection`: `<Connection>__accountEndpoint` (Entra ID, wins) or a connection string. */
export function cosmosConnection(name: unknown, env: NodeJS.ProcessEnv = process.env): CosmosConnectionInit {
  const conn = typeof name === 'string' && name !== '' ? name : 'CosmosDBConnection';
  const accountEndpoint = setting(env, `${conn}__accountEndpoint`);
  if (accountEndpoint) return { accountEndpoint, clientId: clientId(env, conn) };
  const connectionString = setting(env, conn);
  if (connectionString) return { connectionString };
  throw new HostError(
    `Cosmos DB connection '${conn}': set '${conn}' (connection string) or '${conn}__accountEndpoint'.`,
  );
}

/** A stable cache key for one connection, so every binding on the same account shares one client. */
export function connectionKey(
  init: ServiceBusConnectionInit | CosmosConnectionInit | StorageConnectionInit,
): string {
  return JSON.stringify(init);
}

/** A storage binding's account: a connection string, or a service URI for Entra ID. */
export interface StorageConnectionInit {
  connectionString?: string;
  serviceUri?: string;
  clientId?: string | undefined;
}

/**
 * A storage binding's `connection` (default AzureWebJobsStorage), for one service (`blob` or `queue`): a connection
 * string (`UseDevelopmentStorage=true` means Azurite's default ports), or identity-based
 * `<Connection>__<service>ServiceUri` / `<Connection>__accountName` (which win, as in Azure).
 */
export function storageConnection(
  name: unknown,
  service: 'blob' | 'queue',
  env: NodeJS.ProcessEnv = process.env,
): StorageConnectionInit {
  const conn = typeof name === 'string' && name !== '' ? name : 'AzureWebJobsStorage';
  const uri = setting(env, `${conn}__${service}ServiceUri`) ?? setting(env, `${conn}__serviceUri`);
  if (uri) return { serviceUri: uri, clientId: clientId(env, conn) };
  const account = setting(env, `${conn}__accountName`);
  if (account)
    return { serviceUri: `https://${account}.${service}.core.windows.net`, clientId: clientId(env, conn) };
  const connectionString = setting(env, conn);
  if (connectionString) return { connectionString };
  throw new HostError(
    `Storage connection '${conn}': set '${conn}' (connection string, e.g. UseDevelopmentStorage=true) or '${conn}__accountName'.`,
  );
}
