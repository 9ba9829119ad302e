import { app } from '@azure/functions';
import { tracedHandler } from '../../shared/telemetry/tracedHandler';

/**
 * Queue `orders` -> the analytics projection. Idempotent: a redelivered or older event is a no-op.
 * Poison (a message that can never be applied) is thrown, so Service Bus redelivers it and dead-letters it
 * after maxDeliveryCount; an unavailable dependency re-schedules a copy instead (`withTransientRetry`), so an
 * outage does not spend the delivery count. Nothing is completed unless it was applied or re-scheduled.
 */
app.serviceBusQueue('projectOrderEvent', {
  connection: 'ServiceBusConnection',
  queueName: 'orders',
  handler: tracedHandler(async (message: unknown, context) => {
    const [{ parseOrderEvent }, { applyOrderEvent }, { getAnalyticsServices }, { consumeMessage }] =
      await Promise.all([
        import('../../shared/events/parseOrderEvent'),
        import('../../shared/analytics/applyOrderEvent'),
        import('../../shared/analytics/analyticsServices'),
        import('../../shared/events/consumeMessage'),
      ]);
    const event = parseOrderEvent(message);
    const outcome = await consumeMessage('orders', message, context.triggerMetadata, async () => {
      return `${event.type} ${event.id}: ${await applyOrderEvent(event, await getAnalyticsServices())}`;
    });
    context.debug(outcome);
  }),
});
