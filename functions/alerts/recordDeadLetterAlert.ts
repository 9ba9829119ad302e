import { app } from '@azure/functions';
import { topology } from '../../shared/platform/topology';
import { tracedHandler } from '../../shared/telemetry/tracedHandler';

/**
 * `<queue>/$DeadLetterQueue` of every queue in infra/topology.json -> one stored alert with the whole message,
 * an error log that Application Insights alerts on (`orderflow.deadletter.received`) and one operator email
 * command. `orders` keeps its original function name; every other queue's is `recordDeadLetterAlert-<queue>`.
 */
for (const queue of Object.keys(topology.serviceBus.queues)) {
  app.serviceBusQueue(queue === 'orders' ? 'recordDeadLetterAlert' : `recordDeadLetterAlert-${queue}`, {
    connection: 'ServiceBusConnection',
    queueName: `${queue}/$DeadLetterQueue`,
    handler: tracedHandler(async (message: unknown, context) => {
      const [{ deadLetterFromTrigger }, { recordDeadLetter }, { getAlertServices }] = await Promise.all([
        import('../../shared/alerts/deadLetterFromTrigger'),
        import('../../shared/alerts/recordDeadLetter'),
        import('../../shared/alerts/alertServices'),
      ]);
      const deadLetter = deadLetterFromTrigger(queue, message, context.triggerMetadata);
      const services = await getAlertServices();
      const { alert, created, emailed } = await recordDeadLetter(deadLetter, {
        ...services,
        alertTo: services.settings.ALERT_EMAIL_TO,
      });
      // No body here: `emails` commands carry one-time tokens, which must never reach the logs.
      const summary = {
        alertId: alert.id,
        queue: alert.queue,
        messageId: alert.messageId,
        reason: alert.reason,
        deliveryCount: alert.deliveryCount,
        emailed,
      };
      if (created) context.error('orderflow.deadletter.received', summary);
      else context.warn('orderflow.deadletter.redelivered', summary);
    }),
  });
}
