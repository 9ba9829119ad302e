import { CosmosClient, type Database } from '@azure/cosmos';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCosmosEmulator, type CosmosEmulator } from '../../../tools/cosmos/index';
import type { KeysFile } from '../../../tools/host/http/HostKeys';

/** The fixture app every host test runs: plain .js/.mjs, so it needs no build. */
export const FIXTURE_APP = join(__dirname, '..', '..', 'fixtures', 'app');

export function fixtureKeys(): KeysFile {
  return JSON.parse(readFileSync(join(FIXTURE_APP, '.func-keys.json'), 'utf8')) as KeysFile;
}

/** The offline Cosmos DB on port 0 with the fixture app's topology, and its database `fixturedb` through the SDK. */
export async function startFixtureCosmos(): Promise<{ cosmos: CosmosEmulator; db: Database }> {
  const cosmos = await startCosmosEmulator({ port: 0, topology: join(FIXTURE_APP, 'topology.json') });
  const client = new CosmosClient({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  return { cosmos, db: client.database('fixturedb') };
}
