import { readFileSync } from 'node:fs';
import { normaliseContainer } from './containerDefinition';
import { CosmosEmulatorError, ensureError } from './errors';
import type { AccountNode } from './vercelInternals';

export interface CosmosContainerSpec {
  partitionKey: string;
  /** Omitted: TTL off; -1: on, items expire with their own `ttl`; N: seconds after the last write. */
  defaultTtl?: number;
}

export type CosmosTopology = Record<string, { containers: Record<string, CosmosContainerSpec> }>;

/** Reads the `cosmos.databases` part of a topology file (infra/topology.json). */
export function readCosmosTopology(path: string): CosmosTopology {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new CosmosEmulatorError(`Cannot read topology ${path}: ${ensureError(err).message}`);
  }
  const databases = (json as { cosmos?: { databases?: unknown } }).cosmos?.databases;
  if (!databases || typeof databases !== 'object') {
    throw new CosmosEmulatorError(`Topology ${path} has no cosmos.databases`);
  }
  for (const [db, spec] of Object.entries(databases as Record<string, { containers?: unknown }>)) {
    for (const [c, cspec] of Object.entries(
      (spec.containers ?? {}) as Record<string, { partitionKey?: unknown }>,
    )) {
      if (typeof cspec.partitionKey !== 'string' || !cspec.partitionKey.startsWith('/')) {
        throw new CosmosEmulatorError(`Topology ${path}: ${db}/${c} needs a partitionKey such as "/id"`);
      }
    }
  }
  return databases as CosmosTopology;
}

/**
 * Creates what the topology names and is not there yet; existing ones (restored from the data folder)
 * are left as they are. Returns how many databases and containers were created.
 */
export function applyTopology(account: AccountNode, topology: CosmosTopology): number {
  let created = 0;
  for (const [dbId, db] of Object.entries(topology)) {
    if (!account.database(dbId).read()) {
      account.databases.create({ id: dbId });
      created += 1;
    }
    const database = account.database(dbId);
    for (const [id, spec] of Object.entries(db.containers)) {
      if (database.collection(id).read()) continue;
      database.collections.create(
        normaliseContainer({
          id,
          partitionKey: { paths: [spec.partitionKey], kind: 'Hash', version: 2 },
          ...(spec.defaultTtl !== undefined ? { defaultTtl: spec.defaultTtl } : {}),
        }),
      );
      created += 1;
    }
  }
  return created;
}
