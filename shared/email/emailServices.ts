import { createEmailTransport } from './createEmailTransport';
import type { OrderStatusDoc, SentEmailDoc } from './emailDocs';
import type { EmailServiceInit } from './processEmailCommand';
import { cosmosDocStore } from '../analytics/cosmosDocStore';
import { getConfig } from '../config/config';
import { getCosmosClient } from '../platform/processClients';

let services: Promise<EmailServiceInit> | undefined;

async function create(): Promise<EmailServiceInit> {
  const s = getConfig();
  const db = (await getCosmosClient(s)).database('email');
  return {
    sent: cosmosDocStore<SentEmailDoc>(db.container('sentEmails')),
    statuses: cosmosDocStore<OrderStatusDoc>(db.container('orderStatus')),
    transport: await createEmailTransport(s),
    from: s.EMAIL_SENDER,
    appBaseUrl: s.APP_BASE_URL,
  };
}

/** The email service of this process: database `email` and one transport (ACS or SMTP). */
export function getEmailServices(): Promise<EmailServiceInit> {
  services ??= create().catch((err: unknown) => {
    services = undefined;
    throw err;
  });
  return services;
}
