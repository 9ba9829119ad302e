import type { EmailTransport } from './emailTransport';
import { NoEmailTransportError } from './errors';
import type { Settings } from '../config/config';
import { getCredential } from '../platform/credential';
import { tracedEmailTransport } from '../telemetry/tracedEmailTransport';

/** ACS with managed identity when ACS_ENDPOINT is set (Azure), otherwise SMTP to SMTP_URL (offline). */
export async function createEmailTransport(s: Settings): Promise<EmailTransport> {
  if (s.ACS_ENDPOINT) {
    const { acsTransport } = await import('./acsTransport');
    return tracedEmailTransport(await acsTransport(s.ACS_ENDPOINT, await getCredential(s.AZURE_CLIENT_ID)));
  }
  if (s.SMTP_URL) {
    const { smtpTransport } = await import('./smtpTransport');
    return tracedEmailTransport(await smtpTransport(s.SMTP_URL));
  }
  throw new NoEmailTransportError('set ACS_ENDPOINT (Azure) or SMTP_URL (offline) to send email');
}
