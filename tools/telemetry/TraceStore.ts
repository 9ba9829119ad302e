import type { SpanRecord } from './otlpJson';

/** Options of TraceStore; defaults keep a few MB at most. */
export interface TraceStoreOptions {
  /** Traces kept; the oldest (by first span received) is dropped past this. Default 500. */
  maxTraces?: number;
  /** Spans kept per trace; later ones are counted as dropped. Default 1000. */
  maxSpansPerTrace?: number;
}

export interface TraceSummary {
  traceId: string;
  orderId?: string;
  rootName: string;
  startMs: number;
  durationMs: number;
  spanCount: number;
  errors: number;
}

interface StoredTrace {
  spans: SpanRecord[];
  dropped: number;
  orderId?: string;
}

const ORDER_ID = 'orderflow.order.id';

/**
 * Traces in received order, bounded: a Map's insertion order makes it a ring of the last `maxTraces` traces,
 * and each trace holds at most `maxSpansPerTrace` spans, so memory stays bounded whatever the app exports.
 */
export class TraceStore {
  readonly #traces = new Map<string, StoredTrace>();
  readonly #byOrder = new Map<string, string>();
  readonly #maxTraces: number;
  readonly #maxSpans: number;

  constructor(opts: TraceStoreOptions = {}) {
    this.#maxTraces = opts.maxTraces ?? 500;
    this.#maxSpans = opts.maxSpansPerTrace ?? 1000;
  }

  get size(): number {
    return this.#traces.size;
  }

  add(spans: readonly SpanRecord[]): void {
    for (const span of spans) {
      let t = this.#traces.get(span.traceId);
      if (!t) {
        t = { spans: [], dropped: 0 };
        this.#traces.set(span.traceId, t);
        this.#evict();
      }
      if (t.spans.length >= this.#maxSpans) t.dropped += 1;
      else t.spans.push(span);
      const orderId = span.attributes[ORDER_ID];
      if (typeof orderId === 'string' && !t.orderId) {
        t.orderId = orderId;
        this.#byOrder.set(orderId, span.traceId);
      }
    }
  }

  /** The spans of one trace, earliest first. */
  trace(traceId: string): { spans: SpanRecord[]; dropped: number } | undefined {
    const t = this.#traces.get(traceId);
    return t ? { spans: [...t.spans].sort((a, b) => a.startMs - b.startMs), dropped: t.dropped } : undefined;
  }

  /** The trace of an order (the one its relay span names). */
  traceIdOfOrder(orderId: string): string | undefined {
    return this.#byOrder.get(orderId);
  }

  /** Summaries of the kept traces that belong to an order, slowest first. */
  slowestOrders(limit: number): TraceSummary[] {
    const out: TraceSummary[] = [];
    for (const [traceId, t] of this.#traces) if (t.orderId) out.push(summary(traceId, t));
    return out.sort((a, b) => b.durationMs - a.durationMs).slice(0, limit);
  }

  /** Summaries of the most recent traces, newest first. */
  recent(limit: number): TraceSummary[] {
    return [...this.#traces]
      .reverse()
      .slice(0, limit)
      .map(([traceId, t]) => summary(traceId, t));
  }

  #evict(): void {
    while (this.#traces.size > this.#maxTraces) {
      const [oldest, t] = this.#traces.entries().next().value as [string, StoredTrace];
      this.#traces.delete(oldest);
      if (t.orderId && this.#byOrder.get(t.orderId) === oldest) this.#byOrder.delete(t.orderId);
    }
  }
}

function summary(traceId: string, t: StoredTrace): TraceSummary {
  let start = Infinity;
  let end = -Infinity;
  let errors = 0;
  for (const s of t.spans) {
    start = Math.min(start, s.startMs);
    end = Math.max(end, s.endMs);
    if (s.status === 2) errors += 1;
  }
  const root = t.spans.find((s) => !s.parentSpanId) ?? t.spans[0];
  return {
    traceId,
    ...(t.orderId ? { orderId: t.orderId } : {}),
    rootName: root?.name ?? '',
    startMs: start,
    durationMs: Math.max(0, end - start),
    spanCount: t.spans.length,
    errors,
  };
}
