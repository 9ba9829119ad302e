import { ServiceBusClient } from '@azure/service-bus';
import type { DashboardSnapshot } from '../../shared/analytics/dashboardSnapshot';
import { eventFromOrderDocument } from '../../shared/relay/eventFromOrderDocument';
import { orderEventMessage } from '../../shared/relay/relayMessages';
import { sendInBatches } from '../../shared/relay/sendInBatches';
import { signUp, type TestUser } from '../functions/orders/orderTestUsers';
import { ApiClient } from '../support/apiClient';
import { startStack, type Stack } from '../support/stack';
import { orderNumber } from '../../shared/orders/orderNumber';
import {
  dashboardMatches,
  inParallel,
  ordersStoreTotals,
  queueIsEmpty,
  refreshedDashboard,
  variedOrder,
  waitFor,
} from './support/pipelineHelpers';

// The whole pipeline through the local host: HTTP -> orders store -> change feed relay -> Service Bus ->
// analytics, alerts and email -> mail catcher. Real sockets everywhere; nothing mocked.
let stack: Stack;
let api: ApiClient;
let bus: ServiceBusClient;
let admin: TestUser;
let customers: TestUser[];

beforeAll(async () => {
  stack = await startStack({
    serviceBus: true,
    mailCatcher: true,
    env: {
      DASHBOARD_SCHEDULE: '*/2 * * * * *',
      RELAY_FEED_POLL_DELAY_MS: '100',
      REMINDER_DELAY: 'PT3S',
      ALERT_EMAIL_TO: 'ops@orderflow.test',
    },
  });
  api = new ApiClient(stack.baseUrl);
  bus = new ServiceBusClient(stack.serviceBusConnectionString!);
  const users = await Promise.all(
    ['admin@orderflow.test', 'c1@shop.test', 'c2@shop.test', 'c3@shop.test', 'c4@shop.test'].map((e) =>
      signUp(api, e, stack),
    ),
  );
  admin = users[0]!;
  customers = users.slice(1);
}, 60_000);
afterAll(async () => {
  await bus?.close();
  await stack?.close();
});

describe('event pipeline end to end', () => {
  it('reflects 500 orders created over HTTP exactly, with the totals of the orders store', async () => {
    const started = Date.now();
    const ids: string[] = [];
    await inParallel(
      Array.from({ length: 500 }, (_, i) => i),
      16,
      async (i) => {
        const user = customers[i % customers.length]!;
        const res = await api.post<{ id: string }>('/api/orders', variedOrder(i), { token: user.token });
        if (res.status !== 201) throw new Error(`create ${i}: ${res.status} ${res.text}`);
        ids.push(res.body.id);
      },
    );
    // Some business: 40 confirmed, 25 cancelled.
    await inParallel(ids.slice(0, 40), 8, async (id) => {
      const res = await api.post(`/api/orders/${id}/status`, { status: 'confirmed' }, { token: admin.token });
      expect(res.status).toBe(200);
    });
    await inParallel(ids.slice(40, 65), 8, async (id) => {
      const res = await api.call(`/api/orders/${id}`, { method: 'DELETE', token: admin.token });
      expect(res.status).toBeLessThan(300);
    });
    const written = Date.now();
    const truth = await ordersStoreTotals(stack.cosmos);
    expect(truth).toMatchObject({ orders: 500, cancelled: 25 });
    // The timer (every 2 s here) must get there on its own: GET serves what it stored.
    const seen = await waitFor(
      'the timer-calculated dashboard to match the orders store',
      async () => (await api.get<DashboardSnapshot>('/api/analytics/dashboard', { token: admin.token })).body,
      (d) => dashboardMatches(d, truth),
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    console.log(
      `500 orders + 65 changes written over HTTP in ${written - started} ms; dashboard exact ${Date.now() - written} ms after the last write`,
    );
    expect(seen.totals).toEqual({ orders: 500, revenue: truth.revenue, open: 475, cancelled: 25 });
    expect(seen.ordersByStatus).toMatchObject({ pending: 435, confirmed: 40, cancelled: 25 });
    expect(seen.daily.at(-1)?.orders).toBe(500);
    expect(seen.topProducts).toHaveLength(7);
    expect(seen.openAge.count).toBe(475);
    expect(seen.cancellationRate).toBeCloseTo(0.05);
  }, 150_000);

  it('changes nothing when every event is delivered again, in and out of order', async () => {
    const before = await refreshedDashboard(api, admin.token);
    const { resources: docs } = await stack.cosmos
      .database('orders')
      .container('orders')
      .items.query('SELECT * FROM c')
      .fetchAll();
    const sender = bus.createSender('orders');
    const messages = docs.flatMap((doc) => {
      const latest = eventFromOrderDocument(doc);
      // Another message id, so duplicate detection lets it through: the consumer must be idempotent.
      const again = { ...orderEventMessage(latest), messageId: `${latest.id}:again` };
      const older = {
        ...latest,
        id: `${latest.orderId}:1`,
        version: 1,
        type: 'OrderCreated' as const,
        order: { ...latest.order, version: 1, status: 'pending' as const },
      };
      return latest.version > 1
        ? [again, { ...orderEventMessage(older), messageId: `${older.id}:late` }]
        : [again];
    });
    await sendInBatches(sender, messages);
    await sender.close();
    await waitFor(
      'the orders queue to drain',
      () => queueIsEmpty(bus, 'orders'),
      (empty) => empty,
      { timeoutMs: 60_000 },
    );
    const after = await refreshedDashboard(api, admin.token);
    expect(after.totals).toEqual(before.totals);
    expect(after.ordersByStatus).toEqual(before.ordersByStatus);
    expect(after.topProducts).toEqual(before.topProducts);
    expect(dashboardMatches(after, await ordersStoreTotals(stack.cosmos))).toBe(true);
  }, 90_000);

  it('dead-letters a poison message after maxDeliveryCount, alerts once, emails the operators once, and replays it', async () => {
    const messageId = `poison-${Date.now()}`;
    const sender = bus.createSender('orders');
    await sender.sendMessages({
      messageId,
      body: { schemaVersion: 99, type: 'OrderTeleported' },
      contentType: 'application/json',
      subject: 'OrderTeleported',
      applicationProperties: { source: 'e2e' },
    });
    type List = {
      items: Array<{
        id: string;
        messageId: string;
        reason: string;
        deliveryCount: number;
        body: unknown;
        replayedAt: string | null;
      }>;
    };
    const list = () => api.get<List>('/api/admin/deadletters', { token: admin.token });
    const listed = await waitFor(
      'the dead letter to be listed',
      list,
      (r) => r.body.items.some((i) => i.messageId === messageId),
      { timeoutMs: 60_000 },
    );
    const alert = listed.body.items.find((i) => i.messageId === messageId)!;
    expect(alert).toMatchObject({
      reason: 'MaxDeliveryCountExceeded',
      body: { schemaVersion: 99, type: 'OrderTeleported' },
    });
    // Counted as the dead-letter trigger sees it: the 10 deliveries on `orders`, plus its own.
    expect(alert.deliveryCount).toBeGreaterThanOrEqual(10);
    const mail = await stack.mail!.waitFor(
      (m) => m.to.includes('ops@orderflow.test') && m.text.includes(messageId),
      20_000,
    );
    expect(mail.subject).toContain('dead-lettered');
    // One command id per alert: its claim, the email's record, is the proof that a redelivery would not email
    // again (one Cosmos DB request per email: no `sent` write follows, docs/event-pipeline.md).
    const sentEmails = stack.cosmos.database('email').container('sentEmails');
    await waitFor(
      'the alert email to be claimed',
      async () =>
        (await sentEmails.item(`alert:${alert.id}`, `alert:${alert.id}`).read<{ state: string }>()).resource
          ?.state,
      (state) => state === 'sending',
    );
    expect(stack.mail!.messages().filter((m) => m.text.includes(messageId))).toHaveLength(1);
    expect((await list()).body.items.filter((i) => i.messageId === messageId)).toHaveLength(1);

    const replay = await api.post<{ messageId: string }>(
      `/api/admin/deadletters/${encodeURIComponent(alert.id)}/replay`,
      undefined,
      { token: admin.token },
    );
    expect(replay.status).toBe(202);
    expect(replay.body.messageId).toBe(`${messageId}:replay-1`);
    // Still poison: it goes round again and dead-letters under its replay id, proving it was back on `orders`.
    const again = await waitFor(
      'the replayed message to dead-letter again',
      list,
      (r) => r.body.items.some((i) => i.messageId === `${messageId}:replay-1`),
      { timeoutMs: 60_000 },
    );
    expect(again.body.items.find((i) => i.messageId === messageId)?.replayedAt).toEqual(expect.any(String));
    await sender.close();
    const missing = await api.post(`/api/admin/deadletters/nope/replay`, undefined, { token: admin.token });
    expect(missing.status).toBe(404);
    expect((await api.get('/api/admin/deadletters', { token: customers[0]!.token })).status).toBe(403);
  }, 90_000);

  it('sends the password-reset email to the mail catcher, and its token works once', async () => {
    const user = customers[0]!;
    expect((await api.post('/api/auth/password/forgot', { email: user.email })).status).toBe(202);
    const mail = await stack.mail!.waitFor(
      (m) => m.to.includes(user.email) && /reset/i.test(m.subject),
      20_000,
    );
    const token = /token=([A-Za-z0-9._~%-]+)/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    const password = 'a brand new passphrase';
    const reset = await api.post('/api/auth/password/reset', { token: decodeURIComponent(token!), password });
    expect(reset.status).toBeLessThan(300);
    const reused = await api.post('/api/auth/password/reset', {
      token: decodeURIComponent(token!),
      password: 'yet another passphrase',
    });
    expect(reused.status).toBeGreaterThanOrEqual(400);
    expect((await api.post('/api/auth/login', { email: user.email, password })).status).toBe(200);
  }, 90_000);

  it('reminds a customer of a pending order and not of a confirmed one', async () => {
    const user = customers[1]!;
    const pending = await api.post<{ id: string }>('/api/orders', variedOrder(1), { token: user.token });
    const confirmed = await api.post<{ id: string }>('/api/orders', variedOrder(2), { token: user.token });
    expect(
      (
        await api.post(
          `/api/orders/${confirmed.body.id}/status`,
          { status: 'confirmed' },
          { token: admin.token },
        )
      ).status,
    ).toBe(200);
    const reminder = await stack.mail!.waitFor(
      (m) => m.subject === `Your order ${orderNumber(pending.body.id)} is waiting`,
      30_000,
    );
    expect(reminder.to).toEqual([user.email]);
    const sentEmails = stack.cosmos.database('email').container('sentEmails');
    const skipped = await waitFor(
      'the confirmed order reminder to be skipped',
      async () =>
        (
          await sentEmails
            .item(
              `${confirmed.body.id}:1:pendingOrderReminder`,
              `${confirmed.body.id}:1:pendingOrderReminder`,
            )
            .read<{ state: string; reason?: string }>()
        ).resource,
      (r) => r !== undefined,
      { timeoutMs: 30_000 },
    );
    expect(skipped).toMatchObject({ state: 'skipped', reason: 'order is confirmed' });
    expect(
      stack.mail!.messages().some((m) => m.subject === `Your order ${orderNumber(confirmed.body.id)} is waiting`),
    ).toBe(false);
    await stack.mail!.waitFor((m) => m.subject === `Order ${orderNumber(confirmed.body.id)} received`, 10_000);
  }, 90_000);
});
