import { toMajorUnits } from '../../shared/orders/formatMoney';

export const integer = (n: number): string => new Intl.NumberFormat('en').format(n);

/**
 * Minor units as money, divided by the currency's own minor-unit exponent (JPY 0, EUR 2); a shop in one
 * currency shows its symbol. Without a currency (a sum over several) there is no exponent to honour: the
 * amount is shown as two-decimal units, as before.
 */
export function money(minor: number, currency?: string): string {
  if (!currency)
    return new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
      minor / 100,
    );
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(toMajorUnits(minor, currency));
}

export function duration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

export const percent = (ratio: number): string => `${(ratio * 100).toFixed(1)} %`;

export function time(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'medium' }) : '–';
}
