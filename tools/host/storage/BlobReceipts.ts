import { hostname } from 'node:os';
import type { ContainerClient } from '@azure/storage-blob';
import type { StorageClients } from './StorageClients';

/** As the Functions host names itself when no `AzureFunctionsWebHost__hostid` is set: the machine name, ≤ 32 chars. */
export function hostId(env: NodeJS.ProcessEnv = process.env): string {
  const set = env.AzureFunctionsWebHost__hostid ?? env['AzureFunctionsWebHost:hostid'];
  const raw = set ?? hostname();
  return (
    raw
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '')
      .slice(0, 32) || 'localhost'
  );
}

/**
 * Blob receipts, as the blob trigger keeps them: an empty blob per processed blob version in the
 * `azure-webjobs-hosts` container of AzureWebJobsStorage, so a restarted host does not fire again for a blob
 * (ETag) it already handled.
 */
export class BlobReceipts {
  #container: Promise<ContainerClient> | undefined;

  constructor(
    private readonly clients: StorageClients,
    private readonly functionId: string,
  ) {}

  #path(etag: string, container: string, blobName: string): string {
    return `blobreceipts/${hostId()}/${this.functionId}/${etag}/BlockBlob/${container}/${blobName}`;
  }

  #hosts(): Promise<ContainerClient> {
    this.#container ??= (async () => {
      const c = (await this.clients.blobs('AzureWebJobsStorage')).getContainerClient('azure-webjobs-hosts');
      await c.createIfNotExists();
      return c;
    })().catch((err: unknown) => {
      this.#container = undefined;
      throw err;
    });
    return this.#container;
  }

  async has(etag: string, container: string, blobName: string): Promise<boolean> {
    return (await this.#hosts()).getBlockBlobClient(this.#path(etag, container, blobName)).exists();
  }

  async write(etag: string, container: string, blobName: string): Promise<void> {
    const blob = (await this.#hosts()).getBlockBlobClient(this.#path(etag, container, blobName));
    await blob.upload('', 0);
  }
}
