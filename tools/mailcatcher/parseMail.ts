import { randomUUID } from 'node:crypto';
import PostalMime from 'postal-mime';
import type { CaughtMail } from './caughtMail';

/** Parses a raw RFC 5322 message; the envelope gives the recipients (Bcc included) and the fallback sender. */
export async function parseMail(
  raw: Buffer,
  envelope: { from: string; to: string[] },
  now: Date,
): Promise<CaughtMail> {
  const email = await PostalMime.parse(raw);
  const headers: Record<string, string> = {};
  for (const h of email.headers) headers[h.key.toLowerCase()] ??= h.value;
  const from =
    email.from && 'address' in email.from && email.from.address ? email.from.address : envelope.from;
  return {
    id: randomUUID(),
    from,
    to: envelope.to,
    subject: email.subject ?? '',
    text: email.text ?? '',
    ...(email.html ? { html: email.html } : {}),
    receivedAt: now.toISOString(),
    headers,
  };
}
