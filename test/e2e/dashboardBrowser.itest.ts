import { ServiceBusClient } from '@azure/service-bus';
import { join } from 'node:path';
import type { DashboardSnapshot } from '../../shared/analytics/dashboardSnapshot';
import { signUp, type TestUser } from '../functions/orders/orderTestUsers';
import { ApiClient } from '../support/apiClient';
import { ARTIFACTS, describeWithBrowser, launchBrowser, type TestBrowser } from '../support/browser';
import { startStack, type Stack } from '../support/stack';
import {
  dashboardMatches,
  inParallel,
  ordersStoreTotals,
  refreshedDashboard,
  variedOrder,
  waitFor,
} from './support/pipelineHelpers';

// Debian's Chromium (`.ci/run` installs it) driven by playwright-core: the page a person would look at.
const PASSWORD = 'correct horse battery staple';
let stack: Stack;
let api: ApiClient;
let admin: TestUser;
let browser: TestBrowser | undefined;

describeWithBrowser('dashboard page in a browser', () => {
  beforeAll(async () => {
    stack = await startStack({
      serviceBus: true,
      mailCatcher: true,
      env: { DASHBOARD_SCHEDULE: '*/2 * * * * *', RELAY_FEED_POLL_DELAY_MS: '100' },
    });
    api = new ApiClient(stack.baseUrl);
    const [a, customer] = await Promise.all([
      signUp(api, 'admin@orderflow.test', stack),
      signUp(api, 'browser@shop.test', stack),
    ]);
    admin = a;
    const ids: string[] = [];
    await inParallel(
      Array.from({ length: 60 }, (_, i) => i),
      8,
      async (i) => {
        const res = await api.post<{ id: string }>('/api/orders', variedOrder(i), { token: customer.token });
        if (res.status !== 201) throw new Error(`create: ${res.status} ${res.text}`);
        ids.push(res.body.id);
      },
    );
    await inParallel(ids.slice(0, 12), 4, (id) =>
      api.post(`/api/orders/${id}/status`, { status: 'confirmed' }, { token: admin.token }),
    );
    await inParallel(ids.slice(12, 16), 4, (id) =>
      api.call(`/api/orders/${id}`, { method: 'DELETE', token: admin.token }),
    );
    // One poison message, so the dead-letter list has something to show and replay.
    const bus = new ServiceBusClient(stack.serviceBusConnectionString!);
    await bus
      .createSender('orders')
      .sendMessages({ messageId: 'browser-poison', body: { not: 'an event' }, subject: 'Garbage' });
    const truth = await ordersStoreTotals(stack.cosmos);
    await waitFor(
      'the dashboard to match the store',
      () => refreshedDashboard(api, admin.token),
      (d) => dashboardMatches(d, truth),
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    await waitFor(
      'the poison message to be listed',
      async () =>
        (await api.get<{ items: unknown[] }>('/api/admin/deadletters', { token: admin.token })).body.items
          .length,
      (n) => n === 1,
      { timeoutMs: 60_000 },
    );
    await bus.close();
    browser = await launchBrowser({ viewport: { width: 1360, height: 1000 } });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('signs in, shows the KPIs the API reports, draws the charts, replays a dead letter, and is screenshotted', async () => {
    const page = await browser!.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(`${stack.baseUrl}/api/dashboard`);
    await page.fill('#login-email', admin.email);
    await page.fill('#login-password', PASSWORD);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('body[data-state=ready]', { timeout: 20_000 });

    const api = (
      await new ApiClient(stack.baseUrl).get<DashboardSnapshot>('/api/analytics/dashboard', {
        token: admin.token,
      })
    ).body;
    const text = (id: string) => page.textContent(`#${id}`);
    expect(await text('kpi-orders')).toBe(String(api.totals.orders));
    expect(await text('kpi-open')).toBe(String(api.totals.open));
    expect(await text('kpi-cancelled')).toBe(String(api.totals.cancelled));
    expect(await text('kpi-revenue')).toBe(
      new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(api.totals.revenue / 100),
    );
    expect(api.totals).toMatchObject({ orders: 60, cancelled: 4, open: 56 });
    expect(await text('kpi-deadletters')).toBe('1');
    // Chart.js drew on every canvas: a blank canvas has no non-transparent pixel.
    for (const id of ['chart-daily', 'chart-status', 'chart-products']) {
      const painted = await page.$eval(`#${id}`, (c) => {
        const canvas = c as HTMLCanvasElement;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
        return false;
      });
      expect(painted).toBe(true);
    }
    // Every queue's dead letters are listed with their queue (issue 15, item 8).
    expect(await page.textContent('#deadletters td.queue')).toBe('orders');
    await page.click('#deadletters button.replay');
    await page.waitForSelector('#replay-status:has-text("Sent back")', { timeout: 10_000 });
    expect(await text('replay-status')).toBe('Sent back to orders as browser-poison:replay-1.');

    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
