import type { IncomingMessage } from 'node:http';
import type { MetricsView } from '../telemetry';
import { portalErrors } from './errors';

/** What the Traces page's metrics view reads of the OTLP receiver's metric store. */
export interface MetricSource {
  view(): MetricsView;
}

type Route = (req: IncomingMessage, url: URL) => Promise<unknown>;

/**
 * GET /api/metrics: the app's counters (summed over its processes) and histograms with their percentiles, as
 * last exported. Without a receiver (the dev stack's telemetry off) it is a 503.
 */
export function metricRoutes(source: MetricSource | undefined): Record<string, Route> {
  return {
    '/api/metrics': () =>
      source
        ? Promise.resolve(source.view())
        : Promise.reject(portalErrors.unavailable('the metrics receiver')),
  };
}
