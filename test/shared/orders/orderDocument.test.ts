import type { StoredOrder } from '../../../shared/orders/order';
import { nextVersion, toOrderView } from '../../../shared/orders/orderDocument';

const stored: StoredOrder & { _rid: string; _ts: number } = {
  id: 'o1',
  customerId: 'alice',
  customerEmail: 'alice@example.com',
  status: 'pending',
  items: [{ sku: 'A', name: 'A', unitPrice: 100, quantity: 1 }],
  currency: 'EUR',
  shippingAddress: { line1: 'l', city: 'c', postalCode: '1', country: 'DE' },
  pricing: { subtotal: 100, discount: 0, tax: 113, shipping: 495, total: 708 },
  statusHistory: [{ status: 'pending', at: '2026-01-01T00:00:00.000Z', by: 'alice' }],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
  lastChange: { type: 'OrderCreated', at: '2026-01-01T00:00:00.000Z', correlationId: 'r1', by: 'alice' },
  _etag: 'e1',
  _rid: 'rid',
  _ts: 1,
};
const actor = { id: 'root', email: 'root@example.com', isAdmin: true };

describe('order document', () => {
  it('views a stored order without system properties, with a quoted ETag', () => {
    const view = toOrderView(stored);
    expect(view.etag).toBe('"e1"');
    expect(Object.keys(view.order).filter((k) => k.startsWith('_'))).toEqual([]);
  });

  it('every write bumps version, updatedAt and lastChange', () => {
    const at = new Date('2026-01-02T00:00:00.000Z');
    const next = nextVersion(
      stored,
      { status: 'confirmed' },
      { type: 'OrderStatusChanged', at, correlationId: 'r2', actor },
    );
    expect(next).toMatchObject({
      version: 2,
      status: 'confirmed',
      updatedAt: at.toISOString(),
      createdAt: stored.createdAt,
      lastChange: { type: 'OrderStatusChanged', at: at.toISOString(), correlationId: 'r2', by: 'root' },
    });
    expect(next.cancelled).toBeUndefined();
  });

  it('a cancelled order carries cancelled: true', () => {
    const next = nextVersion(
      stored,
      { status: 'cancelled' },
      { type: 'OrderCancelled', at: new Date(), correlationId: 'r', actor },
    );
    expect(next.cancelled).toBe(true);
  });
});
