/** Per-currency rules of the shop. All amounts are integer minor units of that currency. */
export interface CurrencyRules {
  /** ISO 4217 minor-unit exponent (2 for EUR: 1 EUR = 100 minor units; 0 for JPY). */
  exponent: number;
  /** Flat shipping fee below the free-shipping threshold. */
  shippingFee: number;
  /** Goods value after discount from which shipping is free. */
  freeShippingFrom: number;
  /** Highest accepted unit price: anything above is treated as a client error, not a sale. */
  maxUnitPrice: number;
}

/**
 * The ISO 4217 currencies the shop sells in. A syntactically valid code that is not listed (XAU, ZWL) is
 * rejected with a 400 naming `currency`: pricing needs the rules below, and guessing them would be worse.
 * The maximum unit price is roughly 100,000 EUR in every currency.
 */
export const currencies: Readonly<Record<string, CurrencyRules>> = Object.freeze({
  EUR: { exponent: 2, shippingFee: 495, freeShippingFrom: 50_00, maxUnitPrice: 100_000_00 },
  USD: { exponent: 2, shippingFee: 599, freeShippingFrom: 75_00, maxUnitPrice: 100_000_00 },
  GBP: { exponent: 2, shippingFee: 450, freeShippingFrom: 50_00, maxUnitPrice: 100_000_00 },
  CHF: { exponent: 2, shippingFee: 790, freeShippingFrom: 75_00, maxUnitPrice: 100_000_00 },
  SEK: { exponent: 2, shippingFee: 49_00, freeShippingFrom: 600_00, maxUnitPrice: 1_000_000_00 },
  NOK: { exponent: 2, shippingFee: 59_00, freeShippingFrom: 700_00, maxUnitPrice: 1_000_000_00 },
  DKK: { exponent: 2, shippingFee: 39_00, freeShippingFrom: 400_00, maxUnitPrice: 1_000_000_00 },
  PLN: { exponent: 2, shippingFee: 19_90, freeShippingFrom: 250_00, maxUnitPrice: 500_000_00 },
  CAD: { exponent: 2, shippingFee: 899, freeShippingFrom: 100_00, maxUnitPrice: 150_000_00 },
  AUD: { exponent: 2, shippingFee: 995, freeShippingFrom: 100_00, maxUnitPrice: 150_000_00 },
  JPY: { exponent: 0, shippingFee: 800, freeShippingFrom: 8_000, maxUnitPrice: 15_000_000 },
});

export const currencyCodes: readonly string[] = Object.freeze(Object.keys(currencies));

export function currencyRules(code: string): CurrencyRules | undefined {
  return Object.hasOwn(currencies, code) ? currencies[code] : undefined;
}
