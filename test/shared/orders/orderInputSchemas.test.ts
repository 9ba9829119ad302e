import {
  createOrderSchema,
  idempotencyKeySchema,
  orderLimits,
  statusChangeSchema,
  updateOrderSchema,
} from '../../../shared/orders/orderInputSchemas';

const valid = () => ({
  currency: 'EUR',
  items: [{ sku: 'MUG-01', name: 'Mug', unitPrice: 1299, quantity: 2 }],
  shippingAddress: { line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' },
});
type Body = ReturnType<typeof valid>;

/** The dotted path of every issue of a rejected body. */
function rejectedFields(body: unknown): string[] {
  const result = createOrderSchema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.map((i) =>
    i.code === 'unrecognized_keys' ? [...i.path, ...i.keys].join('.') : i.path.join('.'),
  );
}
function withItem(patch: Record<string, unknown>): Body {
  const body = valid();
  body.items[0] = { ...body.items[0]!, ...patch };
  return body;
}

describe('createOrderSchema', () => {
  it('accepts a valid order', () => expect(rejectedFields(valid())).toEqual([]));

  it.each([
    ['unknown top-level field', { ...valid(), total: 1 }, 'total'],
    ['unknown item field', withItem({ discount: 5 }), 'items.0.discount'],
    ['quantity 0', withItem({ quantity: 0 }), 'items.0.quantity'],
    ['negative quantity', withItem({ quantity: -1 }), 'items.0.quantity'],
    ['fractional quantity', withItem({ quantity: 1.5 }), 'items.0.quantity'],
    ['quantity above the maximum', withItem({ quantity: orderLimits.maxQuantity + 1 }), 'items.0.quantity'],
    ['quantity as a string', withItem({ quantity: '2' }), 'items.0.quantity'],
    ['zero price', withItem({ unitPrice: 0 }), 'items.0.unitPrice'],
    ['fractional price', withItem({ unitPrice: 12.99 }), 'items.0.unitPrice'],
    ['absurd price', withItem({ unitPrice: 1e20 }), 'items.0.unitPrice'],
    [
      'price above the EUR cap but below the JPY cap',
      withItem({ unitPrice: 100_000_01 }),
      'items.0.unitPrice',
    ],
    ['sku with a space', withItem({ sku: 'MUG 01' }), 'items.0.sku'],
    ['empty sku', withItem({ sku: '' }), 'items.0.sku'],
    ['name with a zero-width joiner', withItem({ name: 'Mu\u200Dg' }), 'items.0.name'],
    ['name with a right-to-left override', withItem({ name: '\u202Egum' }), 'items.0.name'],
    ['name with a control character', withItem({ name: 'Mug\u0007' }), 'items.0.name'],
    ['name with a lone surrogate', withItem({ name: 'Mug\uD800' }), 'items.0.name'],
    ['name with private-use characters', withItem({ name: 'Mug\uE000' }), 'items.0.name'],
    ['zalgo name', withItem({ name: 'M\u0301\u0302\u0303\u0304\u0305\u0306ug' }), 'items.0.name'],
    ['empty name', withItem({ name: '' }), 'items.0.name'],
    ['padded name', withItem({ name: ' Mug' }), 'items.0.name'],
    ['name too long', withItem({ name: 'x'.repeat(201) }), 'items.0.name'],
    ['lower-case currency', { ...valid(), currency: 'eur' }, 'currency'],
    ['unsupported currency', { ...valid(), currency: 'XAU' }, 'currency'],
    ['no items', { ...valid(), items: [] }, 'items'],
    [
      'too many line items',
      {
        ...valid(),
        items: Array.from({ length: orderLimits.maxLineItems + 1 }, (_, i) => ({
          sku: `S${i}`,
          name: 'n',
          unitPrice: 1,
          quantity: 1,
        })),
      },
      'items',
    ],
    [
      'lower-case country',
      { ...valid(), shippingAddress: { ...valid().shippingAddress, country: 'de' } },
      'shippingAddress.country',
    ],
    [
      'country not shipped to',
      { ...valid(), shippingAddress: { ...valid().shippingAddress, country: 'AQ' } },
      'shippingAddress.country',
    ],
    [
      'bad postal code',
      { ...valid(), shippingAddress: { ...valid().shippingAddress, postalCode: '<b>' } },
      'shippingAddress.postalCode',
    ],
    [
      'missing city',
      { ...valid(), shippingAddress: { line1: 'x', postalCode: '1', country: 'DE' } },
      'shippingAddress.city',
    ],
  ])('rejects %s naming the field', (_name, body, field) => {
    expect(rejectedFields(body)).toContain(field);
  });

  it('accepts the JPY cap that is above the EUR cap', () => {
    expect(rejectedFields({ ...withItem({ unitPrice: 100_000_01 }), currency: 'JPY' })).toEqual([]);
  });

  it('rejects duplicate SKUs, case-insensitively, naming the second line', () => {
    const body = valid();
    body.items.push({ ...body.items[0]!, sku: 'mug-01' });
    expect(rejectedFields(body)).toEqual(['items.1.sku']);
  });

  it('normalises free text to NFC', () => {
    const parsed = createOrderSchema.parse(withItem({ name: 'Cafe\u0301' }));
    expect(parsed.items[0]!.name).toBe('Caf\u00E9');
  });

  it('accepts non-Latin scripts and emoji', () => {
    expect(rejectedFields(withItem({ name: '日本茶 ☕ Ünïcödé' }))).toEqual([]);
  });
});

describe('updateOrderSchema', () => {
  it('needs at least one field', () => expect(updateOrderSchema.safeParse({}).success).toBe(false));
  it('rejects fields that cannot be edited', () => {
    expect(updateOrderSchema.safeParse({ status: 'shipped' }).success).toBe(false);
  });
  it('accepts a new address alone', () => {
    expect(updateOrderSchema.safeParse({ shippingAddress: valid().shippingAddress }).success).toBe(true);
  });
});

describe('statusChangeSchema and idempotencyKeySchema', () => {
  it('accepts a known status only', () => {
    expect(statusChangeSchema.safeParse({ status: 'shipped' }).success).toBe(true);
    expect(statusChangeSchema.safeParse({ status: 'lost' }).success).toBe(false);
  });
  it('accepts a UUID key and rejects spaces and empty keys', () => {
    expect(idempotencyKeySchema.safeParse('0b6f2f7e-59d2-4f4b-9d34-1f5c1e0b8c11').success).toBe(true);
    expect(idempotencyKeySchema.safeParse('a key').success).toBe(false);
    expect(idempotencyKeySchema.safeParse('').success).toBe(false);
  });
});
