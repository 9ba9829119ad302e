import { app } from '@azure/functions';

/**
 * Queue `orders` -> the analytics projection. Idempotent: a redelivered or older event is a no-op.
 * Anything thrown (a poison message included) abandons the message, so Service Bus redelivers it and
 * dead-letters it after maxDeliveryCount: nothing is completed unless it was applied.
 */
app.serviceBusQueue('projectOrderEvent', {
  connection: 'ServiceBusConnection',
  queueName: 'orders',
  handler: async (message: unknown, context) => {
    const [{ parseOrderEvent }, { applyOrderEvent }, { getAnalyticsServices }] = await Promise.all([
      import('../../shared/events/parseOrderEvent'),
      import('../../shared/analytics/applyOrderEvent'),
      import('../../shared/analytics/analyticsServices'),
    ]);
    const event = parseOrderEvent(message);
    const outcome = await applyOrderEvent(event, await getAnalyticsServices());
    context.debug(`${event.type} ${event.id}: ${outcome}`);
  },
});
