/** Numbers for people: three significant figures, thousands separated, no trailing noise. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1000) return Math.round(x).toLocaleString('en-US');
  if (abs === 0) return '0';
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return x.toFixed(digits);
}

export function fmtRatio(x: number): string {
  return `${x.toFixed(2)}x`;
}
