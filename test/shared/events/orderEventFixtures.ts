import type { OrderIntegrationEvent, OrderSnapshot, OrderStatus } from '../../../shared/events/orderEvent';

export function orderDoc(over: Partial<OrderSnapshot> & { id?: string } = {}): OrderSnapshot & {
  lastChange: { type: OrderIntegrationEvent['type']; at: string; correlationId?: string; by: string };
  shippingAddress: Record<string, string>;
  statusHistory: unknown[];
} {
  const createdAt = over.createdAt ?? '2026-11-20T10:00:00.000Z';
  return {
    id: over.id ?? 'o-1',
    customerId: 'c-1',
    customerEmail: 'ann@example.com',
    ...('customerEmailVerified' in over
      ? over.customerEmailVerified === undefined
        ? {}
        : { customerEmailVerified: over.customerEmailVerified }
      : { customerEmailVerified: true }),
    status: over.status ?? 'pending',
    currency: 'EUR',
    items: over.items ?? [
      { sku: 'SKU-A', name: 'Apple', unitPrice: 250, quantity: 2 },
      { sku: 'SKU-B', name: 'Bread', unitPrice: 400, quantity: 1 },
    ],
    pricing: over.pricing ?? { subtotal: 900, discount: 0, tax: 171, shipping: 500, total: 1571 },
    createdAt,
    updatedAt: over.updatedAt ?? createdAt,
    version: over.version ?? 1,
    shippingAddress: { line1: '1 Main St', city: 'Paris', postalCode: '75001', country: 'FR' },
    statusHistory: [],
    lastChange: { type: 'OrderCreated', at: createdAt, correlationId: 'corr-1', by: 'c-1' },
  };
}

export function orderEvent(
  orderId: string,
  version: number,
  status: OrderStatus,
  over: Partial<OrderSnapshot> = {},
): OrderIntegrationEvent {
  const doc = orderDoc({ id: orderId, version, status, ...over });
  const type =
    version === 1 ? 'OrderCreated' : status === 'cancelled' ? 'OrderCancelled' : 'OrderStatusChanged';
  const { lastChange: _l, shippingAddress: _s, statusHistory: _h, ...order } = doc;
  return {
    schemaVersion: 1,
    id: `${orderId}:${version}`,
    type,
    occurredAt: doc.updatedAt,
    orderId,
    version,
    order,
  };
}
