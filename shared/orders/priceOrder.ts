import { currencyRules } from './currencies';
import { OrderValidationError } from './errors';
import type { OrderItem, Pricing } from './order';
import { taxRateBp } from './taxRates';

/** Volume discount tiers on the total number of units in the order, highest first. */
export const volumeDiscountTiers: readonly { minUnits: number; rateBp: number }[] = Object.freeze([
  { minUnits: 100, rateBp: 1000 },
  { minUnits: 25, rateBp: 500 },
]);

/** Ceiling of every priced amount; the input limits keep real orders several orders of magnitude below it. */
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function toSafeNumber(value: bigint, what: string): number {
  if (value < 0n || value > MAX_SAFE) throw new RangeError(`${what} out of safe integer range: ${value}`);
  return Number(value);
}

/** floor(amount * bp / 10000): used for the discount, so it never exceeds the advertised rate. */
function applyRateRoundDown(amount: bigint, bp: number): bigint {
  return (amount * BigInt(bp)) / 10_000n;
}

/** amount * bp / 10000 rounded half up (commercial rounding; all operands are non-negative). */
function applyRateRoundHalfUp(amount: bigint, bp: number): bigint {
  return (amount * BigInt(bp) * 2n + 10_000n) / 20_000n;
}

/**
 * The pricing policy. Client totals are never read; only unit prices and quantities.
 *
 * 1. subtotal = sum of unitPrice x quantity (unit prices are net, tax-exclusive).
 * 2. discount = volume discount on the subtotal by total units (see `volumeDiscountTiers`), rounded down.
 * 3. shipping = the currency's flat fee, or 0 when subtotal - discount reaches its free-shipping threshold.
 * 4. tax = the destination country's rate on (subtotal - discount + shipping), rounded half up:
 *    in the EU, shipping follows the VAT treatment of the goods it delivers.
 * 5. total = subtotal - discount + tax + shipping.
 *
 * Arithmetic is done in BigInt, so no intermediate product can lose precision; every result is checked to
 * be a non-negative safe integer. Unknown currency or country: OrderValidationError naming the field.
 */
export function priceOrder(items: readonly OrderItem[], currency: string, country: string): Pricing {
  const rules = currencyRules(currency);
  if (!rules) throw new OrderValidationError('currency', `currency ${currency} is not supported`);
  const taxBp = taxRateBp(country);
  if (taxBp === undefined) {
    throw new OrderValidationError('shippingAddress.country', `we do not ship to ${country}`);
  }

  let subtotal = 0n;
  let units = 0;
  for (const item of items) {
    subtotal += BigInt(item.unitPrice) * BigInt(item.quantity);
    units += item.quantity;
  }
  const tier = volumeDiscountTiers.find((t) => units >= t.minUnits);
  const discount = tier ? applyRateRoundDown(subtotal, tier.rateBp) : 0n;
  const goods = subtotal - discount;
  const shipping = goods >= BigInt(rules.freeShippingFrom) ? 0n : BigInt(rules.shippingFee);
  const tax = applyRateRoundHalfUp(goods + shipping, taxBp);
  const total = goods + shipping + tax;

  return {
    subtotal: toSafeNumber(subtotal, 'subtotal'),
    discount: toSafeNumber(discount, 'discount'),
    tax: toSafeNumber(tax, 'tax'),
    shipping: toSafeNumber(shipping, 'shipping'),
    total: toSafeNumber(total, 'total'),
  };
}
