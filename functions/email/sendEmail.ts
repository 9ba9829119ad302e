import { app } from '@azure/functions';
import { tracedHandler } from '../../shared/telemetry/tracedHandler';

/**
 * Queue `emails` -> one email per command id (claim, send, record), through ACS in Azure or SMTP offline.
 * A malformed command is thrown (dead-lettered after maxDeliveryCount); an unavailable dependency or a claim
 * held by another delivery re-schedules a copy (`withTransientRetry`).
 */
app.serviceBusQueue('sendEmail', {
  connection: 'ServiceBusConnection',
  queueName: 'emails',
  handler: tracedHandler(async (message: unknown, context) => {
    const [{ parseEmailCommand }, { processEmailCommand }, { getEmailServices }, { consumeMessage }] =
      await Promise.all([
        import('../../shared/email/parseEmailCommand'),
        import('../../shared/email/processEmailCommand'),
        import('../../shared/email/emailServices'),
        import('../../shared/events/consumeMessage'),
      ]);
    const command = parseEmailCommand(message);
    const outcome = await consumeMessage('emails', message, context.triggerMetadata, async () => {
      return `email ${command.type} ${command.id}: ${await processEmailCommand(command, await getEmailServices())}`;
    });
    context.log(outcome);
  }),
});
