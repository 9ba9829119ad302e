import { attributesOf, nanosToMs, numberOf, objects, type Attributes } from './otlpValues';

/** A histogram data point: explicit bucket bounds and the count in each bucket (one more than bounds). */
export interface HistogramValue {
  count: number;
  sum: number;
  bounds: number[];
  counts: number[];
  min?: number;
  max?: number;
}

/** One metric data point as the receiver keeps it. */
export interface MetricPoint {
  name: string;
  unit: string;
  kind: 'sum' | 'gauge' | 'histogram';
  /** OTLP AggregationTemporality: 1 delta, 2 cumulative (a gauge has none: 0). */
  temporality: number;
  /** `service.name` and `service.instance.id` of the exporting process. */
  service: string;
  instance: string;
  attributes: Attributes;
  timeMs: number;
  /** Sum or gauge value. */
  value?: number;
  histogram?: HistogramValue;
}

// Past these a point is malformed for this receiver (the app uses 16 bounds), and is skipped.
const MAX_BUCKETS = 200;

const str = (v: unknown, fallback: string) => (typeof v === 'string' ? v.slice(0, 200) : fallback);

function histogramOf(p: Record<string, unknown>): HistogramValue | undefined {
  const count = numberOf(p.count);
  const sum = numberOf(p.sum ?? 0);
  if (!Array.isArray(p.bucketCounts) || !Array.isArray(p.explicitBounds)) return undefined;
  if (p.bucketCounts.length > MAX_BUCKETS || p.bucketCounts.length !== p.explicitBounds.length + 1)
    return undefined;
  const counts = p.bucketCounts.map(numberOf);
  const bounds = p.explicitBounds.map(numberOf);
  if (![count, sum, ...counts, ...bounds].every(Number.isFinite) || counts.some((c) => c < 0))
    return undefined;
  const min = numberOf(p.min);
  const max = numberOf(p.max);
  return {
    count,
    sum,
    bounds,
    counts,
    ...(Number.isFinite(min) ? { min } : {}),
    ...(Number.isFinite(max) ? { max } : {}),
  };
}

/**
 * The data points of an OTLP/HTTP JSON `ExportMetricsServiceRequest`: sums, gauges and explicit-bucket
 * histograms. Exponential histograms and summaries (which the app does not make) and malformed points are
 * skipped rather than failing the whole export.
 */
export function metricPointsFromOtlpJson(body: unknown): MetricPoint[] {
  const out: MetricPoint[] = [];
  for (const rm of objects((body as { resourceMetrics?: unknown } | null)?.resourceMetrics)) {
    const resource = attributesOf((rm.resource as { attributes?: unknown } | undefined)?.attributes);
    const service = typeof resource['service.name'] === 'string' ? resource['service.name'] : 'unknown';
    const instance = String(resource['service.instance.id'] ?? '');
    for (const sm of objects(rm.scopeMetrics)) {
      for (const m of objects(sm.metrics)) {
        if (typeof m.name !== 'string' || m.name === '') continue;
        const base = { name: m.name.slice(0, 200), unit: str(m.unit, ''), service, instance };
        for (const kind of ['sum', 'gauge', 'histogram'] as const) {
          const data = m[kind] as { dataPoints?: unknown; aggregationTemporality?: unknown } | undefined;
          if (!data || typeof data !== 'object') continue;
          const temporality = kind === 'gauge' ? 0 : Number(data.aggregationTemporality) === 1 ? 1 : 2;
          for (const p of objects(data.dataPoints)) {
            const timeMs = nanosToMs(p.timeUnixNano);
            if (!Number.isFinite(timeMs)) continue;
            const point = { ...base, kind, temporality, attributes: attributesOf(p.attributes), timeMs };
            if (kind === 'histogram') {
              const histogram = histogramOf(p);
              if (histogram) out.push({ ...point, histogram });
            } else {
              const value = numberOf(p.asInt ?? p.asDouble);
              if (Number.isFinite(value)) out.push({ ...point, value });
            }
          }
        }
      }
    }
  }
  return out;
}
