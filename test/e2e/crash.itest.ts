import { ServiceBusClient } from '@azure/service-bus';
import { join } from 'node:path';
import { sumCounters, type Counters } from '../../shared/analytics/counters';
import { signUp, type TestUser } from '../functions/orders/orderTestUsers';
import { ApiClient } from '../support/apiClient';
import { startStack, type Stack } from '../support/stack';
import { freePort, HostProcess } from './support/hostProcess';
import {
  dashboardMatches,
  inParallel,
  ordersStoreTotals,
  queueIsEmpty,
  refreshedDashboard,
  variedOrder,
  waitFor,
} from './support/pipelineHelpers';

// kill -9 of the Functions host while 500 orders are being created: the change-feed checkpoint, the
// Service Bus locks and the projection's atomic batches must together lose nothing and count nothing twice.
let stack: Stack;
let host: HostProcess;
let bus: ServiceBusClient;

beforeAll(async () => {
  // Locks of 5 s instead of 1 min: messages the killed host held come back sooner; the semantics are Azure's.
  stack = await startStack({
    serviceBus: true,
    mailCatcher: true,
    host: false,
    serviceBusConfig: join(__dirname, 'fixtures', 'shortLocks.Config.json'),
  });
  host = new HostProcess(await freePort(), {
    ...stack.settings,
    RELAY_FEED_POLL_DELAY_MS: '100',
    DASHBOARD_SCHEDULE: '0 0 0 * * *',
  });
  await host.start();
  bus = new ServiceBusClient(stack.serviceBusConnectionString!);
}, 60_000);
afterAll(async () => {
  await host?.stop();
  await bus?.close();
  await stack?.close();
});

/** POST with an Idempotency-Key, retried through connection errors and 5xx: exactly one order per key. */
async function createWithRetry(api: ApiClient, user: TestUser, i: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const res = await api
      .post('/api/orders', variedOrder(i), {
        token: user.token,
        headers: { 'idempotency-key': `crash-${i}` },
      })
      .catch(() => undefined);
    if (res && res.status < 300) return;
    if (res && res.status < 500) throw new Error(`create ${i}: ${res.status} ${res.text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`create ${i}: host never came back`);
}

/** Where the orders without a projection are: still queued, dead-lettered, or never published. */
async function whereAreTheMissing(): Promise<string> {
  const ids = async (db: string, container: string, sql: string): Promise<string[]> =>
    (await stack.cosmos.database(db).container(container).items.query<string>(sql).fetchAll()).resources;
  const projected = new Set(
    await ids('analytics', 'projections', "SELECT VALUE c.id FROM c WHERE c.kind = 'order'"),
  );
  const missing = (await ids('orders', 'orders', 'SELECT VALUE c.id FROM c')).filter(
    (id) => !projected.has(id),
  );
  const peek = async (queue: string, subQueue?: 'deadLetter') => {
    const receiver = bus.createReceiver(queue, subQueue ? { subQueueType: subQueue } : {});
    try {
      return await receiver.peekMessages(1000);
    } finally {
      await receiver.close();
    }
  };
  const [active, dead] = await Promise.all([peek('orders'), peek('orders', 'deadLetter')]);
  const about = (m: { messageId?: unknown }) => missing.some((id) => String(m.messageId).startsWith(id));
  return [
    `orders without a projection: ${missing.length} (${missing.slice(0, 10).join(', ')})`,
    `of their events, still in queue orders: ${active.filter(about).length} of ${active.length}`,
    `dead-lettered: ${dead.filter(about).length} of ${dead.length}; reasons: ${dead
      .slice(0, 5)
      .map((m) => `${String(m.deadLetterReason)}: ${String(m.deadLetterErrorDescription).slice(0, 200)}`)
      .join(' | ')}`,
  ].join('\n');
}

/** On failure, show what the host printed (the only view into a child process) and where the orders are. */
async function withHostLog<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const where = await whereAreTheMissing().catch((x: unknown) => `diagnosis failed: ${String(x)}`);
    e.message += `\n--- where the missing orders are ---\n${where}\n--- host output (tail) ---\n${host.output.slice(-4000)}`;
    throw e;
  }
}

describe('kill -9 of the host during 500 creations', () => {
  it('ends with analytics totals exactly equal to the orders store', async () => {
    const api = new ApiClient(host.baseUrl);
    const [admin, customer] = await Promise.all([
      signUp(api, 'admin@orderflow.test', stack),
      signUp(api, 'crash@shop.test', stack),
    ]);
    let created = 0;
    let killed = false;
    const t0 = Date.now();
    const phase = (what: string) => console.log(`${what} at ${Date.now() - t0} ms (${created} created)`);
    const creating = inParallel(
      Array.from({ length: 500 }, (_, i) => i),
      8,
      async (i) => {
        await createWithRetry(api, customer, i);
        created += 1;
      },
    );
    await waitFor(
      '150 orders to be created',
      () => Promise.resolve(created),
      (n) => n >= 150,
      { intervalMs: 20 },
    );
    await host.kill9();
    killed = true;
    phase('killed');
    await host.start();
    phase('restarted');
    await withHostLog(creating);
    phase('all created');
    expect(killed).toBe(true);

    const truth = await ordersStoreTotals(stack.cosmos);
    expect(truth.orders).toBe(500);
    const dashboard = await withHostLog(
      waitFor(
        'analytics to equal the orders store after the restart',
        () => refreshedDashboard(api, admin.token),
        (d) => dashboardMatches(d, truth),
        { timeoutMs: 90_000, intervalMs: 500 },
      ),
    );
    phase('analytics equal to the store');
    expect(dashboard.totals).toEqual({ orders: 500, revenue: truth.revenue, open: 500, cancelled: 0 });
    // Settled: nothing in flight, one projection per order, aggregates equal to the projections' counters.
    await waitFor(
      'the orders queue to drain',
      () => queueIsEmpty(bus, 'orders'),
      (e) => e,
      { timeoutMs: 30_000 },
    );
    const projections = stack.cosmos.database('analytics').container('projections');
    const query = async <T>(sql: string): Promise<T[]> =>
      (await projections.items.query<T>(sql).fetchAll()).resources;
    expect(await query<number>("SELECT VALUE COUNT(1) FROM c WHERE c.kind = 'order'")).toEqual([500]);
    // The batch's invariant: every aggregate kind sums to exactly the projections' own counters.
    const [orders, totals, days] = await Promise.all(
      ['order', 'totals', 'day'].map(async (kind) =>
        sumCounters(
          (await query<{ counters: Counters }>(`SELECT c.counters FROM c WHERE c.kind = '${kind}'`)).map(
            (d) => d.counters,
          ),
        ),
      ),
    );
    expect(orders?.orders).toBe(500);
    expect(totals).toEqual(orders);
    expect(days).toEqual(orders);
    expect(dashboardMatches(await refreshedDashboard(api, admin.token), truth)).toBe(true);
  }, 180_000);
});
