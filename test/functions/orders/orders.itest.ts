import { ChangeFeedStartFrom, StatusCodes } from '@azure/cosmos';
import type { Order } from '../../../shared/orders/order';
import { ApiClient, type ApiResponse } from '../../support/apiClient';
import { startStack, type Stack } from '../../support/stack';
import { orderBody, signUp, type TestUser } from './orderTestUsers';

let stack: Stack;
let api: ApiClient;
let alice: TestUser;
let bob: TestUser;
let admin: TestUser;

beforeAll(async () => {
  // With the broker running, the app's Service Bus triggers connect instead of retrying until the host stops.
  stack = await startStack({ serviceBus: true });
  api = new ApiClient(stack.baseUrl);
  [alice, bob, admin] = await Promise.all([
    signUp(api, 'alice@orders.test', stack),
    signUp(api, 'bob@orders.test', stack),
    signUp(api, 'admin@orderflow.test', stack),
  ]);
});
afterAll(() => stack?.close());

async function create(user: TestUser, body: unknown = orderBody(), headers: Record<string, string> = {}) {
  return api.post<Order>('/api/orders', body, { token: user.token, headers });
}
async function placed(user: TestUser = alice): Promise<{ order: Order; etag: string }> {
  const res = await create(user);
  expect(res.status).toBe(201);
  return { order: res.body, etag: res.headers.get('etag')! };
}
const patch = (user: TestUser, id: string, body: unknown, ifMatch?: string) =>
  api.call<Order>(`/api/orders/${id}`, {
    method: 'PATCH',
    json: body,
    token: user.token,
    headers: ifMatch ? { 'if-match': ifMatch } : {},
  });
const setStatus = (user: TestUser, id: string, status: string, ifMatch?: string) =>
  api.post<Order>(
    `/api/orders/${id}/status`,
    { status },
    { token: user.token, headers: ifMatch ? { 'if-match': ifMatch } : {} },
  );
const cancel = (user: TestUser, id: string) =>
  api.call<Order>(`/api/orders/${id}`, { method: 'DELETE', token: user.token });
const problemFields = (res: ApiResponse<unknown>) =>
  ((res.body as { errors?: { path: string }[] }).errors ?? []).map((e) => e.path);

describe('orders over HTTP', () => {
  it('creates an order priced by the server: 201, Location, ETag, the contract body', async () => {
    const res = await create(alice, { ...orderBody(), total: 1 });
    expect(res.status).toBe(400); // a client total is an unknown field, never read
    const ok = await create(alice);
    expect(ok.status).toBe(201);
    expect(ok.headers.get('location')).toBe(`/api/orders/${ok.body.id}`);
    expect(ok.headers.get('etag')).toMatch(/^"[^"]+"$/);
    expect(ok.body).toMatchObject({
      customerId: alice.id,
      customerEmail: alice.email,
      status: 'pending',
      currency: 'EUR',
      items: orderBody().items,
      pricing: { subtotal: 2598, discount: 0, shipping: 495, tax: 588, total: 3681 },
      version: 1,
      lastChange: { type: 'OrderCreated', correlationId: ok.headers.get('x-request-id'), by: alice.id },
    });
    expect(ok.body.statusHistory).toEqual([{ status: 'pending', at: ok.body.createdAt, by: alice.id }]);
  });

  it('reads an order with its ETag, and answers 304 to a matching If-None-Match', async () => {
    const { order, etag } = await placed();
    const read = await api.get<Order>(`/api/orders/${order.id}`, { token: alice.token });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(etag);
    expect(read.body).toEqual(order);
    const again = await api.get(`/api/orders/${order.id}`, {
      token: alice.token,
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('names the field of every rejected value', async () => {
    const cases: [unknown, string][] = [
      [{ ...orderBody(), items: [{ ...orderBody().items[0], quantity: -1 }] }, 'items.0.quantity'],
      [{ ...orderBody(), items: [{ ...orderBody().items[0], quantity: 1.5 }] }, 'items.0.quantity'],
      [{ ...orderBody(), items: [{ ...orderBody().items[0], unitPrice: 1e12 }] }, 'items.0.unitPrice'],
      [{ ...orderBody(), items: [{ ...orderBody().items[0], name: 'Mug\u202E' }] }, 'items.0.name'],
      [{ ...orderBody(), currency: 'XXX' }, 'currency'],
      [
        {
          ...orderBody(),
          items: Array.from({ length: 51 }, (_, i) => ({ ...orderBody().items[0], sku: `S${i}` })),
        },
        'items',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await create(alice, body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(problemFields(res)).toContain(field);
    }
  });

  it('PATCH: 428 without If-Match, 412 when stale, 200 repriced, 409 once not pending', async () => {
    const { order, etag } = await placed();
    const change = { items: [{ sku: 'MUG-01', name: 'Mug', unitPrice: 1299, quantity: 30 }] };
    expect((await patch(alice, order.id, change)).status).toBe(428);
    expect((await patch(alice, order.id, change, '"stale"')).status).toBe(412);
    const ok = await patch(alice, order.id, change, etag);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: 2, pricing: { subtotal: 38970, discount: 1948, shipping: 0 } });
    expect(ok.headers.get('etag')).not.toBe(etag);
    expect((await patch(alice, order.id, change, etag)).status).toBe(412);
    const confirmed = await setStatus(admin, order.id, 'confirmed');
    expect((await patch(alice, order.id, change, confirmed.headers.get('etag')!)).status).toBe(409);
  });

  it('20 concurrent PATCHes with the same ETag: exactly one 200, the rest 412', async () => {
    const { order, etag } = await placed();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        patch(
          alice,
          order.id,
          { shippingAddress: { ...order.shippingAddress, line1: `${i} Main Street` } },
          etag,
        ),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array<number>(19).fill(412)]);
    const { resource } = await stack.cosmos
      .database('orders')
      .container('orders')
      .item(order.id, alice.id)
      .read<Order>();
    expect(resource?.version).toBe(2);
  });

  it('status: admin walks pending -> confirmed -> shipped -> delivered with history; illegal moves 409', async () => {
    const { order } = await placed();
    expect((await setStatus(alice, order.id, 'confirmed')).status).toBe(403);
    expect((await setStatus(admin, order.id, 'shipped')).status).toBe(409);
    for (const s of ['confirmed', 'shipped', 'delivered'])
      expect((await setStatus(admin, order.id, s)).status).toBe(200);
    const final = await api.get<Order>(`/api/orders/${order.id}`, { token: alice.token });
    expect(final.body.statusHistory.map((h) => [h.status, h.by])).toEqual([
      ['pending', alice.id],
      ['confirmed', admin.id],
      ['shipped', admin.id],
      ['delivered', admin.id],
    ]);
    expect(final.body).toMatchObject({
      version: 4,
      lastChange: { type: 'OrderStatusChanged', by: admin.id },
    });
    expect((await setStatus(admin, order.id, 'cancelled')).status).toBe(409);
    expect((await cancel(alice, order.id)).status).toBe(409);
  });

  it('status with a stale If-Match is 412', async () => {
    const { order, etag } = await placed();
    expect((await setStatus(admin, order.id, 'confirmed', etag)).status).toBe(200);
    expect((await setStatus(admin, order.id, 'shipped', etag)).status).toBe(412);
  });

  it('DELETE cancels softly: the document stays in Cosmos DB as cancelled, OrderCancelled', async () => {
    const { order } = await placed();
    const res = await cancel(alice, order.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancelled: true, version: 2 });
    const { resource } = await stack.cosmos
      .database('orders')
      .container('orders')
      .item(order.id, alice.id)
      .read<Order>();
    expect(resource).toMatchObject({
      status: 'cancelled',
      lastChange: { type: 'OrderCancelled', by: alice.id },
    });
    expect((await cancel(alice, order.id)).body.version).toBe(2);

    // The change feed (what the relay reads) carries the cancellation as the order's latest version.
    const iterator = stack.cosmos
      .database('orders')
      .container('orders')
      .items.getChangeFeedIterator<Order>({ changeFeedStartFrom: ChangeFeedStartFrom.Beginning(alice.id) });
    const fed: Order[] = [];
    for (let page = 0; page < 100; page++) {
      const response = await iterator.readNext();
      if (response.statusCode === StatusCodes.NotModified) break;
      fed.push(...response.result);
    }
    expect(fed.find((o) => o.id === order.id)).toMatchObject({
      version: 2,
      status: 'cancelled',
      lastChange: { type: 'OrderCancelled' },
    });
  });

  it('concurrent status changes without If-Match: the server retries its own race, one wins, the rest 409', async () => {
    const { order } = await placed();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => setStatus(admin, order.id, 'confirmed')),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array<number>(7).fill(409)]);
    const final = await api.get<Order>(`/api/orders/${order.id}`, { token: alice.token });
    expect(final.body.version).toBe(2);
    expect(final.body.statusHistory.map((h) => h.status)).toEqual(['pending', 'confirmed']);
  });
});

describe('idempotency over HTTP', () => {
  it('same key and body: the first response again; another body: 422', async () => {
    const headers = { 'idempotency-key': 'key-replay-1' };
    const first = await create(alice, orderBody(), headers);
    const again = await create(alice, orderBody(), headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    for (const h of ['location', 'etag']) expect(again.headers.get(h)).toBe(first.headers.get(h));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const other = await create(alice, orderBody(3), headers);
    expect(other.status).toBe(422);
    expect(problemFields(other)).toEqual(['headers.idempotency-key']);
  });

  it('10 concurrent requests with one key create exactly one order', async () => {
    const headers = { 'idempotency-key': 'key-race-1' };
    const results = await Promise.all(Array.from({ length: 10 }, () => create(bob, orderBody(7), headers)));
    expect(results.map((r) => r.status)).toEqual(Array<number>(10).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const { resources } = await stack.cosmos
      .database('orders')
      .container('orders')
      .items.query<number>({
        query:
          'SELECT VALUE COUNT(1) FROM c WHERE c.customerId = @c AND ARRAY_CONTAINS(c.items, { "quantity": 7 }, true)',
        parameters: [{ name: '@c', value: bob.id }],
      })
      .fetchAll();
    expect(resources).toEqual([1]);
  });
});

describe('isolation between customers', () => {
  it("user B cannot read, list, patch, cancel or change the status of user A's order (404); admin can", async () => {
    const { order, etag } = await placed(alice);
    const path = `/api/orders/${order.id}`;
    expect((await api.get(path, { token: bob.token })).status).toBe(404);
    expect((await api.get(`/api/orders?customerId=${alice.id}`, { token: bob.token })).status).toBe(404);
    const bobsList = await api.get<{ items: Order[] }>('/api/orders?limit=100', { token: bob.token });
    expect(bobsList.body.items.some((o) => o.id === order.id)).toBe(false);
    expect((await patch(bob, order.id, { currency: 'USD' }, etag)).status).toBe(404);
    expect((await setStatus(bob, order.id, 'cancelled')).status).toBe(404);
    expect((await cancel(bob, order.id)).status).toBe(404);
    // Nothing changed, and the admin sees it all.
    const seen = await api.get<Order>(path, { token: admin.token });
    expect(seen.status).toBe(200);
    expect(seen.body.version).toBe(1);
    const listed = await api.get<{ items: Order[] }>(`/api/orders?customerId=${alice.id}&limit=100`, {
      token: admin.token,
    });
    expect(listed.body.items.some((o) => o.id === order.id)).toBe(true);
    expect((await setStatus(admin, order.id, 'confirmed')).status).toBe(200);
  });

  it('without a token every order route is 401', async () => {
    expect((await api.get('/api/orders')).status).toBe(401);
    expect((await api.post('/api/orders', orderBody())).status).toBe(401);
  });
});

describe('listing', () => {
  it('walks every page exactly once, newest first, and filters by status and date', async () => {
    const carol = await signUp(api, 'carol@orders.test', stack);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await placed(carol)).order.id);
    await cancel(carol, ids[0]!);
    const seen: Order[] = [];
    let token: string | undefined;
    let firstToken: string | undefined;
    for (let page = 0; page < 10; page++) {
      const q = new URLSearchParams({ limit: '3', ...(token ? { continuationToken: token } : {}) });
      const res = await api.get<{ items: Order[]; continuationToken?: string }>(`/api/orders?${q}`, {
        token: carol.token,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toMatch(/^W\/"/);
      seen.push(...res.body.items);
      token = res.body.continuationToken;
      firstToken ??= token;
      if (!token) break;
    }
    expect(seen.map((o) => o.id).sort()).toEqual([...ids].sort());
    const created = seen.map((o) => o.createdAt);
    expect([...created].sort().reverse()).toEqual(created);

    const cancelled = await api.get<{ items: Order[] }>('/api/orders?status=cancelled', {
      token: carol.token,
    });
    expect(cancelled.body.items.map((o) => o.id)).toEqual([ids[0]]);
    const future = await api.get<{ items: Order[] }>('/api/orders?from=2999-01-01', { token: carol.token });
    expect(future.body.items).toEqual([]);
    const tampered = await api.get(
      `/api/orders?status=pending&continuationToken=${encodeURIComponent(firstToken!)}`,
      {
        token: carol.token,
      },
    );
    expect(tampered.status).toBe(400);

    // from is inclusive, to exclusive, both on createdAt.
    const pivot = seen.find((o) => o.id === ids[3])!.createdAt;
    const list = async (q: string) =>
      (
        await api.get<{ items: Order[] }>(`/api/orders?limit=100&${q}`, { token: carol.token })
      ).body.items.map((o) => o.id);
    expect((await list(`from=${pivot}`)).sort()).toEqual(ids.slice(3).sort());
    expect((await list(`to=${pivot}`)).sort()).toEqual(ids.slice(0, 3).sort());

    // An admin without customerId lists everyone's orders.
    const all = await api.get<{ items: Order[] }>('/api/orders?limit=100', { token: admin.token });
    const owners = new Set(all.body.items.map((o) => o.customerId));
    expect(owners.has(carol.id) && owners.has(alice.id)).toBe(true);
  });
});
