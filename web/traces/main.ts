// The portal's Traces page (tools/portal/tracesPage.ts): the slowest recent orders, and per order a timeline of
// its spans from the POST to the projection and the email. No inline script or style (the portal's CSP): bar
// positions are set through the CSSOM, which style-src does not govern.
import type { SpanRecord as Span } from '../../tools/telemetry/otlpJson';
import type { TraceSummary as Summary } from '../../tools/telemetry/TraceStore';
import { loadMetrics } from './metricsView';

interface TraceView {
  traceId: string;
  orderId?: string;
  spans: Span[];
  dropped: number;
}

const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const status = (t: string) => ($('#status').textContent = t);
const ms = (v: number) => `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`;
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

async function get<T>(path: string): Promise<T> {
  const res = await fetch(path);
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
}

/** Depth of each span under its parent within this trace (a span whose parent is elsewhere sits at 0). */
function depths(spans: Span[]): Map<string, number> {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const out = new Map<string, number>();
  const depth = (s: Span, seen = 0): number => {
    const known = out.get(s.spanId);
    if (known !== undefined) return known;
    const parent = s.parentSpanId ? byId.get(s.parentSpanId) : undefined;
    const d = parent && seen < 64 ? depth(parent, seen + 1) + 1 : 0;
    out.set(s.spanId, d);
    return d;
  };
  spans.forEach((s) => depth(s));
  return out;
}

function renderTimeline(t: TraceView): void {
  const start = Math.min(...t.spans.map((s) => s.startMs));
  const end = Math.max(...t.spans.map((s) => s.endMs));
  const total = Math.max(end - start, 0.001);
  const d = depths(t.spans);
  $('#timeline-title').textContent = t.orderId ? `Order ${t.orderId}` : `Trace ${t.traceId}`;
  $('#timeline-summary').textContent =
    `trace ${t.traceId} · ${t.spans.length} spans · ${ms(total)}` +
    (t.dropped ? ` · ${t.dropped} spans dropped` : '');
  const box = $('#timeline');
  box.replaceChildren();
  for (const s of t.spans) {
    const row = el('div', 'span-row');
    row.setAttribute('role', 'listitem');
    const name = el('div', 'span-name', `${'  '.repeat(d.get(s.spanId) ?? 0)}${s.name}`);
    name.title = `${s.service} · ${Object.entries(s.attributes)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ')}`;
    if (s.links.length > 0)
      name.append(el('span', 'span-link', ` ↔ ${s.links.length} link${s.links.length > 1 ? 's' : ''}`));
    const track = el('div', 'span-track');
    const bar = el('div', `span-bar k${s.kind}${s.status === 2 ? ' err' : ''}`);
    bar.style.left = `${((s.startMs - start) / total) * 100}%`;
    bar.style.width = `${((s.endMs - s.startMs) / total) * 100}%`;
    track.append(bar);
    row.append(name, track, el('div', 'span-ms', ms(s.endMs - s.startMs)));
    box.append(row);
  }
  $('#timeline-section').hidden = false;
}

async function showOrder(orderId: string): Promise<void> {
  renderTimeline(await get<TraceView>(`/api/traces/trace?order=${encodeURIComponent(orderId)}`));
}

async function load(): Promise<void> {
  const orders = await get<Summary[]>('/api/traces/orders?limit=20');
  const body = $('#orders').querySelector('tbody')!;
  body.replaceChildren(
    ...orders.map((o) => {
      const tr = el('tr');
      const a = el('a', undefined, o.orderId ?? o.traceId);
      a.href = `/traces?order=${encodeURIComponent(o.orderId ?? '')}`;
      const first = el('td');
      first.append(a);
      tr.append(
        first,
        el('td', undefined, o.rootName),
        el('td', 'n', ms(o.durationMs)),
        el('td', 'n', String(o.spanCount)),
        el('td', 'n', String(o.errors)),
        el('td', undefined, new Date(o.startMs).toLocaleTimeString()),
      );
      return tr;
    }),
  );
  const order = new URLSearchParams(location.search).get('order');
  if (order) await showOrder(order);
  await loadMetrics();
  status(orders.length === 0 ? 'no order traces yet' : '');
}

load()
  .catch((err: unknown) => status(err instanceof Error ? err.message : String(err)))
  .finally(() => (document.body.dataset.state = 'ready'));
