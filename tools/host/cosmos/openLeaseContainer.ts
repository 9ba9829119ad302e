import type { Container, CosmosClient } from '@azure/cosmos';
import { ensureError, HostError } from '../errors';
import type { CosmosTriggerOptions } from './cosmosTriggerOptions';

/** The lease container: created (partition key `/id`) with createLeaseContainerIfNotExists, else it must exist. */
export async function openLeaseContainer(client: CosmosClient, o: CosmosTriggerOptions): Promise<Container> {
  const db = client.database(o.leaseDatabaseName);
  if (o.createLeaseContainerIfNotExists) {
    return (
      await db.containers.createIfNotExists({ id: o.leaseContainerName, partitionKey: { paths: ['/id'] } })
    ).container;
  }
  const leases = db.container(o.leaseContainerName);
  try {
    await leases.read();
  } catch (err) {
    // Not found is a configuration error; anything else (the account is unreachable) is worth a retry.
    if ((err as { code?: unknown }).code !== 404) throw ensureError(err);
    throw new HostError(
      `Lease container '${o.leaseDatabaseName}/${o.leaseContainerName}' not found (set createLeaseContainerIfNotExists).`,
    );
  }
  return leases;
}
