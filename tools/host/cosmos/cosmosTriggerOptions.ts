import { hostname } from 'node:os';
import { createHash } from 'node:crypto';
import { parseCosmosConnectionString } from '../../../shared/platform/cosmosClient';
import { cosmosConnection } from '../connections';
import { BindingConfigError } from '../errors';

/** A Cosmos DB trigger's options, v4 names first, v3 names (collection, connectionStringSetting) accepted. */
export interface CosmosTriggerOptions {
  connection: string;
  databaseName: string;
  containerName: string;
  leaseConnection: string;
  leaseDatabaseName: string;
  leaseContainerName: string;
  leaseContainerPrefix: string;
  createLeaseContainerIfNotExists: boolean;
  feedPollDelayMs: number;
  leaseAcquireIntervalMs: number;
  leaseExpirationIntervalMs: number;
  leaseRenewIntervalMs: number;
  maxItemsPerInvocation: number;
  startFromBeginning: boolean;
  startFromTime: Date | undefined;
  /** Host of the monitored account, part of every lease id. */
  account: string;
  /** This host instance in lease `Owner`: stable across restarts of the same app on the same machine. */
  owner: string;
}

function pick(o: Record<string, unknown>, ...keys: string[]): unknown {
  for (const k of keys) if (o[k] !== undefined && o[k] !== '') return o[k];
  return undefined;
}

function text(
  o: Record<string, unknown>,
  fallback: string | undefined,
  ...keys: string[]
): string | undefined {
  const v = pick(o, ...keys);
  return typeof v === 'string' ? v : fallback;
}

function ms(o: Record<string, unknown>, key: string, fallback: number): number {
  const v = o[key];
  if (v === undefined) return fallback;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

function accountHost(connection: string): string {
  const init = cosmosConnection(connection);
  const endpoint = init.accountEndpoint ?? parseCosmosConnectionString(init.connectionString ?? '').endpoint;
  return new URL(endpoint).host;
}

export function cosmosTriggerOptions(
  functionName: string,
  o: Record<string, unknown>,
  appDir: string,
): CosmosTriggerOptions {
  const connection = text(o, undefined, 'connection', 'connectionStringSetting');
  const databaseName = text(o, undefined, 'databaseName');
  const containerName = text(o, undefined, 'containerName', 'collectionName');
  if (!connection || !databaseName || !containerName) {
    throw new BindingConfigError(
      functionName,
      'a Cosmos DB trigger needs connection, databaseName and containerName',
    );
  }
  const startFromTime = text(o, undefined, 'startFromTime');
  const instance =
    process.env.WEBSITE_INSTANCE_ID ??
    `${hostname()}-${createHash('sha256').update(appDir).digest('hex').slice(0, 8)}`;
  return {
    connection,
    databaseName,
    containerName,
    leaseConnection: text(o, connection, 'leaseConnection', 'leaseConnectionStringSetting')!,
    leaseDatabaseName: text(o, databaseName, 'leaseDatabaseName')!,
    leaseContainerName: text(o, 'leases', 'leaseContainerName', 'leaseCollectionName')!,
    leaseContainerPrefix: text(o, '', 'leaseContainerPrefix', 'leaseCollectionPrefix')!,
    createLeaseContainerIfNotExists:
      pick(o, 'createLeaseContainerIfNotExists', 'createLeaseCollectionIfNotExists') === true,
    feedPollDelayMs: ms(o, 'feedPollDelay', 5000),
    leaseAcquireIntervalMs: ms(o, 'leaseAcquireInterval', 13_000),
    leaseExpirationIntervalMs: ms(o, 'leaseExpirationInterval', 60_000),
    leaseRenewIntervalMs: ms(o, 'leaseRenewInterval', 17_000),
    maxItemsPerInvocation: Math.max(1, ms(o, 'maxItemsPerInvocation', 100)),
    startFromBeginning: o.startFromBeginning === true,
    startFromTime: startFromTime ? new Date(startFromTime) : undefined,
    account: accountHost(connection),
    owner: `${instance}:${functionName}`,
  };
}
