import fc from 'fast-check';
import { currencies, currencyCodes } from '../../../shared/orders/currencies';
import { OrderValidationError } from '../../../shared/orders/errors';
import type { OrderItem } from '../../../shared/orders/order';
import { priceOrder } from '../../../shared/orders/priceOrder';
import { shippingCountries, taxRatesBp } from '../../../shared/orders/taxRates';

const item = (unitPrice: number, quantity: number, sku = `SKU-${unitPrice}-${quantity}`): OrderItem => ({
  sku,
  name: 'Thing',
  unitPrice,
  quantity,
});

describe('priceOrder: worked examples', () => {
  // [case, items, currency, country, expected pricing]
  const cases: [string, OrderItem[], string, string, ReturnType<typeof priceOrder>][] = [
    [
      'small order pays shipping, DE 19 % on goods + shipping',
      [item(1000, 2)],
      'EUR',
      'DE',
      { subtotal: 2000, discount: 0, tax: 474, shipping: 495, total: 2969 },
    ],
    [
      'free shipping exactly at the threshold',
      [item(5000, 1)],
      'EUR',
      'DE',
      { subtotal: 5000, discount: 0, tax: 950, shipping: 0, total: 5950 },
    ],
    [
      '25 units: 5 % volume discount',
      [item(100, 25)],
      'EUR',
      'FR',
      { subtotal: 2500, discount: 125, tax: 574, shipping: 495, total: 3444 },
    ],
    [
      '100 units: 10 % discount, tax rounds half up from .7',
      [item(333, 100)],
      'EUR',
      'NL',
      { subtotal: 33300, discount: 3330, tax: 6294, shipping: 0, total: 36264 },
    ],
    [
      'discount rounds down (1.25 -> 1)',
      [item(1, 25)],
      'EUR',
      'FR',
      { subtotal: 25, discount: 1, tax: 104, shipping: 495, total: 623 },
    ],
    [
      'tax of exactly .5 rounds up (959.5 -> 960)',
      [item(5050, 1)],
      'EUR',
      'DE',
      { subtotal: 5050, discount: 0, tax: 960, shipping: 0, total: 6010 },
    ],
    [
      'the discount can push an order below the free-shipping threshold',
      [item(210, 25)],
      'EUR',
      'DE',
      { subtotal: 5250, discount: 262, tax: 1042, shipping: 495, total: 6525 },
    ],
    [
      'zero-decimal currency (JPY), JP 10 %',
      [item(1234, 1)],
      'JPY',
      'JP',
      { subtotal: 1234, discount: 0, tax: 203, shipping: 800, total: 2237 },
    ],
    [
      'US collects no tax here',
      [item(2500, 3)],
      'USD',
      'US',
      { subtotal: 7500, discount: 0, tax: 0, shipping: 0, total: 7500 },
    ],
    [
      'units across lines count towards the discount',
      [item(100, 20, 'A'), item(200, 5, 'B')],
      'EUR',
      'AT',
      { subtotal: 3000, discount: 150, tax: 669, shipping: 495, total: 4014 },
    ],
  ];

  it.each(cases)('%s', (_name, items, currency, country, expected) => {
    expect(priceOrder(items, currency, country)).toEqual(expected);
  });

  it('rejects an unsupported currency naming the field', () => {
    expect(() => priceOrder([item(1, 1)], 'XAU', 'DE')).toThrow(
      expect.objectContaining({ field: 'currency' }) as Error,
    );
  });

  it('rejects a country it does not ship to naming the field', () => {
    const attempt = () => priceOrder([item(1, 1)], 'EUR', 'ZZ');
    expect(attempt).toThrow(OrderValidationError);
    expect(attempt).toThrow(expect.objectContaining({ field: 'shippingAddress.country' }) as Error);
  });
});

/** An order within the input limits: 1-50 lines, quantity 1-999, unit price 1 up to the currency's cap. */
const pricedOrder = fc
  .record({ currency: fc.constantFrom(...currencyCodes), country: fc.constantFrom(...shippingCountries) })
  .chain(({ currency, country }) =>
    fc.record({
      currency: fc.constant(currency),
      country: fc.constant(country),
      items: fc.array(
        fc.record({
          sku: fc.string(),
          name: fc.constant('x'),
          unitPrice: fc.integer({ min: 1, max: currencies[currency]!.maxUnitPrice }),
          quantity: fc.integer({ min: 1, max: 999 }),
        }),
        { minLength: 1, maxLength: 50 },
      ),
    }),
  );

describe('priceOrder: properties', () => {
  it('total = subtotal - discount + tax + shipping, every amount a non-negative safe integer', () => {
    fc.assert(
      fc.property(pricedOrder, ({ items, currency, country }) => {
        const p = priceOrder(items, currency, country);
        for (const v of Object.values(p)) {
          expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
        }
        expect(p.total).toBe(p.subtotal - p.discount + p.tax + p.shipping);
      }),
    );
  });

  it('matches exact rational arithmetic: no float drift, documented rounding', () => {
    fc.assert(
      fc.property(pricedOrder, ({ items, currency, country }) => {
        const p = priceOrder(items, currency, country);
        const subtotal = items.reduce((s, i) => s + BigInt(i.unitPrice) * BigInt(i.quantity), 0n);
        expect(BigInt(p.subtotal)).toBe(subtotal);
        // discount = floor(subtotal * rate): 0 <= subtotal*rate - discount*10000 < 10000
        const units = items.reduce((s, i) => s + i.quantity, 0);
        const rateBp = BigInt(units >= 100 ? 1000 : units >= 25 ? 500 : 0);
        const discountError = subtotal * rateBp - BigInt(p.discount) * 10_000n;
        expect(discountError >= 0n && discountError < 10_000n).toBe(true);
        // tax rounded half up: -5000 < tax*10000 - base*rate <= 5000
        const base = BigInt(p.subtotal - p.discount + p.shipping);
        const taxError = BigInt(p.tax) * 10_000n - base * BigInt(taxRatesBp[country]!);
        expect(taxError > -5000n && taxError <= 5000n).toBe(true);
      }),
    );
  });

  it('charges shipping exactly when the discounted goods are below the threshold', () => {
    fc.assert(
      fc.property(pricedOrder, ({ items, currency, country }) => {
        const p = priceOrder(items, currency, country);
        const rules = currencies[currency]!;
        const expected = p.subtotal - p.discount >= rules.freeShippingFrom ? 0 : rules.shippingFee;
        expect(p.shipping).toBe(expected);
      }),
    );
  });

  it('does not depend on the order of the lines', () => {
    fc.assert(
      fc.property(pricedOrder, ({ items, currency, country }) => {
        expect(priceOrder([...items].reverse(), currency, country)).toEqual(
          priceOrder(items, currency, country),
        );
      }),
    );
  });
});
