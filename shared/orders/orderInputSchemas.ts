import { z } from 'zod';
import { currencyCodes, currencyRules } from './currencies';
import { orderStatuses } from './order';
import { orderLimits } from './orderLimits';
import { safeText } from './safeText';
import { shippingCountries } from './taxRates';

/** Input limits. Anything beyond them is a client error (400 naming the field), never a 5xx. */
export { orderLimits };

export const orderItemSchema = z.strictObject({
  sku: z.string().regex(orderLimits.sku, 'must be 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit'),
  name: safeText(orderLimits.maxItemName),
  unitPrice: z
    .int()
    .min(1)
    .max(orderLimits.maxUnitPrice)
    .meta({ description: 'Net price of one unit in integer minor units (cents)' }),
  quantity: z.int().min(1).max(orderLimits.maxQuantity),
});

export const shippingAddressSchema = z.strictObject({
  line1: safeText(200),
  city: safeText(100),
  postalCode: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9 -]{0,10}[A-Za-z0-9])?$/, 'must be a postal code'),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an upper-case ISO 3166-1 alpha-2 code')
    .refine((c) => shippingCountries.includes(c), 'we do not ship to this country')
    .meta({ enum: [...shippingCountries] }),
});

const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an upper-case ISO 4217 code')
  .refine((c) => currencyRules(c) !== undefined, `must be one of ${currencyCodes.join(', ')}`)
  .meta({ enum: [...currencyCodes] });

const itemsSchema = z.array(orderItemSchema).min(1).max(orderLimits.maxLineItems);

interface OrderContentDraft {
  currency: string;
  items: { sku: string; unitPrice: number }[];
}

/** Rules that need more than one field: per-currency price cap and unique SKUs. */
function checkCrossFieldRules(ctx: z.core.ParsePayload<OrderContentDraft>): void {
  const rules = currencyRules(ctx.value.currency);
  const seen = new Set<string>();
  ctx.value.items.forEach((item, i) => {
    if (rules && item.unitPrice > rules.maxUnitPrice) {
      ctx.issues.push({
        code: 'custom',
        input: item.unitPrice,
        path: ['items', i, 'unitPrice'],
        message: `must be at most ${rules.maxUnitPrice} in ${ctx.value.currency}`,
      });
    }
    const sku = item.sku.toUpperCase();
    if (seen.has(sku)) {
      ctx.issues.push({
        code: 'custom',
        input: item.sku,
        path: ['items', i, 'sku'],
        message: 'duplicate SKU: put the quantity on one line',
      });
    }
    seen.add(sku);
  });
}

/** Body of `POST /api/orders`; also what a PATCH must still satisfy once merged into the order. */
export const createOrderSchema = z
  .strictObject({ currency: currencySchema, items: itemsSchema, shippingAddress: shippingAddressSchema })
  .check(checkCrossFieldRules);
export type CreateOrderInput = z.infer<typeof createOrderSchema>;

/** Body of `PATCH /api/orders/{id}`: any of the editable fields, at least one. */
export const updateOrderSchema = z
  .strictObject({
    currency: currencySchema.optional(),
    items: itemsSchema.optional(),
    shippingAddress: shippingAddressSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'send at least one of currency, items, shippingAddress');
export type UpdateOrderInput = z.infer<typeof updateOrderSchema>;

/** Body of `POST /api/orders/{id}/status`. */
export const statusChangeSchema = z.strictObject({ status: z.enum(orderStatuses) });
export type StatusChangeInput = z.infer<typeof statusChangeSchema>;

/** `Idempotency-Key` header: visible ASCII, as in the IETF draft and Stripe-style clients (UUIDs fit). */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7E]{1,255}$/, 'must be 1-255 visible ASCII characters');
