/** Order statistics of a sample; every figure in the suite is reported through these. */
export interface Summary {
  n: number;
  median: number;
  mean: number;
  min: number;
  max: number;
  p25: number;
  p75: number;
  /** Interquartile range, p75 - p25: the spread that one outlier run cannot blow up. */
  iqr: number;
}

function sorted(xs: readonly number[]): number[] {
  if (xs.length === 0) throw new RangeError('a statistic of an empty sample is undefined');
  if (xs.some((x) => !Number.isFinite(x))) throw new RangeError('sample holds a non-finite value');
  return [...xs].sort((a, b) => a - b);
}

/** Linear interpolation between closest ranks (the definition numpy and Excel's PERCENTILE.INC use). */
function percentileOfSorted(s: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = s[lo]!;
  const b = s[hi]!;
  return a + (b - a) * (rank - lo);
}

export function percentile(xs: readonly number[], p: number): number {
  return percentileOfSorted(sorted(xs), p);
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

export function summarize(xs: readonly number[]): Summary {
  const s = sorted(xs);
  const p25 = percentileOfSorted(s, 25);
  const p75 = percentileOfSorted(s, 75);
  return {
    n: s.length,
    median: percentileOfSorted(s, 50),
    mean: s.reduce((sum, x) => sum + x, 0) / s.length,
    min: s[0]!,
    max: s[s.length - 1]!,
    p25,
    p75,
    iqr: p75 - p25,
  };
}

/** `value / floor`, refusing a zero or negative floor rather than reporting Infinity as a ratio. */
export function ratio(value: number, floor: number): number {
  if (!(floor > 0)) throw new RangeError(`floor must be positive, got ${floor}`);
  return value / floor;
}

/** Per-pair ratios of two samples taken interleaved, so drift in machine load cancels within each pair. */
export function pairedRatios(values: readonly number[], floors: readonly number[]): number[] {
  if (values.length !== floors.length) throw new RangeError('paired samples differ in length');
  return values.map((v, i) => ratio(v, floors[i]!));
}
