import type { Actor } from './actor';
import { toHttpEtag } from './etag';
import type { OrderView } from './orderDeps';
import type { Order, OrderChangeType, StoredOrder } from './order';

/**
 * The API body of a stored order: the contract's fields only, so Cosmos DB system properties (_rid, _self,
 * _etag, _ts, _attachments) and anything else stored never leak into responses.
 */
export function toOrderBody(stored: Order): Order {
  const body: Order = {
    id: stored.id,
    customerId: stored.customerId,
    customerEmail: stored.customerEmail,
    customerEmailVerified: stored.customerEmailVerified === true,
    status: stored.status,
    items: stored.items.map((i) => ({
      sku: i.sku,
      name: i.name,
      unitPrice: i.unitPrice,
      quantity: i.quantity,
    })),
    currency: stored.currency,
    shippingAddress: { ...stored.shippingAddress },
    pricing: { ...stored.pricing },
    statusHistory: stored.statusHistory.map((h) => ({ ...h })),
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
    version: stored.version,
    lastChange: { ...stored.lastChange },
  };
  if (stored.cancelled) body.cancelled = true;
  return body;
}

export function toOrderView(stored: StoredOrder): OrderView {
  return { order: toOrderBody(stored), etag: toHttpEtag(stored._etag) };
}

/**
 * The next version of an order: every write goes through here, so version, updatedAt and lastChange can never
 * be forgotten (the relay derives the integration event's messageId `<id>:<version>` from them).
 */
export function nextVersion(
  current: Order,
  changes: Partial<
    Pick<Order, 'status' | 'items' | 'currency' | 'shippingAddress' | 'pricing' | 'statusHistory'>
  >,
  change: { type: OrderChangeType; at: Date; correlationId: string; actor: Actor },
): Order {
  const at = change.at.toISOString();
  const next: Order = {
    ...toOrderBody(current),
    ...changes,
    updatedAt: at,
    version: current.version + 1,
    lastChange: { type: change.type, at, correlationId: change.correlationId, by: change.actor.id },
  };
  if (next.status === 'cancelled') next.cancelled = true;
  return next;
}
