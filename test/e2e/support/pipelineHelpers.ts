import type { CosmosClient } from '@azure/cosmos';
import type { ServiceBusClient } from '@azure/service-bus';
import type { DashboardSnapshot } from '../../../shared/analytics/dashboardSnapshot';
import type { ApiClient } from '../../support/apiClient';

/** Polls `probe` until it returns a value `done` accepts; fails with the last value seen, never hangs. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  done: (v: T) => boolean,
  { timeoutMs = 30_000, intervalMs = 200 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (done(last)) return last;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  const seen = last === undefined ? String(lastError) : JSON.stringify(last).slice(0, 800);
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${seen}`);
}

export async function inParallel<T>(
  items: readonly T[],
  width: number,
  fn: (t: T, i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

/** A varied but deterministic order: seven products, one or two lines. */
export function variedOrder(i: number) {
  const line = (k: number) => ({
    sku: `SKU-${k % 7}`,
    name: `Product ${k % 7}`,
    unitPrice: 1000 + (k % 7) * 250,
    quantity: 1 + (k % 3),
  });
  return {
    currency: 'EUR',
    items: i % 4 === 0 ? [line(i), line(i + 3)] : [line(i)],
    shippingAddress: { line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' },
  };
}

export interface StoreTotals {
  orders: number;
  revenue: number;
  cancelled: number;
  byStatus: Record<string, number>;
}

/** The truth the dashboard must match, read straight from the orders database. */
export async function ordersStoreTotals(cosmos: CosmosClient): Promise<StoreTotals> {
  const container = cosmos.database('orders').container('orders');
  const { resources } = await container.items
    .query<{ status: string; total: number }>(
      'SELECT c.status, c.pricing.total AS total FROM c WHERE IS_DEFINED(c.pricing)',
    )
    .fetchAll();
  const byStatus: Record<string, number> = {};
  let revenue = 0;
  for (const r of resources) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    if (r.status !== 'cancelled') revenue += r.total;
  }
  return { orders: resources.length, revenue, cancelled: byStatus.cancelled ?? 0, byStatus };
}

export function dashboardMatches(d: DashboardSnapshot, t: StoreTotals): boolean {
  return (
    d.totals.orders === t.orders &&
    d.totals.revenue === t.revenue &&
    d.totals.cancelled === t.cancelled &&
    Object.entries(t.byStatus).every(
      ([s, n]) => d.ordersByStatus[s as keyof DashboardSnapshot['ordersByStatus']] === n,
    )
  );
}

export async function refreshedDashboard(api: ApiClient, token: string): Promise<DashboardSnapshot> {
  const res = await api.post<DashboardSnapshot>('/api/analytics/dashboard/refresh', undefined, { token });
  if (res.status !== 200) throw new Error(`refresh: ${res.status} ${res.text}`);
  return res.body;
}

/** True once no message is left on the queue (peek sees active and locked messages alike). */
export async function queueIsEmpty(client: ServiceBusClient, queue: string): Promise<boolean> {
  const receiver = client.createReceiver(queue);
  try {
    return (await receiver.peekMessages(1, { fromSequenceNumber: undefined })).length === 0;
  } finally {
    await receiver.close();
  }
}
