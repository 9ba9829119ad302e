import { join } from 'node:path';
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

describe('mail catcher process when a sender dies mid-transaction', () => {
  // In `npm run dev` the catcher shares a process with the other services; a Functions host killed while
  // sending must not take it down. smtp-server reports a reset inside a mail transaction as an 'error'.
  it('survives a reset connection and keeps catching mail', async () => {
    const { spawn } = await import('node:child_process');
    const { connect } = await import('node:net');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tools/mailcatcher/main.ts', '--smtp-port', '0', '--http-port', '0'],
      {
        cwd: join(__dirname, '..', '..', '..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const deadline = Date.now() + 20_000;
      while (!/listening: SMTP smtp:\/\/127\.0\.0\.1:(\d+)/.test(output) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const port = Number(/smtp:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
      expect(port).toBeGreaterThan(0);

      const socket = connect(port, '127.0.0.1');
      let replies = '';
      socket.on('data', (d: Buffer) => (replies += d.toString()));
      const reply = async (code: string) => {
        const until = Date.now() + 5000;
        while (!new RegExp(`^${code} `, 'm').test(replies) && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 5));
        }
        expect(replies).toMatch(new RegExp(`^${code} `, 'm'));
        replies = '';
      };
      await reply('220');
      for (const [line, code] of [
        ['EHLO crash.test', '250'],
        ['MAIL FROM:<a@crash.test>', '250'],
        ['RCPT TO:<b@crash.test>', '250'],
        ['DATA', '354'],
      ] as const) {
        socket.write(`${line}\r\n`);
        await reply(code);
      }
      socket.write('Subject: cut short\r\n\r\nhalf a bo');
      socket.resetAndDestroy();

      await nodemailer.createTransport(`smtp://127.0.0.1:${port}`).sendMail({
        from: 'no-reply@orderflow.local',
        to: 'ann@example.com',
        subject: 'after reset',
        text: 'still here',
      });
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 30_000);
});

describe('mail catcher limits', () => {
  it('keeps the last maxMails mails past 10x the cap, evicting the oldest and saying how many', async () => {
    const cap = 25;
    const mc = await startMailCatcher({ smtpPort: 0, httpPort: 0, maxMails: cap });
    try {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: mc.smtpPort,
        pool: true,
        maxConnections: 4,
      });
      const total = cap * 10 + 7;
      await Promise.all(
        Array.from({ length: total }, (_, i) =>
          transport.sendMail({ from: 'a@x.test', to: 'b@x.test', subject: `m${i}`, text: String(i) }),
        ),
      );
      transport.close();
      const body = (await (await fetch(`${mc.url}api/messages`)).json()) as {
        items: Array<{ subject: string }>;
        kept: number;
        evicted: number;
      };
      expect(body.items).toHaveLength(cap);
      expect(body.kept).toBe(cap);
      expect(body.evicted).toBe(total - cap);
      expect(mc.evicted()).toBe(total - cap);
      // Arrival order is the pool's, so compare sets: the survivors are the last `cap` to arrive.
      expect(new Set(body.items.map((m) => m.subject)).size).toBe(cap);
      const script = await (await fetch(`${mc.url}page.js`)).text();
      expect(script).toContain('evicted');
    } finally {
      await mc.close();
    }
  }, 60_000);

  it('refuses a mail over maxMailBytes with 552 and takes the next one', async () => {
    const mc = await startMailCatcher({ smtpPort: 0, httpPort: 0, maxMailBytes: 4096 });
    try {
      const transport = nodemailer.createTransport(`smtp://127.0.0.1:${mc.smtpPort}`);
      await expect(
        transport.sendMail({ from: 'a@x.test', to: 'b@x.test', subject: 'big', text: 'x'.repeat(50_000) }),
      ).rejects.toMatchObject({ responseCode: 552 });
      await transport.sendMail({ from: 'a@x.test', to: 'b@x.test', subject: 'small', text: 'ok' });
      expect(mc.messages().map((m) => m.subject)).toEqual(['small']);
    } finally {
      await mc.close();
    }
  });

  it('sends security headers with its page', async () => {
    const mc = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    try {
      const res = await fetch(mc.url);
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('content-security-policy')).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    } finally {
      await mc.close();
    }
  });
});
