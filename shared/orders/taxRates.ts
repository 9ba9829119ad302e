/**
 * Countries the shop ships to, with the tax rate charged on deliveries there, in basis points
 * (1 bp = 0.01 %). Standard national VAT/GST rates only: reduced rates, US state sales tax and Canadian
 * provincial taxes are out of scope (US and CA collect 0 and 5 % here; a real shop would call a tax service).
 * An address in any other country is rejected with a 400 naming `shippingAddress.country`.
 */
export const taxRatesBp: Readonly<Record<string, number>> = Object.freeze({
  AT: 2000,
  AU: 1000,
  BE: 2100,
  CA: 500,
  CH: 810,
  DE: 1900,
  DK: 2500,
  ES: 2100,
  FI: 2550,
  FR: 2000,
  GB: 2000,
  IE: 2300,
  IT: 2200,
  JP: 1000,
  NL: 2100,
  NO: 2500,
  PL: 2300,
  PT: 2300,
  SE: 2500,
  US: 0,
});

export const shippingCountries: readonly string[] = Object.freeze(Object.keys(taxRatesBp));

export function taxRateBp(country: string): number | undefined {
  return Object.hasOwn(taxRatesBp, country) ? taxRatesBp[country] : undefined;
}
