export const integer = (n: number): string => new Intl.NumberFormat('en').format(n);

/** Minor units as money; a shop in one currency shows its symbol, several show a plain amount. */
export function money(minor: number, currency?: string): string {
  const major = minor / 100;
  if (!currency)
    return new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(major);
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(major);
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
