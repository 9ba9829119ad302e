import fc from 'fast-check';
import { createOrderSchema, updateOrderSchema } from '../../../shared/orders/orderInputSchemas';
import { listOrdersQuerySchema } from '../../../shared/orders/orderQuerySchema';
import { priceOrder } from '../../../shared/orders/priceOrder';

const validItem = { sku: 'MUG-01', name: 'Mug', unitPrice: 1299, quantity: 2 };
const validAddress = { line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' };

/** A value that is sometimes right and often subtly wrong: what a buggy client sends. */
const field = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 3, arbitrary: good },
    { weight: 1, arbitrary: fc.anything() },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)) },
  );

const nearlyValidItem = fc.record(
  {
    sku: field(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,8}$/)),
    name: field(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 })),
    unitPrice: field(fc.integer({ min: -10, max: 200_000_000 })),
    quantity: field(fc.integer({ min: -2, max: 1200 })),
  },
  { requiredKeys: [] },
);
const nearlyValidOrder = fc.record(
  {
    currency: field(fc.constantFrom('EUR', 'JPY', 'USD', 'eur', 'XAU', '')),
    items: field(fc.array(fc.oneof(nearlyValidItem, fc.constant(validItem)), { maxLength: 55 })),
    shippingAddress: field(
      fc.oneof(
        fc.constant(validAddress),
        fc.record({
          line1: field(fc.string({ unit: 'binary', maxLength: 20 })),
          city: field(fc.constant('Berlin')),
          postalCode: field(fc.string({ maxLength: 14 })),
          country: field(fc.constantFrom('DE', 'JP', 'de', 'ZZ')),
        }),
      ),
    ),
  },
  { requiredKeys: [] },
);

/** Bodies the schema should accept: any supported currency and country, unique SKUs, in-range numbers. */
const validOrder = fc.record({
  currency: fc.constantFrom('EUR', 'USD', 'JPY', 'SEK'),
  items: fc.uniqueArray(
    fc.record({
      sku: fc.stringMatching(/^[A-Z0-9]{1,8}$/),
      name: fc.constantFrom('Mug', 'Tee ☕', 'Ünïcödé', '日本茶'),
      unitPrice: fc.integer({ min: 1, max: 100_000_00 }),
      quantity: fc.integer({ min: 1, max: 999 }),
    }),
    { minLength: 1, maxLength: 50, selector: (i) => i.sku.toUpperCase() },
  ),
  shippingAddress: fc.record({
    line1: fc.constant('1 Main Street'),
    city: fc.constant('Berlin'),
    postalCode: fc.constantFrom('10115', 'SW1A 1AA'),
    country: fc.constantFrom('DE', 'JP', 'US', 'FI'),
  }),
});

describe('order schemas under fuzzing', () => {
  it('never throw, and every accepted body can be priced', () => {
    fc.assert(
      fc.property(fc.oneof(validOrder, nearlyValidOrder, fc.anything()), (body) => {
        const parsed = createOrderSchema.safeParse(body);
        if (parsed.success) {
          const p = priceOrder(parsed.data.items, parsed.data.currency, parsed.data.shippingAddress.country);
          expect(p.total).toBe(p.subtotal - p.discount + p.tax + p.shipping);
        } else {
          expect(parsed.error.issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  // The pricing branch is reached by construction: every valid body is accepted and priced (this replaces a
  // count of how many random bodies happened to be accepted, which depended on the draw).
  it('accepts and prices every valid body', () => {
    fc.assert(
      fc.property(validOrder, (body) => {
        const parsed = createOrderSchema.safeParse(body);
        expect(parsed.success).toBe(true);
        if (!parsed.success) return;
        const p = priceOrder(parsed.data.items, parsed.data.currency, parsed.data.shippingAddress.country);
        expect(p.total).toBe(p.subtotal - p.discount + p.tax + p.shipping);
      }),
      { numRuns: 200 },
    );
  });

  it('PATCH bodies never throw', () => {
    fc.assert(
      fc.property(fc.oneof(nearlyValidOrder, fc.anything()), (body) => {
        expect(() => updateOrderSchema.safeParse(body)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('list queries never throw', () => {
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom('2026-01-01', '0000-01-01T00:00:00-23:59', '1e3', 'pending,'),
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('status', 'from', 'to', 'limit', 'customerId', 'continuationToken', 'x'),
          value,
        ),
        (query) => {
          expect(() => listOrdersQuerySchema.safeParse(query)).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });
});
