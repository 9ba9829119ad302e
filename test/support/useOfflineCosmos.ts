import { CosmosClient } from '@azure/cosmos';
import { createCosmosClient } from '../../shared/platform/cosmosClient';
import { startCosmosEmulator, type CosmosEmulator } from '../../tools/cosmos';

export interface OfflineCosmos {
  readonly emulator: CosmosEmulator;
  readonly client: CosmosClient;
}

export interface UseOfflineCosmosOptions {
  /**
   * `app` (default): the app's own client factory, as the services use it. `sdk`: a bare `new CosmosClient`
   * with only endpoint and key, which the emulator's own tests use to show the plain SDK works unconfigured.
   */
  client?: 'app' | 'sdk';
}

/**
 * The offline Cosmos DB for one test file: started on port 0 with the project topology before the file's
 * tests (register it before any `beforeAll` that uses it) and stopped after them, client first.
 */
export function useOfflineCosmos(opts: UseOfflineCosmosOptions = {}): OfflineCosmos {
  let emulator: CosmosEmulator | undefined;
  let client: CosmosClient | undefined;
  beforeAll(async () => {
    emulator = await startCosmosEmulator({ port: 0 });
    client =
      opts.client === 'sdk'
        ? new CosmosClient({ endpoint: emulator.endpoint, key: emulator.key })
        : await createCosmosClient({ connectionString: emulator.connectionString });
  });
  afterAll(async () => {
    client?.dispose();
    await emulator?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useOfflineCosmos: used before its beforeAll ran');
    return value;
  };
  return {
    get emulator() {
      return started(emulator);
    },
    get client() {
      return started(client);
    },
  };
}
