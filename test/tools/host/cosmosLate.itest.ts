import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import { EMULATOR_KEY, startCosmosEmulator, type CosmosEmulator } from '../../../tools/cosmos/index';
import { startHost, type RunningHost } from '../../../tools/host/index';
import { FIXTURE_APP } from './fixture';
import { records, waitFor } from './waitFor';

let host: RunningHost | undefined;
let cosmos: CosmosEmulator | undefined;
let dir: string;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

afterAll(async () => {
  await host?.close();
  await cosmos?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('keeps retrying a Cosmos DB trigger whose account is unreachable at start, and runs it once it is up', async () => {
  dir = mkdtempSync(join(tmpdir(), 'host-late-'));
  const port = await freePort();
  host = await startHost({
    appDir: FIXTURE_APP,
    port: 0,
    quiet: true,
    env: {
      FIXTURE_RECORD_DIR: dir,
      FixtureCosmos: `AccountEndpoint=http://127.0.0.1:${port}/;AccountKey=${EMULATOR_KEY};`,
    },
  });
  cosmos = await startCosmosEmulator({ port, topology: join(FIXTURE_APP, 'topology.json') });
  const client = new CosmosClient({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  await client.database('fixturedb').container('items').items.create({ id: 'late-1', pk: 'p' });
  await waitFor(
    'the trigger to start and see the document',
    () =>
      records<{ ids: string[] }>(dir, 'cosmosWatcher').some((r) => r.ids.includes('late-1'))
        ? true
        : undefined,
    20_000,
  );
});
