import { attributesOf, nanosToMs, objects } from './otlpValues';

/** One span as the receiver keeps it: what the timeline needs, nothing more. */
export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  service: string;
  startMs: number;
  endMs: number;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  status: number;
  attributes: Record<string, string | number | boolean>;
  links: { traceId: string; spanId: string; attributes: Record<string, string | number | boolean> }[];
}

const HEX = /^[0-9a-f]+$/i;
// Hex in the JSON encoding, bytes when the export came as protobuf (otlpProtobuf.ts); all-zero ids are invalid.
const id = (v: unknown, len: number): string | undefined => {
  const hex =
    typeof v === 'string' && v.length === len && HEX.test(v)
      ? v.toLowerCase()
      : v instanceof Uint8Array && v.length * 2 === len
        ? Buffer.from(v.buffer, v.byteOffset, v.length).toString('hex')
        : undefined;
  return hex && /[^0]/.test(hex) ? hex : undefined;
};

const arr = objects;
const attributes = attributesOf;

/**
 * The spans of an OTLP/HTTP JSON `ExportTraceServiceRequest` (ids as hex, as the OTLP JSON encoding
 * specifies), or of a protobuf one in that object form (ids as bytes). Spans without valid ids or times are
 * skipped rather than failing the whole export.
 */
export function spansFromOtlpJson(body: unknown): SpanRecord[] {
  const out: SpanRecord[] = [];
  for (const rs of arr((body as { resourceSpans?: unknown } | null)?.resourceSpans)) {
    const resource = attributes((rs.resource as { attributes?: unknown } | undefined)?.attributes);
    const service = typeof resource['service.name'] === 'string' ? resource['service.name'] : 'unknown';
    for (const ss of arr(rs.scopeSpans)) {
      for (const s of arr(ss.spans)) {
        const traceId = id(s.traceId, 32);
        const spanId = id(s.spanId, 16);
        const startMs = nanosToMs(s.startTimeUnixNano);
        const endMs = nanosToMs(s.endTimeUnixNano);
        if (!traceId || !spanId || !Number.isFinite(startMs) || !Number.isFinite(endMs)) continue;
        const parentSpanId = id(s.parentSpanId, 16);
        out.push({
          traceId,
          spanId,
          ...(parentSpanId ? { parentSpanId } : {}),
          name: typeof s.name === 'string' ? s.name.slice(0, 200) : '(unnamed)',
          kind: typeof s.kind === 'number' ? s.kind : 0,
          service,
          startMs,
          endMs,
          status: Number((s.status as { code?: unknown } | undefined)?.code ?? 0) || 0,
          attributes: attributes(s.attributes),
          links: arr(s.links).flatMap((l) => {
            const lt = id(l.traceId, 32);
            const ls = id(l.spanId, 16);
            return lt && ls ? [{ traceId: lt, spanId: ls, attributes: attributes(l.attributes) }] : [];
          }),
        });
      }
    }
  }
  return out;
}
