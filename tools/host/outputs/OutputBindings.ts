import type { ServiceBusMessage, ServiceBusSender } from '@azure/service-bus';
import type { RpcInvocationResponse, RpcTypedData } from '../app/coreTypes';
import type { BindingSpec } from '../app/indexFunctions';
import { BindingConfigError, HostError } from '../errors';
import type { HostLogger } from '../invoke/HostLogger';
import { Clients } from './Clients';
import { fromRpcTypedData } from './fromRpcTypedData';
import { queueOptions } from '../storage/queueOptions';
import { StorageOutputs } from '../storage/StorageOutputs';

function str(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * A message as the Service Bus output binding builds it: a string as its UTF-8 bytes (text/plain, as the
 * extension's string converter), bytes as they are, anything else as JSON. The SDK JSON-encodes any body that
 * is not a Buffer, so a string must be handed over as bytes or it arrives quoted.
 */
export function toServiceBusMessage(value: unknown): ServiceBusMessage {
  if (Buffer.isBuffer(value)) return { body: value };
  if (typeof value === 'string') return { body: Buffer.from(value, 'utf8'), contentType: 'text/plain' };
  return { body: value, contentType: 'application/json' };
}

/**
 * Output bindings the host writes after an invocation, as the extensions do: Service Bus (send), Cosmos DB
 * (upsert), storage queue (send) and blob (upload). Arrays mean several messages or documents (a blob output
 * takes the value whole). A failed write fails the invocation.
 */
export class OutputBindings {
  readonly clients = new Clients();
  #senders = new Map<string, Promise<ServiceBusSender>>();
  readonly #storage: StorageOutputs;

  constructor(
    private readonly logger: HostLogger,
    hostJson: Record<string, unknown> = {},
  ) {
    // Read when a queue output first writes, so a bad extensions.queues fails only apps that use queues.
    this.#storage = new StorageOutputs(this.clients.storage, () => queueOptions(hostJson).messageEncoding);
  }

  /** `bindingData`: the trigger's binding data, for `{name}` expressions in blob paths. */
  async apply(
    functionName: string,
    outputs: readonly BindingSpec[],
    response: RpcInvocationResponse,
    bindingData: () => Map<string, unknown> = () => new Map(),
  ): Promise<void> {
    for (const out of outputs) {
      const type = out.type.toLowerCase();
      if (type === 'http') continue;
      const data: RpcTypedData | null | undefined =
        out.name === '$return'
          ? response.returnValue
          : response.outputData?.find((o) => o.name === out.name)?.data;
      const value = fromRpcTypedData(data);
      if (value === undefined || value === null) continue;
      if (type === 'blob') {
        await this.#storage.blob(functionName, out, value, bindingData());
        continue;
      }
      const items = Array.isArray(value) ? (value as unknown[]) : [value];
      if (items.length === 0) continue;
      if (type === 'servicebus') await this.#serviceBus(functionName, out, items);
      else if (type === 'cosmosdb') await this.#cosmos(functionName, out, items);
      else if (type === 'queue') await this.#storage.queue(functionName, out, items);
      else
        this.logger.host(
          'warning',
          `Function '${functionName}': output type '${out.type}' is not written by this local host.`,
        );
    }
  }

  async #serviceBus(functionName: string, out: BindingSpec, items: unknown[]): Promise<void> {
    const entity = str(out.options, 'queueName') ?? str(out.options, 'topicName');
    if (!entity)
      throw new BindingConfigError(
        functionName,
        `Service Bus output '${out.name}' needs queueName or topicName`,
      );
    const key = `${JSON.stringify(out.options.connection ?? '')}/${entity}`;
    let sender = this.#senders.get(key);
    if (!sender) {
      sender = this.clients.serviceBus(out.options.connection).then((c) => c.createSender(entity));
      this.#senders.set(key, sender);
    }
    await (await sender).sendMessages(items.map(toServiceBusMessage));
  }

  async #cosmos(functionName: string, out: BindingSpec, items: unknown[]): Promise<void> {
    const db = str(out.options, 'databaseName');
    const container = str(out.options, 'containerName') ?? str(out.options, 'collectionName');
    if (!db || !container)
      throw new BindingConfigError(
        functionName,
        `Cosmos DB output '${out.name}' needs databaseName and containerName`,
      );
    // connectionStringSetting: the older name (extension v3), still in official samples; the trigger reads it too.
    const client = await this.clients.cosmos(out.options.connection ?? out.options.connectionStringSetting);
    const c = client.database(db).container(container);
    for (const item of items) {
      const doc = typeof item === 'string' ? (JSON.parse(item) as unknown) : item;
      if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
        throw new HostError(`Function '${functionName}': Cosmos DB output '${out.name}' needs JSON objects.`);
      }
      await c.items.upsert(doc as Record<string, unknown>);
    }
  }

  async close(): Promise<void> {
    const senders = [...this.#senders.values()];
    this.#senders.clear();
    await Promise.allSettled(senders.map(async (s) => (await s).close()));
    await this.clients.close();
  }
}
