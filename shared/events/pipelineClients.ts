import type { CosmosClient } from '@azure/cosmos';
import type { ServiceBusClient, ServiceBusSender } from '@azure/service-bus';
import type { Settings } from '../config/config';
import { createCosmosClient } from '../platform/cosmosClient';
import { createServiceBusClient } from '../platform/serviceBusClient';

let cosmos: Promise<CosmosClient> | undefined;
let bus: Promise<ServiceBusClient> | undefined;
const senders = new Map<string, ServiceBusSender>();

/** The process-wide Cosmos DB client of the pipeline's functions (created on first use, then reused). */
export function pipelineCosmos(s: Settings): Promise<CosmosClient> {
  cosmos ??= createCosmosClient({
    connectionString: s.CosmosDB,
    accountEndpoint: s.CosmosDB__accountEndpoint,
    clientId: s.AZURE_CLIENT_ID,
  }).catch((err: unknown) => {
    cosmos = undefined; // a failed creation must not poison every later invocation
    throw err;
  });
  return cosmos;
}

/** The process-wide Service Bus client; senders are cached per queue because opening a link costs a round trip. */
export function pipelineBus(s: Settings): Promise<ServiceBusClient> {
  bus ??= createServiceBusClient({
    connectionString: s.ServiceBusConnection,
    fullyQualifiedNamespace: s.ServiceBusConnection__fullyQualifiedNamespace,
    clientId: s.AZURE_CLIENT_ID,
  }).catch((err: unknown) => {
    bus = undefined;
    throw err;
  });
  return bus;
}

export async function pipelineSender(s: Settings, queue: string): Promise<ServiceBusSender> {
  const client = await pipelineBus(s);
  let sender = senders.get(queue);
  if (!sender || sender.isClosed) {
    sender = client.createSender(queue);
    senders.set(queue, sender);
  }
  return sender;
}

/** Closes the clients (app terminate hook and tests). */
export async function closePipelineClients(): Promise<void> {
  const b = bus;
  const c = cosmos;
  bus = undefined;
  cosmos = undefined;
  senders.clear();
  await Promise.allSettled([b?.then((x) => x.close()), c?.then((x) => x.dispose())]);
}
