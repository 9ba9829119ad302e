import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { CaughtMail } from '../../../tools/mailcatcher';
import { formatMoney } from '../../../shared/orders/formatMoney';
import { signUp, orderBody } from '../orders/orderTestUsers';
import { ApiClient } from '../../support/apiClient';
import { ARTIFACTS, describeWithBrowser, launchBrowser, type TestBrowser } from '../../support/browser';
import { startStack, type Stack } from '../../support/stack';

// The links in our mails, taken from the mail catcher and followed in Chromium against the running stack:
// each page loads (no 404), does its job through the API, and drops the one-time token from the URL.
const PASSWORD = 'correct horse battery staple';
let stack: Stack;
let api: ApiClient;
let browser: TestBrowser | undefined;

/** The link a mail's text gives for `label`, opened on this stack (its port is ephemeral; path and fragment as mailed). */
function linkIn(mail: CaughtMail, label: string): { mailed: string; url: string } {
  const mailed = new RegExp(`${label}: (\\S+)`).exec(mail.text)?.[1];
  if (!mailed) throw new Error(`no "${label}" link in: ${mail.text}`);
  expect(mailed.startsWith(`${stack.settings.APP_BASE_URL}/`)).toBe(true);
  const u = new URL(mailed);
  return { mailed, url: `${stack.baseUrl}${u.pathname}${u.search}${u.hash}` };
}

/** A page that records every failed response, page error, console error and the URLs it requested. */
async function open(
  url: string,
): Promise<{ page: Page; problems: string[]; requested: string[]; referers: string[] }> {
  const page = await browser!.context.newPage();
  const problems: string[] = [];
  const requested: string[] = [];
  const referers: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => (m.type() === 'error' ? problems.push(m.text()) : undefined));
  page.on('request', (r) => {
    requested.push(r.url());
    const referer = r.headers()['referer'];
    if (referer) referers.push(referer);
  });
  // 401 is the API's answer to a wrong password, which no test here sends.
  page.on('response', (r) => (r.status() >= 400 ? problems.push(`${r.status()} ${r.url()}`) : undefined));
  const res = await page.goto(url);
  expect(res?.status()).toBe(200);
  expect(res?.headers()['referrer-policy']).toBe('no-referrer');
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
  return { page, problems, requested, referers };
}

const mailTo = (to: string, subject: RegExp): Promise<CaughtMail> =>
  stack.mail!.waitFor((m) => m.to.includes(to) && subject.test(m.subject), 60_000);

describeWithBrowser('the pages our mails link to, in a browser', () => {
  beforeAll(async () => {
    stack = await startStack({ serviceBus: true, mailCatcher: true });
    api = new ApiClient(stack.baseUrl);
    browser = await launchBrowser({ viewport: { width: 800, height: 700 } });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('verify-email: the mailed link confirms the address, and the ADMIN_EMAILS account becomes admin', async () => {
    const email = 'admin@orderflow.test';
    expect((await api.post('/api/auth/register', { email, password: PASSWORD, name: 'Admin' })).status).toBe(
      201,
    );
    const { url } = linkIn(await mailTo(email, /confirm/i), 'Confirm my address');
    const token = new URLSearchParams(new URL(url).hash.slice(1)).get('token')!;
    const { page, problems, requested, referers } = await open(url);
    await page.waitForFunction(() => !location.hash);
    await page.click('#verify');
    await page.waitForSelector('body[data-verified=true]', { timeout: 30_000 });
    expect(await page.getAttribute('body', 'data-roles')).toContain('admin');
    expect(await page.textContent('#status')).toContain(`${email} is verified`);
    await page.screenshot({ path: join(ARTIFACTS, 'verify-email.png'), fullPage: true });
    expect(page.url()).not.toContain(token);
    expect(requested.filter((r) => r.includes(token))).toEqual([]);
    expect(referers).toEqual([]);
    expect(problems).toEqual([]);
    const login = await api.post<{ accessToken: string }>('/api/auth/login', { email, password: PASSWORD });
    const me = await api.get<{ roles: string[]; emailVerified: boolean }>('/api/auth/me', {
      token: login.body.accessToken,
    });
    expect(me.body).toMatchObject({
      emailVerified: true,
      roles: expect.arrayContaining(['admin']) as string[],
    });
    await page.close();
  }, 120_000);

  it('reset-password: the mailed link sets a new password, which then signs in (and the old one does not)', async () => {
    const user = await signUp(api, 'reset-browser@shop.test', stack);
    expect((await api.post('/api/auth/password/forgot', { email: user.email })).status).toBe(202);
    const { url } = linkIn(await mailTo(user.email, /reset/i), 'Choose a new password');
    const token = new URLSearchParams(new URL(url).hash.slice(1)).get('token')!;
    const { page, problems, requested, referers } = await open(url);
    await page.waitForFunction(() => !location.hash);
    const fresh = 'a brand new browser passphrase';
    await page.fill('#new-password', fresh);
    await page.fill('#repeat-password', fresh);
    await page.click('#reset-form button[type=submit]');
    await page.waitForSelector('#status.ok', { timeout: 30_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'reset-password.png'), fullPage: true });
    expect(page.url()).not.toContain(token);
    expect(requested.filter((r) => r.includes(token))).toEqual([]);
    expect(referers).toEqual([]);
    expect(problems).toEqual([]);
    expect((await api.post('/api/auth/login', { email: user.email, password: fresh })).status).toBe(200);
    expect((await api.post('/api/auth/login', { email: user.email, password: PASSWORD })).status).toBe(401);
    await page.close();
  }, 120_000);

  // After the verify-email test: it makes admin@orderflow.test a verified admin.
  it("orders/{id}: the mailed link signs in and shows the order's current status", async () => {
    const user = await signUp(api, 'order-browser@shop.test', stack);
    const created = await api.post<{
      id: string;
      status: string;
      pricing: { total: number; currency: string };
    }>('/api/orders', orderBody(), {
      token: user.token,
    });
    expect(created.status).toBe(201);
    // Both order mails link to the page: the confirmation, and the status change an admin causes.
    const received = linkIn(await mailTo(user.email, /received/i), 'View your order');
    const admin = await api.post<{ accessToken: string }>('/api/auth/login', {
      email: 'admin@orderflow.test',
      password: PASSWORD,
    });
    const confirm = await api.post(
      `/api/orders/${created.body.id}/status`,
      { status: 'confirmed' },
      { token: admin.body.accessToken },
    );
    expect(confirm.status).toBe(200);
    const { url } = linkIn(await mailTo(user.email, /is confirmed/i), 'Track your order');
    expect(url).toBe(received.url);
    expect(url).toContain(created.body.id);
    const { page, problems } = await open(url);
    await page.fill('#login-email', user.email);
    await page.fill('#login-password', PASSWORD);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#order:not([hidden])', { timeout: 30_000 });
    expect(await page.textContent('#order-status')).toBe('confirmed');
    expect(await page.textContent('#order-total')).toBe(formatMoney(created.body.pricing.total, 'EUR'));
    await page.screenshot({ path: join(ARTIFACTS, 'order-status.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
