import { app } from '@azure/functions';

/**
 * `orders/$DeadLetterQueue` -> one stored alert with the whole message, an error log that Application
 * Insights alerts on (`orderflow.deadletter.received`) and one operator email command.
 */
app.serviceBusQueue('recordDeadLetterAlert', {
  connection: 'ServiceBusConnection',
  queueName: 'orders/$DeadLetterQueue',
  handler: async (message: unknown, context) => {
    const [{ deadLetterFromTrigger }, { recordDeadLetter }, { getAlertServices }] = await Promise.all([
      import('../../shared/alerts/deadLetterFromTrigger'),
      import('../../shared/alerts/recordDeadLetter'),
      import('../../shared/alerts/alertServices'),
    ]);
    const deadLetter = deadLetterFromTrigger('orders', message, context.triggerMetadata);
    const services = await getAlertServices();
    const { alert, created } = await recordDeadLetter(deadLetter, {
      ...services,
      alertTo: services.settings.ALERT_EMAIL_TO,
    });
    const summary = {
      alertId: alert.id,
      queue: alert.queue,
      messageId: alert.messageId,
      reason: alert.reason,
      deliveryCount: alert.deliveryCount,
    };
    if (created) context.error('orderflow.deadletter.received', summary);
    else context.warn('orderflow.deadletter.redelivered', summary);
  },
});
