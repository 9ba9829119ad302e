import { app } from '@azure/functions';

/** Queue `emails` -> one email per command id (claim, send, record), through ACS in Azure or SMTP offline. */
app.serviceBusQueue('sendEmail', {
  connection: 'ServiceBusConnection',
  queueName: 'emails',
  handler: async (message: unknown, context) => {
    const [{ parseEmailCommand }, { processEmailCommand }, { getEmailServices }] = await Promise.all([
      import('../../shared/email/parseEmailCommand'),
      import('../../shared/email/processEmailCommand'),
      import('../../shared/email/emailServices'),
    ]);
    const command = parseEmailCommand(message);
    const outcome = await processEmailCommand(command, await getEmailServices());
    context.log(`email ${command.type} ${command.id}: ${outcome}`);
  },
});
