import type { CosmosClient } from '@azure/cosmos';
import type { ServiceBusClient } from '@azure/service-bus';
import { createCosmosClient } from '../../../shared/platform/cosmosClient';
import { createServiceBusClient } from '../../../shared/platform/serviceBusClient';
import { connectionKey, cosmosConnection, serviceBusConnection } from '../connections';
import { StorageClients } from '../storage/StorageClients';

/** One SDK client per connection, shared by triggers and outputs; the SDKs load only when a binding needs them. */
export class Clients {
  #serviceBus = new Map<string, Promise<ServiceBusClient>>();
  #cosmos = new Map<string, Promise<CosmosClient>>();
  /** Blob and queue clients (plain HTTP: nothing to close). */
  readonly storage = new StorageClients();

  serviceBus(connection: unknown): Promise<ServiceBusClient> {
    const init = serviceBusConnection(connection);
    const key = connectionKey(init);
    let client = this.#serviceBus.get(key);
    if (!client) {
      client = createServiceBusClient(init);
      this.#serviceBus.set(key, client);
    }
    return client;
  }

  cosmos(connection: unknown): Promise<CosmosClient> {
    const init = cosmosConnection(connection);
    const key = connectionKey(init);
    let client = this.#cosmos.get(key);
    if (!client) {
      client = createCosmosClient(init);
      this.#cosmos.set(key, client);
    }
    return client;
  }

  async close(): Promise<void> {
    const sb = [...this.#serviceBus.values()];
    const cosmos = [...this.#cosmos.values()];
    this.#serviceBus.clear();
    this.#cosmos.clear();
    // A client that never connected can keep retrying inside close(): give it a few seconds, then move on.
    const closing = Promise.allSettled([
      ...sb.map(async (c) => (await c).close()),
      ...cosmos.map(async (c) => (await c).dispose()),
    ]);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closing, new Promise<void>((r) => (timer = setTimeout(r, 3000)))]).finally(() =>
      clearTimeout(timer),
    );
  }
}
