import type { CosmosClient } from '@azure/cosmos';
import type { ServiceBusClient, ServiceBusSender } from '@azure/service-bus';
import type { Settings } from '../config/config';
import { createCosmosClient } from './cosmosClient';
import { createServiceBusClient } from './serviceBusClient';

// One Cosmos DB client and one Service Bus client per process, shared by every service in the app: each
// client holds connection pools, a partition-map cache (Cosmos) or an AMQP connection (Service Bus).
let cosmos: Promise<CosmosClient> | undefined;
let bus: Promise<ServiceBusClient> | undefined;
const senders = new Map<string, ServiceBusSender>();

/** The process-wide Cosmos DB client, created on first use from `CosmosDB` / `CosmosDB__accountEndpoint`. */
export function getCosmosClient(s: Settings): Promise<CosmosClient> {
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

/** The process-wide Service Bus client, from `ServiceBusConnection` / `ServiceBusConnection__fullyQualifiedNamespace`. */
export function getServiceBusClient(s: Settings): Promise<ServiceBusClient> {
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

/** A cached sender per queue: opening an AMQP link costs a round trip, so it is done once. */
export async function getServiceBusSender(s: Settings, queue: string): Promise<ServiceBusSender> {
  const client = await getServiceBusClient(s);
  let sender = senders.get(queue);
  if (!sender || sender.isClosed) {
    sender = client.createSender(queue);
    senders.set(queue, sender);
  }
  return sender;
}
