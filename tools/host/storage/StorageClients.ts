import type { BlobServiceClient } from '@azure/storage-blob';
import type { QueueServiceClient } from '@azure/storage-queue';
import { getCredential } from '../../../shared/platform/credential';
import { connectionKey, storageConnection, type StorageConnectionInit } from '../connections';

/**
 * One blob and one queue service client per storage connection, shared by triggers, inputs and outputs. The SDKs
 * load on first use, so an app without storage bindings never pays for them at start.
 */
export class StorageClients {
  #queues = new Map<string, Promise<QueueServiceClient>>();
  #blobs = new Map<string, Promise<BlobServiceClient>>();

  queues(connection: unknown): Promise<QueueServiceClient> {
    const init = storageConnection(connection, 'queue');
    return cached(this.#queues, init, async () => {
      const { QueueServiceClient } = await import('@azure/storage-queue');
      if (init.connectionString) return QueueServiceClient.fromConnectionString(init.connectionString);
      return new QueueServiceClient(init.serviceUri!, await getCredential(init.clientId));
    });
  }

  blobs(connection: unknown): Promise<BlobServiceClient> {
    const init = storageConnection(connection, 'blob');
    return cached(this.#blobs, init, async () => {
      const { BlobServiceClient } = await import('@azure/storage-blob');
      if (init.connectionString) return BlobServiceClient.fromConnectionString(init.connectionString);
      return new BlobServiceClient(init.serviceUri!, await getCredential(init.clientId));
    });
  }
}

function cached<T>(
  map: Map<string, Promise<T>>,
  init: StorageConnectionInit,
  make: () => Promise<T>,
): Promise<T> {
  const key = connectionKey(init);
  let client = map.get(key);
  if (!client) {
    client = make();
    map.set(key, client);
  }
  return client;
}
