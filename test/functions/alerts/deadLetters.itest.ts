import { ServiceBusClient } from '@azure/service-bus';
import { request } from 'node:http';
import { startMailCatcher, type MailCatcher } from '../../../tools/mailcatcher';
import { signUp, type TestUser } from '../orders/orderTestUsers';
import { ApiClient } from '../../support/apiClient';
import { startStack, type Stack } from '../../support/stack';
import { waitFor } from '../../e2e/support/pipelineHelpers';
import { startSmtpGate, type SmtpGate } from './smtpGate';

// Dead letters of every queue over the real stack: broker, host, Cosmos DB, mail catcher behind a gate
// that can refuse one recipient's mail (so a real password-reset command dead-letters in `emails`).
let mail: MailCatcher;
let gate: SmtpGate;
let stack: Stack;
let api: ApiClient;
let bus: ServiceBusClient;
let admin: TestUser;

beforeAll(async () => {
  mail = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  gate = await startSmtpGate(mail.smtpPort);
  stack = await startStack({
    serviceBus: true,
    env: { SMTP_URL: `smtp://127.0.0.1:${gate.port}`, ALERT_EMAIL_TO: 'ops@orderflow.test' },
  });
  api = new ApiClient(stack.baseUrl);
  bus = new ServiceBusClient(stack.serviceBusConnectionString!);
  admin = await signUp(api, 'admin@orderflow.test', stack);
}, 120_000);
afterAll(async () => {
  await bus?.close();
  await stack?.close();
  await gate?.close();
  await mail?.close();
});

interface Listed {
  id: string;
  queue: string;
  messageId: string;
  subject: string | null;
  body: Record<string, unknown>;
}
const list = () => api.get<{ items: Listed[] }>('/api/admin/deadletters', { token: admin.token });
const listedWhere = (what: string, pred: (i: Listed) => boolean): Promise<Listed> =>
  waitFor(what, list, (r) => r.body.items.some(pred), { timeoutMs: 120_000, intervalMs: 500 }).then((r) =>
    r.body.items.find(pred)!,
  );
const sentState = async (commandId: string): Promise<string | undefined> =>
  (
    await stack.cosmos
      .database('email')
      .container('sentEmails')
      .item(commandId, commandId)
      .read<{ state: string }>()
  ).resource?.state;

/** POST with the path exactly as written (no URL normalisation: `\` stays a backslash). */
function postRaw(path: string): Promise<{ status: number; type: string; body: string }> {
  const url = new URL(stack.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        headers: { authorization: `Bearer ${admin.token}`, 'content-length': '0' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('dead letters of the emails queue', () => {
  it('a password-reset mail that dead-letters: one alert, listed with its token redacted, replayed to emails once', async () => {
    const victim = await signUp(api, 'victim@shop.test', stack);
    gate.block(victim.email);
    expect((await api.post('/api/auth/password/forgot', { email: victim.email })).status).toBe(202);
    const item = await listedWhere(
      "the reset mail's dead letter",
      (i) => i.queue === 'emails' && i.subject === 'passwordReset',
    );
    expect(item.id).toMatch(/^emails~/);
    expect((await list()).body.items.filter((i) => i.messageId === item.messageId)).toHaveLength(1);
    expect(item.body).toMatchObject({ type: 'passwordReset', to: victim.email, token: '[redacted]' });
    // The stored message keeps the token (the replay must send it); the listing never shows it.
    const stored = await stack.cosmos
      .database('alerts')
      .container('deadLetters')
      .item(item.id, item.id)
      .read();
    const token = String((stored.resource as { body: { token: string } }).body.token);
    expect(token.length).toBeGreaterThanOrEqual(16);
    expect((await list()).text).not.toContain(token);

    // Exactly one operator mail for it.
    // The claim is the email's record (`sending` until a crash-window takeover): the mail catcher is the proof.
    await waitFor(
      'the alert mail to arrive',
      () => Promise.resolve(mail.messages().filter((m) => m.text.includes(item.id)).length),
      (n) => n > 0,
      { timeoutMs: 60_000 },
    );
    const alertMails = mail.messages().filter((m) => m.text.includes(item.id));
    expect(alertMails.map((m) => m.to)).toEqual([['ops@orderflow.test']]);
    expect(alertMails[0]!.text).not.toContain(token);

    // Eight concurrent replays: all 202 with one messageId, and the mail reaches the victim once.
    gate.unblock(victim.email);
    const replays = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.post<{ messageId: string }>(
          `/api/admin/deadletters/${encodeURIComponent(item.id)}/replay`,
          undefined,
          {
            token: admin.token,
          },
        ),
      ),
    );
    expect(replays.map((r) => r.status)).toEqual(Array(8).fill(202));
    expect(new Set(replays.map((r) => r.body.messageId))).toEqual(new Set([`${item.messageId}:replay-1`]));
    const commandId = String(item.body.id);
    await waitFor(
      'the replayed reset mail to arrive',
      () =>
        Promise.resolve(
          mail.messages().filter((m) => m.to.includes(victim.email) && /reset/i.test(m.subject)).length,
        ),
      (n) => n > 0,
      { timeoutMs: 60_000 },
    );
    expect(await sentState(commandId)).toBe('sending');
    const resetMails = mail.messages().filter((m) => m.to.includes(victim.email) && /reset/i.test(m.subject));
    expect(resetMails).toHaveLength(1);
    expect(resetMails[0]!.text).toContain(encodeURIComponent(token));
    const reset = await api.post('/api/auth/password/reset', { token, password: 'a brand new passphrase' });
    expect(reset.status).toBeLessThan(300);
    const doc = (await stack.cosmos.database('alerts').container('deadLetters').item(item.id, item.id).read())
      .resource as { replays: unknown[] };
    expect(doc.replays).toHaveLength(1);
  }, 300_000);
});

describe('POST /api/admin/deadletters/{id}/replay with odd ids, over a real socket', () => {
  it('round-trips a legitimate id with odd characters (a poison command on emails)', async () => {
    const messageId = `odd:ü+é%(x)@'!*$,;=~${Date.now()}`;
    const sender = bus.createSender('emails');
    await sender.sendMessages({ messageId, body: { type: 'noSuchMail' }, contentType: 'application/json' });
    await sender.close();
    const item = await listedWhere('the odd dead letter', (i) => i.messageId === messageId);
    const res = await postRaw(`/api/admin/deadletters/${encodeURIComponent(item.id)}/replay`);
    expect(res.status).toBe(202);
    expect(JSON.parse(res.body)).toMatchObject({ id: item.id, messageId: `${messageId}:replay-1` });
  }, 180_000);

  // The app's answers: a problem+json 400 when the id cannot be an alert id (the local host decodes `%2F` to
  // `/` inside the segment; ASP.NET Core keeps it as `%2F`, which would read as an unknown id, 404: see
  // docs/security.md), 404 for an unknown one. Never a 500.
  it.each([
    ['an encoded slash', 400, '/api/admin/deadletters/a%2Fb/replay'],
    ['an encoded backslash', 400, '/api/admin/deadletters/a%5Cb/replay'],
    ['a raw backslash', 400, '/api/admin/deadletters/a\\b/replay'],
    ['an encoded #', 400, '/api/admin/deadletters/a%23b/replay'],
    ['an encoded ?', 400, '/api/admin/deadletters/a%3Fb/replay'],
    ['a blank id', 400, '/api/admin/deadletters/%20/replay'],
    ['a tab', 400, '/api/admin/deadletters/a%09b/replay'],
    ['a NUL', 400, '/api/admin/deadletters/a%00b/replay'],
    ['an ESC', 400, '/api/admin/deadletters/a%1Bb/replay'],
    ['a DEL', 400, '/api/admin/deadletters/a%7Fb/replay'],
    ['a newline', 400, '/api/admin/deadletters/a%0Ab/replay'],
    ['101 characters', 400, `/api/admin/deadletters/${'x'.repeat(101)}/replay`],
    ['1,000 characters', 400, `/api/admin/deadletters/${'x'.repeat(1000)}/replay`],
    ['an unknown id', 404, '/api/admin/deadletters/no-such-alert~1/replay'],
    ['an unknown id holding %', 404, '/api/admin/deadletters/a%25b/replay'],
  ])('%s answers %d problem+json', async (_what, status, path) => {
    const res = await postRaw(path);
    expect({ status: res.status, type: res.type }).toEqual({
      status,
      type: expect.stringContaining('application/problem+json') as string,
    });
    expect(JSON.parse(res.body)).toMatchObject({ status });
  });

  // Refused by the host before any function runs (as Azure's front end does): a 4xx without our body.
  it.each([
    ['an empty id (no route matches)', 404, '/api/admin/deadletters//replay'],
    ['a malformed escape', 400, '/api/admin/deadletters/a%zzb/replay'],
    ['a URL past 4,096 characters', 414, `/api/admin/deadletters/${'x'.repeat(5000)}/replay`],
  ])('%s answers %d from the host', async (_what, status, path) => {
    expect((await postRaw(path)).status).toBe(status);
  });
});
