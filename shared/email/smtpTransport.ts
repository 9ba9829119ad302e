import type { EmailTransport } from './emailTransport';

/** SMTP through nodemailer: the local mail catcher offline (SMTP_URL), or any relay. */
export async function smtpTransport(url: string): Promise<EmailTransport> {
  const nodemailer = await import('nodemailer');
  const transporter = nodemailer.createTransport(url);
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
