import type { BlobItem, ContainerClient } from '@azure/storage-blob';
import type { IndexedFunction } from '../app/indexFunctions';
import { describeError } from '../errors';
import type { HostLogger } from '../invoke/HostLogger';
import type { Invoker } from '../invoke/Invoker';
import type { TriggerListener } from '../TriggerListener';
import { blobMetadata } from './blobMetadata';
import { BlobReceipts } from './BlobReceipts';
import { blobPathPattern, type BlobPathPattern } from './blobPath';
import type { BlobHostOptions } from './blobsOptions';
import { encodeMessage } from './queueMessage';
import type { StorageClients } from './StorageClients';

/** How often the container is listed (the extension scans too; its interval is not a setting). */
const SCAN_INTERVAL_MS = 2000;
export const BLOB_POISON_QUEUE = 'webjobs-blobtrigger-poison';

/**
 * A blob trigger by polling, as the extension's scan does: every blob version (ETag) matching `path` fires once;
 * a receipt (BlobReceipts) makes that hold across restarts. A failed blob is tried again on the next scan, and
 * after `poisonBlobThreshold` failures it is reported on the `webjobs-blobtrigger-poison` queue and not tried again.
 */
export class BlobListener implements TriggerListener {
  readonly functionName: string;
  readonly #pattern: BlobPathPattern;
  readonly #receipts: BlobReceipts;
  readonly #functionId: string;
  #container: ContainerClient | undefined;
  /** Blob versions done (receipt written) or running, by `name\netag`. */
  #done = new Set<string>();
  #running = new Set<string>();
  #failures = new Map<string, number>();
  #loop: Promise<void> | undefined;
  #stopped = false;
  #timer: NodeJS.Timeout | undefined;
  #wake: (() => void) | undefined;

  constructor(
    private readonly f: IndexedFunction,
    private readonly invoker: Invoker,
    private readonly logger: HostLogger,
    private readonly clients: StorageClients,
    private readonly options: BlobHostOptions,
  ) {
    this.functionName = f.name;
    this.#pattern = blobPathPattern(
      f.name,
      typeof f.trigger.options.path === 'string' ? f.trigger.options.path : '',
    );
    this.#functionId = `Host.Functions.${f.name}`;
    this.#receipts = new BlobReceipts(clients, this.#functionId);
  }

  async start(): Promise<void> {
    const service = await this.clients.blobs(this.f.trigger.options.connection);
    this.#container = service.getContainerClient(this.#pattern.container);
    await service.getProperties();
    this.#loop = this.#run(this.#container);
  }

  async #run(container: ContainerClient): Promise<void> {
    while (!this.#stopped) {
      try {
        await this.#scan(container);
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode !== 404)
          this.logger.host(
            'warning',
            `Function '${this.functionName}': scanning '${this.#pattern.container}' failed: ${describeError(err)}`,
          );
      }
      if (this.#stopped) break;
      await new Promise<void>((done) => {
        this.#wake = done;
        this.#timer = setTimeout(done, SCAN_INTERVAL_MS);
      });
    }
  }

  async #scan(container: ContainerClient): Promise<void> {
    const work = new Set<Promise<void>>();
    for await (const item of container.listBlobsFlat({
      prefix: this.#pattern.prefix,
      includeMetadata: true,
    })) {
      if (this.#stopped) break;
      const params = this.#pattern.match(item.name);
      const etag = item.properties.etag;
      if (!params || !etag) continue;
      const key = `${item.name}\n${etag}`;
      if (this.#done.has(key) || this.#running.has(key)) continue;
      if (await this.#receipts.has(etag, container.containerName, item.name)) {
        this.#done.add(key);
        continue;
      }
      // Invariant: at most maxDegreeOfParallelism blobs of this function run at once.
      while (this.#running.size >= this.options.maxDegreeOfParallelism) await Promise.race(work);
      this.#running.add(key);
      const p = this.#fire(container, item, etag, params)
        .catch((err: unknown) =>
          this.logger.host('error', `Function '${this.functionName}': ${describeError(err)}`),
        )
        .finally(() => {
          this.#running.delete(key);
          work.delete(p);
        });
      work.add(p);
    }
    await Promise.allSettled([...work]);
  }

  async #fire(
    container: ContainerClient,
    item: BlobItem,
    etag: string,
    params: Record<string, string>,
  ): Promise<void> {
    const key = `${item.name}\n${etag}`;
    const blob = container.getBlobClient(item.name);
    let content: Buffer;
    try {
      content = await blob.downloadToBuffer();
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) throw err;
      this.#done.add(key); // Deleted since the listing: nothing to fire for.
      return;
    }
    try {
      await this.invoker.invoke(this.f, {
        inputData: [{ name: this.f.trigger.name, data: { bytes: content } }],
        triggerMetadata: blobMetadata(this.functionName, container.containerName, item, blob.url, params),
        reason: `New blob detected(${item.properties.blobType ?? 'BlockBlob'}): ${container.containerName}/${item.name}`,
      });
    } catch {
      // The invoker has logged the failure; a later scan tries again, up to the threshold.
      const failures = (this.#failures.get(key) ?? 0) + 1;
      this.#failures.set(key, failures);
      if (failures < this.options.poisonBlobThreshold) return;
      await this.#poison(container, item.name, etag);
    }
    this.#failures.delete(key);
    await this.#receipts.write(etag, container.containerName, item.name);
    this.#done.add(key);
  }

  async #poison(container: ContainerClient, blobName: string, etag: string): Promise<void> {
    const queue = (await this.clients.queues(this.f.trigger.options.connection)).getQueueClient(
      BLOB_POISON_QUEUE,
    );
    await queue.createIfNotExists();
    const message = {
      Type: 'BlobTrigger',
      FunctionId: this.#functionId,
      BlobType: 'BlockBlob',
      ContainerName: container.containerName,
      BlobName: blobName,
      ETag: etag,
    };
    await queue.sendMessage(encodeMessage(JSON.stringify(message), 'base64'));
    this.logger.host(
      'error',
      `Function '${this.functionName}' failed ${this.options.poisonBlobThreshold} times for blob '${container.containerName}/${blobName}'; a message was added to queue '${BLOB_POISON_QUEUE}'.`,
    );
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#wake?.();
    await this.#loop;
  }
}
