import fc from 'fast-check';
import type { Order } from '../../../shared/orders/order';
import { ApiClient, type ApiResponse } from '../../support/apiClient';
import { startStack, type Stack } from '../../support/stack';
import { orderBody, signUp, type TestUser } from './orderTestUsers';

let stack: Stack;
let api: ApiClient;
let customer: TestUser;
let admin: TestUser;

beforeAll(async () => {
  stack = await startStack({ serviceBus: true });
  api = new ApiClient(stack.baseUrl);
  [customer, admin] = await Promise.all([
    signUp(api, 'fuzz@orders.test', stack),
    signUp(api, 'admin@orderflow.test', stack),
  ]);
});
afterAll(() => stack?.close());

/**
 * Statuses seen per test: the fuzzing must also reach the success paths, or it proves little. Each property
 * lists a valid `examples` entry (run first), so that holds whatever the random generators produce.
 */
let seen: number[] = [];
beforeEach(() => {
  seen = [];
});

/** Bad input is never a 5xx, and every error is problem+json. */
function expectClientOutcome(res: ApiResponse<unknown>, what: unknown): void {
  seen.push(res.status);
  if (res.status >= 500) throw new Error(`5xx for ${JSON.stringify(what)}: ${res.status} ${res.text}`);
  if (res.status >= 400) expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
}

/** Sometimes right, often subtly wrong. */
const field = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 4, arbitrary: good },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.constantFrom(null, -1, 0, 1e308, '', '\u202E', '\uD800'),
      ),
    },
  );
const item = fc.record({
  sku: field(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,10}$/)),
  name: field(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 })),
  unitPrice: field(fc.integer({ min: 1, max: 200_000_000 })),
  quantity: field(fc.integer({ min: -1, max: 1001 })),
});
const address = fc.record({
  line1: field(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 })),
  city: field(fc.constant('Berlin')),
  postalCode: field(fc.constantFrom('10115', 'SW1A 1AA', '1')),
  country: field(fc.constantFrom('DE', 'US', 'JP', 'de', 'ZZ')),
});
const orderLike = fc.record(
  {
    currency: field(fc.constantFrom('EUR', 'JPY', 'usd', 'XAU')),
    items: field(fc.array(item, { minLength: 0, maxLength: 52 })),
    shippingAddress: field(address),
    extra: fc.jsonValue({ maxDepth: 1 }),
  },
  { requiredKeys: ['currency', 'items', 'shippingAddress'] },
);
const body = fc.oneof(orderLike, fc.constant(orderBody()), fc.jsonValue({ maxDepth: 3 }));
const headerValue = fc.oneof(
  fc.constantFrom('*', '"stale"', 'W/"x"', ''),
  fc.stringMatching(/^[\x21-\x7E]{1,300}$/),
);

describe('fuzzing the orders API: no input yields a 5xx', () => {
  it('POST /api/orders bodies and Idempotency-Keys', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.option(headerValue, { nil: undefined }), async (json, key) => {
        const res = await api.post('/api/orders', json, {
          token: customer.token,
          headers: key ? { 'idempotency-key': key } : {},
        });
        expectClientOutcome(res, { json, key });
      }),
      {
        numRuns: 120,
        // Eleven valid bodies and eleven invalid ones always run, so both counts below hold by construction.
        examples: [
          ...Array.from({ length: 11 }, (_, i): [unknown, string | undefined] => [
            orderBody(i + 1),
            i % 2 ? `fuzz-key-${i}` : undefined,
          ]),
          ...Array.from({ length: 11 }, (_, i): [unknown, string | undefined] => [
            { ...orderBody(), items: [{ ...orderBody().items[0], quantity: -i }] },
            undefined,
          ]),
        ],
      },
    );
    expect(seen.filter((s) => s === 201).length).toBeGreaterThan(10);
    expect(seen.filter((s) => s === 400).length).toBeGreaterThan(10);
  });

  it('raw, non-JSON and oversized bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.constant('{"currency":'),
          fc.constant('x'.repeat(300_000)),
        ),
        fc.constantFrom('application/json', 'text/plain', 'application/json; charset=latin1'),
        async (raw, type) => {
          const res = await api.call('/api/orders', {
            method: 'POST',
            raw,
            token: customer.token,
            headers: { 'content-type': type },
          });
          expectClientOutcome(res, { raw: raw.slice(0, 50), type });
          expect(res.status).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('PATCH /api/orders/{id} bodies and If-Match values', async () => {
    const created = await api.post<Order>('/api/orders', orderBody(), { token: customer.token });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ items: field(fc.array(item, { maxLength: 3 })) }, { requiredKeys: [] }),
          fc.record({ shippingAddress: address }),
          body,
        ),
        fc.option(headerValue, { nil: undefined }),
        async (json, ifMatch) => {
          const res = await api.call(`/api/orders/${created.body.id}`, {
            method: 'PATCH',
            json,
            token: customer.token,
            headers: ifMatch !== undefined ? { 'if-match': ifMatch } : {},
          });
          expectClientOutcome(res, { json, ifMatch });
        },
      ),
      { numRuns: 80, examples: [[{ shippingAddress: orderBody().shippingAddress }, '*']] },
    );
    expect(seen).toContain(200);
  });

  it('POST /api/orders/{id}/status bodies, by customer and admin', async () => {
    const created = await api.post<Order>('/api/orders', orderBody(), { token: customer.token });
    const status = fc.oneof(
      fc.constantFrom('pending', 'confirmed', 'shipped', 'delivered', 'cancelled'),
      fc.jsonValue({ maxDepth: 1 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.record({ status }), fc.jsonValue({ maxDepth: 2 })),
        fc.boolean(),
        fc.option(headerValue, { nil: undefined }),
        async (json, asAdmin, ifMatch) => {
          const res = await api.post(`/api/orders/${created.body.id}/status`, json, {
            token: (asAdmin ? admin : customer).token,
            headers: ifMatch !== undefined ? { 'if-match': ifMatch } : {},
          });
          expectClientOutcome(res, { json, asAdmin, ifMatch });
        },
      ),
      { numRuns: 60, examples: [[{ status: 'confirmed' }, true, undefined]] },
    );
    expect(seen).toContain(200);
  });

  it('GET /api/orders query strings, by customer and admin', async () => {
    const key = fc.constantFrom(
      'status',
      'from',
      'to',
      'limit',
      'customerId',
      'continuationToken',
      'sort',
      '__proto__',
    );
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.constantFrom(
        'pending,shipped',
        '2026-01-01',
        '2026-02-30',
        '0000-01-01T00:00:00-23:59',
        '1e2',
        '-1',
        'e30',
        customer.id,
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(key, value), { maxLength: 4 }),
        fc.boolean(),
        async (pairs, asAdmin) => {
          const q = new URLSearchParams(pairs);
          const res = await api.get(`/api/orders?${q}`, { token: (asAdmin ? admin : customer).token });
          expectClientOutcome(res, { q: q.toString(), asAdmin });
        },
      ),
      {
        numRuns: 80,
        examples: [
          [[], false],
          [[['status', 'pending']], true],
        ],
      },
    );
  });

  it('order ids in the path of GET and DELETE', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }),
        fc.constantFrom('GET', 'DELETE'),
        async (id, method) => {
          const res = await api.call(`/api/orders/${encodeURIComponent(id)}`, {
            method,
            token: customer.token,
          });
          expectClientOutcome(res, { id, method });
          expect(res.status).not.toBe(200);
        },
      ),
      { numRuns: 40 },
    );
  });
});
