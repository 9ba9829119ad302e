import type { EmailTransport } from './emailTransport';
import { NoEmailTransportError } from './errors';
import type { Settings } from '../config/config';
import { getCredential } from '../platform/credential';

/** ACS with managed identity when ACS_ENDPOINT is set (Azure), otherwise SMTP to SMTP_URL (offline). */
export async function createEmailTransport(s: Settings): Promise<EmailTransport> {
  if (s.ACS_ENDPOINT) {
    const { acsTransport } = await import('./acsTransport');
    return acsTransport(s.ACS_ENDPOINT, await getCredential(s.AZURE_CLIENT_ID));
  }
  if (s.SMTP_URL) {
    const { smtpTransport } = await import('./smtpTransport');
    return smtpTransport(s.SMTP_URL);
  }
  throw new NoEmailTransportError('set ACS_ENDPOINT (Azure) or SMTP_URL (offline) to send email');
}
