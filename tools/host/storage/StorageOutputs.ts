import type { BindingSpec } from '../app/indexFunctions';
import { BindingConfigError } from '../errors';
import { resolveBlobPath } from './blobPath';
import { encodeMessage, outputText } from './queueMessage';
import type { StorageClients } from './StorageClients';

/**
 * Storage output bindings as the extensions write them. Queue: each item one message (a string as it is, an object
 * as JSON), base64-encoded unless host.json sets messageEncoding `none`; the queue is created on first use.
 * Blob: the value (string, bytes, or an object as JSON) uploaded to `path`, the container created if missing.
 */
export class StorageOutputs {
  #createdQueues = new Set<string>();
  #createdContainers = new Set<string>();

  constructor(
    private readonly clients: StorageClients,
    private readonly encoding: () => 'base64' | 'none',
  ) {}

  async queue(functionName: string, out: BindingSpec, items: unknown[]): Promise<void> {
    const name = out.options.queueName;
    if (typeof name !== 'string' || name === '')
      throw new BindingConfigError(functionName, `queue output '${out.name}' needs queueName`);
    const queue = (await this.clients.queues(out.options.connection)).getQueueClient(name.toLowerCase());
    const key = `${JSON.stringify(out.options.connection ?? '')}/${queue.name}`;
    if (!this.#createdQueues.has(key)) {
      await queue.createIfNotExists();
      this.#createdQueues.add(key);
    }
    const encoding = this.encoding();
    for (const item of items) await queue.sendMessage(encodeMessage(outputText(item), encoding));
  }

  async blob(
    functionName: string,
    out: BindingSpec,
    value: unknown,
    data: Map<string, unknown>,
  ): Promise<void> {
    const path = out.options.path;
    if (typeof path !== 'string' || path === '')
      throw new BindingConfigError(functionName, `blob output '${out.name}' needs path`);
    const { container, blobName } = resolveBlobPath(functionName, out.name, path, data);
    const c = (await this.clients.blobs(out.options.connection)).getContainerClient(container);
    const key = `${JSON.stringify(out.options.connection ?? '')}/${container}`;
    if (!this.#createdContainers.has(key)) {
      await c.createIfNotExists();
      this.#createdContainers.add(key);
    }
    const body =
      Buffer.isBuffer(value) || value instanceof Uint8Array
        ? Buffer.from(value)
        : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8');
    await c.getBlockBlobClient(blobName).uploadData(body);
  }
}
