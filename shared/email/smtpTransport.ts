import type { EmailTransport } from './emailTransport';

/**
 * A pooled transport unless the URL says otherwise (`?pool=false`): one SMTP connection per email costs a
 * TCP handshake, EHLO and QUIT each time, and was the slowest stage of the pipeline. nodemailer's pool keeps up
 * to `maxConnections` (default 5) open and reconnects after the server drops one.
 */
export function pooledUrl(url: string): string {
  const u = new URL(url);
  if (!u.searchParams.has('pool')) u.searchParams.set('pool', 'true');
  return u.toString();
}

/** SMTP through nodemailer: the local mail catcher offline (SMTP_URL), or any relay. */
export async function smtpTransport(url: string): Promise<EmailTransport> {
  // nodemailer is CommonJS: in an ESM bundle its API sits on `default`; under jest (CommonJS) it is the module.
  const mod = await import('nodemailer');
  const nodemailer = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const transporter = nodemailer.createTransport(pooledUrl(url));
  return {
    name: 'smtp',
    async send(email) {
      const info = await transporter.sendMail({
        from: email.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        // Recipients (and our tests) can see which command caused the email.
        headers: { 'X-Orderflow-Command-Id': email.id },
      });
      return { providerMessageId: String(info.messageId) };
    },
    close() {
      transporter.close();
      return Promise.resolve();
    },
  };
}
