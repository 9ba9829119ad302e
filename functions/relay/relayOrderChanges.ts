import { app, type InvocationContext } from '@azure/functions';
import { tracedHandler } from '../../shared/telemetry/tracedHandler';

// Read at registration, like every binding option: a short delay locally and in tests, 5 s by default.
const feedPollDelay = Number(process.env.RELAY_FEED_POLL_DELAY_MS ?? '') || 5000;

/**
 * Change feed of `orders` -> one integration event per changed order on queue `orders`, plus email commands.
 * The retry policy retries a failed batch forever with backoff: without one, the Cosmos DB trigger
 * checkpoints a failed batch and its changes are lost (azure-webjobs-sdk-extensions #716, #837).
 */
app.cosmosDB('relayOrderChanges', {
  connection: 'CosmosDB',
  databaseName: 'orders',
  containerName: 'orders',
  leaseContainerName: 'leases',
  leaseContainerPrefix: 'relay-',
  createLeaseContainerIfNotExists: false,
  feedPollDelay,
  maxItemsPerInvocation: 200,
  retry: {
    strategy: 'exponentialBackoff',
    maxRetryCount: -1,
    minimumInterval: { seconds: 1 },
    maximumInterval: { minutes: 1 },
  },
  handler: tracedHandler(async (documents: unknown[], context: InvocationContext) => {
    const [{ getConfig }, { getServiceBusSender }, { relayChanges }, { isoDurationMs }] = await Promise.all([
      import('../../shared/config/config'),
      import('../../shared/platform/processClients'),
      import('../../shared/relay/relayChanges'),
      import('../../shared/relay/isoDuration'),
    ]);
    const s = getConfig();
    const [orders, emails] = await Promise.all([
      getServiceBusSender(s, 'orders'),
      getServiceBusSender(s, 'emails'),
    ]);
    const result = await relayChanges(documents, {
      orders,
      emails,
      reminderDelayMs: isoDurationMs(s.REMINDER_DELAY),
      attempt: (context.retryContext?.retryCount ?? 0) + 1,
      onInvalid: (err) => context.error('orderflow.relay.invalidDocument', err.message),
    });
    context.log(
      `relayed ${result.events} events and ${result.emailCommands} email commands in ${result.batches} batches`,
    );
  }),
});
