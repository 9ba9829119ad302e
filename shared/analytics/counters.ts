import { OPEN_STATUSES } from './analyticsDocs';
import type { OrderSnapshot } from '../events/orderEvent';

/**
 * An order's contribution to the dashboard as flat counters, so aggregates are plain sums and an order's
 * change is the difference of two contributions. Keys: `orders`, `revenue`, `cancelled`, `open`, `openMs`,
 * `status|<status>`, `revenueCur|<currency>`, `skuQty|<sku>`, `skuRev|<sku>` (the name is everything after the
 * first `|`). Revenue counts orders that are not cancelled; a product's revenue is unit price times quantity.
 * `revenue` sums minor units across currencies (meaningful for a one-currency shop); `revenueCur|` splits it.
 */
export type Counters = Record<string, number>;

/** Milliseconds since the start of the UTC day: below 86,400,000, so a day's sum stays an exact integer. */
export const msOfDay = (iso: string): number => ((Date.parse(iso) % 86_400_000) + 86_400_000) % 86_400_000;

export function orderCounters(order: OrderSnapshot): Counters {
  const c: Counters = { orders: 1, [`status|${order.status}`]: 1 };
  if (OPEN_STATUSES.includes(order.status)) {
    // Per creation day, the open orders and the sum of their time of day: the dashboard's open-age count
    // and average come from the day documents instead of a query over every open order.
    c.open = 1;
    c.openMs = msOfDay(order.createdAt);
  }
  if (order.status === 'cancelled') {
    c.cancelled = 1;
    return c;
  }
  c.revenue = order.pricing.total;
  c[`revenueCur|${order.currency}`] = order.pricing.total;
  for (const item of order.items) {
    c[`skuQty|${item.sku}`] = (c[`skuQty|${item.sku}`] ?? 0) + item.quantity;
    c[`skuRev|${item.sku}`] = (c[`skuRev|${item.sku}`] ?? 0) + item.quantity * item.unitPrice;
  }
  return c;
}

/** `next - previous`, without zero entries. */
export function diffCounters(previous: Counters | undefined, next: Counters): Counters {
  const delta: Counters = {};
  for (const [k, v] of Object.entries(next)) delta[k] = v - (previous?.[k] ?? 0);
  for (const [k, v] of Object.entries(previous ?? {})) if (!(k in next)) delta[k] = -v;
  for (const [k, v] of Object.entries(delta)) if (v === 0) delete delta[k];
  return delta;
}

/** Adds `delta` into `target` in place, dropping keys that reach zero so documents do not grow with churn. */
export function addCounters(target: Counters, delta: Counters): Counters {
  for (const [k, v] of Object.entries(delta)) {
    const sum = (target[k] ?? 0) + v;
    if (sum === 0) delete target[k];
    else target[k] = sum;
  }
  return target;
}

export function sumCounters(list: readonly Counters[]): Counters {
  const total: Counters = {};
  for (const c of list) addCounters(total, c);
  return total;
}
