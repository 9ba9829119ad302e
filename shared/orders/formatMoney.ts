/** Exponents already asked for: building an Intl.NumberFormat costs tens of microseconds, and every email asks. */
const exponents = new Map<string, number>();
/** Any string may arrive as a currency (a stored document, a message): the cache forgets all past this many. */
const MAX_CACHED_CURRENCIES = 512;

/**
 * The ISO 4217 minor-unit exponent of a currency as Intl knows it (JPY 0, EUR 2, BHD 3); 2 for a code Intl
 * does not know. Every place that shows money divides by 10^exponent, never by a fixed 100.
 */
export function minorUnitExponent(currency: string): number {
  const known = exponents.get(currency);
  if (known !== undefined) return known;
  let exponent: number;
  try {
    exponent =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
  } catch {
    exponent = 2;
  }
  if (exponents.size >= MAX_CACHED_CURRENCIES) exponents.clear();
  exponents.set(currency, exponent);
  return exponent;
}

/** One formatter per number of decimals (0-20, Intl's range), built on first use. */
const formatters = new Map<number, Intl.NumberFormat>();

function amountFormat(digits: number): Intl.NumberFormat {
  let f = formatters.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: false,
    });
    formatters.set(digits, f);
  }
  return f;
}

/** Integer minor units as the amount in major units (8800 JPY -> 8800, 1299 EUR -> 12.99). */
export function toMajorUnits(minor: number, currency: string): number {
  return minor / 10 ** minorUnitExponent(currency);
}

/** `12.99 EUR`, `8800 JPY`, `1.234 BHD`: the amount with the currency's own number of decimals, then the code. */
export function formatMoney(minor: number, currency: string): string {
  const digits = minorUnitExponent(currency);
  return `${amountFormat(digits).format(toMajorUnits(minor, currency))} ${currency}`;
}
