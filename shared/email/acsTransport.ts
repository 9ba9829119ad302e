import { createHash } from 'node:crypto';
import type { TokenCredential } from '@azure/identity';
import type { EmailTransport } from './emailTransport';
import { EmailSendError } from './errors';

/** A stable UUID from the command id: ACS treats a repeated operation id as the same send. */
export function operationIdFor(commandId: string): string {
  const h = createHash('sha256').update(commandId).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Azure Communication Services Email with Entra ID (the app's managed identity): no keys. */
export async function acsTransport(endpoint: string, credential: TokenCredential): Promise<EmailTransport> {
  const { EmailClient } = await import('@azure/communication-email');
  const client = new EmailClient(endpoint, credential);
  return {
    name: 'acs',
    async send(email) {
      const poller = await client.beginSend(
        {
          senderAddress: email.from,
          recipients: { to: [{ address: email.to }] },
          content: { subject: email.subject, plainText: email.text, html: email.html },
          headers: { 'X-Orderflow-Command-Id': email.id },
        },
        { operationId: operationIdFor(email.id) },
      );
      const result = await poller.pollUntilDone();
      if (result.status !== 'Succeeded') {
        throw new EmailSendError(
          `ACS send ${result.id} ended ${result.status}: ${result.error?.message ?? 'no detail'}`,
        );
      }
      return { providerMessageId: result.id };
    },
  };
}
