import type { Container } from '@azure/cosmos';
import { encodeContinuationToken } from '../../../shared/orders/continuationToken';
import type { Actor } from '../../../shared/orders/actor';
import {
  IdempotencyKeyReuseError,
  OrderForbiddenError,
  OrderNotFoundError,
  OrderStateConflictError,
  OrderValidationError,
  PreconditionFailedError,
  PreconditionRequiredError,
} from '../../../shared/orders/errors';
import type { Order } from '../../../shared/orders/order';
import type { CreateOrderInput } from '../../../shared/orders/orderInputSchemas';
import { OrderService } from '../../../shared/orders/OrderService';
import { useOfflineCosmos } from '../../support/useOfflineCosmos';

const alice: Actor = { id: 'alice', email: 'alice@example.com', isAdmin: false };
const bob: Actor = { id: 'bob', email: 'bob@example.com', isAdmin: false };
const admin: Actor = { id: 'root', email: 'root@example.com', isAdmin: true };
const ctx = { correlationId: 'req-1' };

const input = (quantity = 2): CreateOrderInput => ({
  currency: 'EUR',
  items: [{ sku: 'MUG-01', name: 'Mug', unitPrice: 1299, quantity }],
  shippingAddress: { line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' },
});

const offline = useOfflineCosmos();
let orders: Container;
let service: OrderService;

beforeAll(() => {
  const db = offline.client.database('orders');
  orders = db.container('orders');
  service = new OrderService({ orders, idempotency: db.container('idempotency') });
});

async function place(actor: Actor = alice): Promise<{ order: Order; etag: string }> {
  const { response } = await service.create(actor, input(), ctx);
  return { order: response.body as Order, etag: response.headers.ETag! };
}

describe('OrderService on the offline Cosmos DB', () => {
  it('creates a priced pending order at version 1 with the caller as customer', async () => {
    const { response, replayed } = await service.create(alice, input(), ctx);
    const order = response.body as Order;
    expect(replayed).toBe(false);
    expect(response.status).toBe(201);
    expect(response.headers.Location).toBe(`/api/orders/${order.id}`);
    expect(order).toMatchObject({
      customerId: 'alice',
      customerEmail: 'alice@example.com',
      status: 'pending',
      version: 1,
      pricing: { subtotal: 2598, discount: 0, shipping: 495, tax: 588, total: 3681 },
      lastChange: { type: 'OrderCreated', correlationId: 'req-1', by: 'alice' },
    });
    expect(order.statusHistory).toEqual([{ status: 'pending', at: order.createdAt, by: 'alice' }]);
  });

  it('replays the first response for the same key and body, 422 for another body', async () => {
    const first = await service.create(alice, input(), { ...ctx, idempotencyKey: 'k-replay' });
    const again = await service.create(alice, input(), {
      correlationId: 'req-2',
      idempotencyKey: 'k-replay',
    });
    expect(again).toEqual({ response: first.response, replayed: true });
    await expect(service.create(alice, input(3), { ...ctx, idempotencyKey: 'k-replay' })).rejects.toThrow(
      IdempotencyKeyReuseError,
    );
    // Keys are per customer: Bob's identical key is a new order.
    const bobs = await service.create(bob, input(), { ...ctx, idempotencyKey: 'k-replay' });
    expect((bobs.response.body as Order).customerId).toBe('bob');
  });

  it('forgets a key after its lifetime, as the container TTL would', async () => {
    let now = Date.UTC(2026, 0, 1);
    const timed = new OrderService({
      orders,
      idempotency: offline.client.database('orders').container('idempotency'),
      clock: () => new Date(now),
      idempotencyTtlSeconds: 60,
    });
    const first = await timed.create(alice, input(), { ...ctx, idempotencyKey: 'k-ttl' });
    now += 59_000;
    await expect(timed.create(alice, input(5), { ...ctx, idempotencyKey: 'k-ttl' })).rejects.toThrow(
      IdempotencyKeyReuseError,
    );
    now += 1_000;
    const later = await timed.create(alice, input(5), { ...ctx, idempotencyKey: 'k-ttl' });
    expect(later.replayed).toBe(false);
    expect((later.response.body as Order).id).not.toBe((first.response.body as Order).id);
  });

  it('10 concurrent requests with one key create exactly one order', async () => {
    const carol: Actor = { id: 'carol', email: 'carol@example.com', isAdmin: false };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => service.create(carol, input(), { ...ctx, idempotencyKey: 'k-race' })),
    );
    const ids = new Set(results.map((r) => (r.response.body as Order).id));
    expect(ids.size).toBe(1);
    const { resources } = await orders.items
      .query({
        query: 'SELECT VALUE c.id FROM c WHERE c.customerId = @c',
        parameters: [{ name: '@c', value: 'carol' }],
      })
      .fetchAll();
    expect(resources).toEqual([...ids]);
  });

  it("hides one customer's order from another (404) and shows it to admins", async () => {
    const { order } = await place();
    await expect(service.get(bob, order.id)).rejects.toThrow(OrderNotFoundError);
    await expect(service.cancel(bob, order.id, ctx)).rejects.toThrow(OrderNotFoundError);
    expect((await service.get(admin, order.id)).order.id).toBe(order.id);
  });

  it('PATCH needs If-Match, rejects a stale one and reprices', async () => {
    const { order, etag } = await place();
    const patch = { items: [{ sku: 'MUG-01', name: 'Mug', unitPrice: 1299, quantity: 30 }] };
    await expect(service.update(alice, order.id, patch, ctx)).rejects.toThrow(PreconditionRequiredError);
    await expect(service.update(alice, order.id, patch, { ...ctx, ifMatch: '"stale"' })).rejects.toThrow(
      PreconditionFailedError,
    );
    const updated = await service.update(alice, order.id, patch, { correlationId: 'req-3', ifMatch: etag });
    expect(updated.etag).not.toBe(etag);
    expect(updated.order).toMatchObject({
      version: 2,
      pricing: { subtotal: 38970, discount: 1948, shipping: 0 },
      lastChange: { type: 'OrderUpdated', correlationId: 'req-3' },
    });
  });

  it('PATCH validates the merged order (per-currency price cap) naming the field', async () => {
    const { order, etag } = await place();
    const attempt = service.update(alice, order.id, { currency: 'JPY' }, { ...ctx, ifMatch: etag });
    await expect(attempt).resolves.toMatchObject({ order: { currency: 'JPY' } });
    const expensive = {
      items: [{ sku: 'A', name: 'A', unitPrice: 100_000_01, quantity: 1 }],
      currency: 'EUR',
    };
    const current = await service.get(alice, order.id);
    await expect(
      service.update(alice, order.id, expensive, { ...ctx, ifMatch: current.etag }),
    ).rejects.toThrow(expect.objectContaining({ field: 'items.0.unitPrice' }) as OrderValidationError);
  });

  it('20 concurrent PATCHes with the same ETag leave exactly one winner', async () => {
    const { order, etag } = await place();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        service.update(
          alice,
          order.id,
          { shippingAddress: { ...order.shippingAddress, line1: `${i} Main Street` } },
          { ...ctx, ifMatch: etag },
        ),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o) => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.every((o) => o.reason instanceof PreconditionFailedError)).toBe(true);
    expect((await service.get(alice, order.id)).order.version).toBe(2);
  });

  it('walks the status machine with history; customers may only cancel', async () => {
    const { order } = await place();
    await expect(service.changeStatus(alice, order.id, 'confirmed', ctx)).rejects.toThrow(
      OrderForbiddenError,
    );
    await service.changeStatus(admin, order.id, 'confirmed', ctx);
    await service.changeStatus(admin, order.id, 'shipped', ctx);
    await expect(service.changeStatus(alice, order.id, 'cancelled', ctx)).rejects.toThrow(
      OrderStateConflictError,
    );
    const done = await service.changeStatus(admin, order.id, 'delivered', ctx);
    expect(done.order.statusHistory.map((h) => `${h.status}:${h.by}`)).toEqual([
      'pending:alice',
      'confirmed:root',
      'shipped:root',
      'delivered:root',
    ]);
    expect(done.order.version).toBe(4);
    await expect(
      service.update(alice, order.id, { currency: 'USD' }, { ...ctx, ifMatch: done.etag }),
    ).rejects.toThrow(OrderStateConflictError);
  });

  it('two concurrent admins confirming without If-Match: one wins, the other gets 409', async () => {
    const { order } = await place();
    const outcomes = await Promise.allSettled([
      service.changeStatus(admin, order.id, 'confirmed', ctx),
      service.changeStatus(admin, order.id, 'confirmed', ctx),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((o) => o.status === 'rejected')?.reason).toBeInstanceOf(OrderStateConflictError);
  });

  it('DELETE is a soft delete: the document stays, cancelled, and a repeat changes nothing', async () => {
    const { order } = await place();
    const cancelled = await service.cancel(alice, order.id, { correlationId: 'req-del' });
    expect(cancelled.order).toMatchObject({
      status: 'cancelled',
      cancelled: true,
      version: 2,
      lastChange: { type: 'OrderCancelled', correlationId: 'req-del', by: 'alice' },
    });
    const { resource } = await orders.item(order.id, 'alice').read<Order>();
    expect(resource?.status).toBe('cancelled');
    const again = await service.cancel(alice, order.id, ctx);
    expect(again.order.version).toBe(2);
  });

  it('pages through every order exactly once, newest first', async () => {
    const dave: Actor = { id: 'dave', email: 'dave@example.com', isAdmin: false };
    let t = Date.UTC(2026, 0, 1);
    const timed = new OrderService({
      orders,
      idempotency: offline.client.database('orders').container('idempotency'),
      clock: () => new Date((t += 1000)),
    });
    for (let i = 0; i < 7; i++) await timed.create(dave, input(), ctx);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await service.list(dave, { limit: 3, continuationToken: token });
      seen.push(...page.items.map((o) => o.createdAt));
      token = page.continuationToken;
      pages++;
    } while (token && pages < 10);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort().reverse()).toEqual(seen);
    await expect(service.list(bob, { limit: 3, customerId: 'dave' })).rejects.toThrow(OrderNotFoundError);
    const adminView = await service.list(admin, { limit: 100, customerId: 'dave' });
    expect(adminView.items).toHaveLength(7);
  });

  it('a forged token that passes the fingerprint but not Cosmos DB is a 400 naming continuationToken', async () => {
    const forged = encodeContinuationToken({ by: 'alice', customerId: 'alice' }, '{"x":1}');
    await expect(service.list(alice, { limit: 3, continuationToken: forged })).rejects.toThrow(
      expect.objectContaining({ field: 'continuationToken' }) as OrderValidationError,
    );
  });

  describe('concurrent DELETEs (cancelOrder invariant)', () => {
    it('10 concurrent DELETEs of one order all answer the cancelled order, in 20 trials', async () => {
      const escapes: Array<{ trial: number; outcomes: string[] }> = [];
      for (let trial = 0; trial < 20; trial++) {
        const { order } = await place();
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, () =>
            service.cancel(alice, order.id, { correlationId: `del-${trial}` }),
          ),
        );
        const outcomes = results.map((r) =>
          r.status === 'fulfilled' ? r.value.order.status : String(r.reason),
        );
        const versions = new Set(results.map((r) => (r.status === 'fulfilled' ? r.value.order.version : -1)));
        if (outcomes.some((o) => o !== 'cancelled') || versions.size !== 1) escapes.push({ trial, outcomes });
      }
      expect(escapes).toEqual([]);
    });
  });
});
