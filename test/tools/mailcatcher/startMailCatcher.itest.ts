import nodemailer from 'nodemailer';
import { startMailCatcher, type MailCatcher } from '../../../tools/mailcatcher';
import { MailCatcherTimeoutError } from '../../../tools/mailcatcher/errors';

describe('startMailCatcher', () => {
  let mc: MailCatcher;
  beforeAll(async () => {
    mc = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  });
  afterAll(() => mc.close());

  const send = (subject: string) =>
    nodemailer.createTransport(`smtp://127.0.0.1:${mc.smtpPort}`).sendMail({
      from: 'no-reply@orderflow.local',
      to: 'ann@example.com',
      bcc: 'audit@example.com',
      subject,
      text: 'plain body',
      html: '<p>html body</p>',
      headers: { 'X-Orderflow-Command-Id': 'cmd-1' },
    });

  it('catches a mail sent over SMTP with its envelope, text, html and headers', async () => {
    const waiting = mc.waitFor((m) => m.subject === 'hello', 5000);
    await send('hello');
    const mail = await waiting;
    expect(mail).toMatchObject({ from: 'no-reply@orderflow.local', subject: 'hello' });
    expect(mail.text.trim()).toBe('plain body');
    expect(mail.html?.trim()).toBe('<p>html body</p>');
    expect(mail.to.sort()).toEqual(['ann@example.com', 'audit@example.com']);
    expect(mail.headers['x-orderflow-command-id']).toBe('cmd-1');
  });

  it('lists caught mails over its JSON API and serves its page', async () => {
    await send('listed');
    const { items } = (await (await fetch(`${mc.url}api/messages`)).json()) as {
      items: Array<{ id: string; subject: string }>;
    };
    const listed = items.find((m) => m.subject === 'listed');
    expect(listed).toBeDefined();
    const one = (await (await fetch(`${mc.url}api/messages/${listed!.id}`)).json()) as { subject: string };
    expect(one.subject).toBe('listed');
    const page = await fetch(mc.url);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('mail catcher');
    expect((await fetch(`${mc.url}api/messages/nope`)).status).toBe(404);
  });

  it('times out with a clear error when nothing matches', async () => {
    await expect(mc.waitFor((m) => m.subject === 'never', 50)).rejects.toThrow(MailCatcherTimeoutError);
  });
});
