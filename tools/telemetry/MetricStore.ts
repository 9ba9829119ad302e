import type { HistogramValue, MetricPoint } from './otlpMetricsJson';
import type { Attributes } from './otlpValues';

/** Options of MetricStore. */
export interface MetricStoreOptions {
  /** Series kept (metric × attributes × exporting process); the least recently updated is dropped past this. Default 1000. */
  maxSeries?: number;
}

export interface CounterView {
  name: string;
  unit: string;
  attributes: Attributes;
  value: number;
}

export interface HistogramView {
  name: string;
  unit: string;
  attributes: Attributes;
  count: number;
  sum: number;
  p50: number;
  p90: number;
  p99: number;
  max?: number;
}

export interface MetricsView {
  counters: CounterView[];
  histograms: HistogramView[];
  series: number;
  /** Series dropped to stay within maxSeries. */
  dropped: number;
}

const attrKey = (a: Attributes) =>
  JSON.stringify(
    Object.keys(a)
      .sort()
      .map((k) => [k, a[k]]),
  );

/**
 * The q-quantile of a bucketed distribution, interpolated linearly inside its bucket (the first bucket starts
 * at the recorded min, or 0; the overflow bucket ends at the recorded max, or its lower bound).
 */
export function quantile(h: HistogramValue, q: number): number {
  if (h.count <= 0) return 0;
  const rank = q * h.count;
  let seen = 0;
  for (let i = 0; i < h.counts.length; i += 1) {
    const c = h.counts[i]!;
    if (c > 0 && seen + c >= rank) {
      const lower = i === 0 ? Math.min(h.min ?? 0, h.bounds[0] ?? 0) : h.bounds[i - 1]!;
      const upper = i < h.bounds.length ? h.bounds[i]! : (h.max ?? lower);
      const v = lower + ((rank - seen) / c) * (upper - lower);
      return Math.min(Math.max(v, h.min ?? -Infinity), h.max ?? Infinity);
    }
    seen += c;
  }
  return h.max ?? h.bounds[h.bounds.length - 1] ?? 0;
}

function addHistograms(a: HistogramValue, b: HistogramValue): HistogramValue {
  const min = Math.min(a.min ?? Infinity, b.min ?? Infinity);
  const max = Math.max(a.max ?? -Infinity, b.max ?? -Infinity);
  return {
    count: a.count + b.count,
    sum: a.sum + b.sum,
    bounds: a.bounds,
    counts: a.counts.map((c, i) => c + (b.counts[i] ?? 0)),
    ...(Number.isFinite(min) ? { min } : {}),
    ...(Number.isFinite(max) ? { max } : {}),
  };
}

/**
 * The latest state of each metric series the app exported, bounded: a Map in update order (an update moves a
 * series to the end) holds at most `maxSeries`, so memory stays bounded whatever the app or a fuzzer sends.
 * Cumulative points replace the series' value; delta points add to it. Views sum the series of every process.
 */
export class MetricStore {
  readonly #series = new Map<string, MetricPoint>();
  readonly #max: number;
  #dropped = 0;

  constructor(opts: MetricStoreOptions = {}) {
    this.#max = opts.maxSeries ?? 1000;
  }

  get size(): number {
    return this.#series.size;
  }

  add(points: readonly MetricPoint[]): void {
    for (const p of points) {
      const key = JSON.stringify([p.service, p.instance, p.name, p.kind, attrKey(p.attributes)]);
      const prev = this.#series.get(key);
      this.#series.delete(key);
      this.#series.set(key, prev && p.temporality === 1 ? accumulate(prev, p) : p);
      while (this.#series.size > this.#max) {
        this.#series.delete(this.#series.keys().next().value as string);
        this.#dropped += 1;
      }
    }
  }

  view(): MetricsView {
    const counters = new Map<string, CounterView>();
    const histograms = new Map<
      string,
      { view: Omit<HistogramView, 'p50' | 'p90' | 'p99'>; h: HistogramValue }
    >();
    for (const p of this.#series.values()) {
      const key = JSON.stringify([p.name, attrKey(p.attributes), p.histogram?.bounds ?? null]);
      const common = { name: p.name, unit: p.unit, attributes: p.attributes };
      if (p.histogram) {
        const prev = histograms.get(key);
        const h =
          prev && prev.h.bounds.length === p.histogram.bounds.length
            ? addHistograms(prev.h, p.histogram)
            : p.histogram;
        histograms.set(key, { view: { ...common, count: h.count, sum: h.sum }, h });
      } else if (p.value !== undefined) {
        const prev = counters.get(key);
        // Gauges are a latest value, not a total: the last process to report wins.
        const value = prev && p.kind === 'sum' ? prev.value + p.value : p.value;
        counters.set(key, { ...common, value });
      }
    }
    const byName = <T extends { name: string; attributes: Attributes }>(a: T, b: T) =>
      a.name.localeCompare(b.name) || attrKey(a.attributes).localeCompare(attrKey(b.attributes));
    return {
      counters: [...counters.values()].sort(byName),
      histograms: [...histograms.values()]
        .map(({ view, h }) => ({
          ...view,
          p50: quantile(h, 0.5),
          p90: quantile(h, 0.9),
          p99: quantile(h, 0.99),
          ...(h.max !== undefined ? { max: h.max } : {}),
        }))
        .sort(byName),
      series: this.#series.size,
      dropped: this.#dropped,
    };
  }
}

function accumulate(prev: MetricPoint, p: MetricPoint): MetricPoint {
  if (p.value !== undefined && prev.value !== undefined) return { ...p, value: prev.value + p.value };
  if (p.histogram && prev.histogram && p.histogram.counts.length === prev.histogram.counts.length)
    return { ...p, histogram: addHistograms(prev.histogram, p.histogram) };
  return p;
}
