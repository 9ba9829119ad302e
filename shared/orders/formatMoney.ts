/**
 * The ISO 4217 minor-unit exponent of a currency as Intl knows it (JPY 0, EUR 2, BHD 3); 2 for a code Intl
 * does not know. Every place that shows money divides by 10^exponent, never by a fixed 100.
 */
export function minorUnitExponent(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/** Integer minor units as the amount in major units (8800 JPY -> 8800, 1299 EUR -> 12.99). */
export function toMajorUnits(minor: number, currency: string): number {
  return minor / 10 ** minorUnitExponent(currency);
}

/** `12.99 EUR`, `8800 JPY`, `1.234 BHD`: the amount with the currency's own number of decimals, then the code. */
export function formatMoney(minor: number, currency: string): string {
  const digits = minorUnitExponent(currency);
  const amount = new Intl.NumberFormat('en', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: false,
  }).format(toMajorUnits(minor, currency));
  return `${amount} ${currency}`;
}
