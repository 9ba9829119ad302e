import type { IncomingMessage } from 'node:http';
import type { SpanRecord, TraceSummary } from '../telemetry';
import { portalErrors } from './errors';

/** What the Traces page reads of the OTLP receiver's store. */
export interface TraceSource {
  slowestOrders(limit: number): TraceSummary[];
  recent(limit: number): TraceSummary[];
  trace(traceId: string): { spans: SpanRecord[]; dropped: number } | undefined;
  traceIdOfOrder(orderId: string): string | undefined;
}

type Route = (req: IncomingMessage, url: URL) => Promise<unknown>;

const limit = (url: URL) => Math.min(Math.max(Number(url.searchParams.get('limit') ?? 20) || 20, 1), 200);

/**
 * GET /api/traces/orders (slowest recent orders), /api/traces/recent, and /api/traces/trace?order=… or ?id=… (one
 * trace's spans, earliest first). Without a receiver (the dev stack's tracing off) every route is a 503.
 */
export function traceRoutes(source: TraceSource | undefined): Record<string, Route> {
  const need = (): TraceSource => {
    if (!source) throw portalErrors.unavailable('the trace receiver');
    return source;
  };
  return {
    '/api/traces/orders': (_req, url) => Promise.resolve(need().slowestOrders(limit(url))),
    '/api/traces/recent': (_req, url) => Promise.resolve(need().recent(limit(url))),
    '/api/traces/trace': (_req, url) => {
      const s = need();
      const order = url.searchParams.get('order');
      const traceId = order ? s.traceIdOfOrder(order) : url.searchParams.get('id');
      const t = traceId ? s.trace(traceId) : undefined;
      if (!traceId || !t) throw portalErrors.notFound(order ? `no trace of order ${order}` : 'no such trace');
      return Promise.resolve({ traceId, ...(order ? { orderId: order } : {}), ...t });
    },
  };
}
