// The Traces page's metrics view: the app's counters and the histograms' percentiles (the projection lag), as the
// dev stack's receiver last got them (every second offline). Rendered with textContent only (the portal's CSP).
import type { MetricsView } from '../../tools/telemetry/MetricStore';

const cell = (text: string, cls?: string) => {
  const td = document.createElement('td');
  if (cls) td.className = cls;
  td.textContent = text;
  return td;
};
const attrs = (a: Record<string, string | number | boolean>) =>
  Object.entries(a)
    .map(([k, v]) => `${k.replace(/^orderflow\./, '')}=${String(v)}`)
    .join(' ');
const num = (v: number, unit: string) =>
  `${v < 10 ? v.toFixed(1) : Math.round(v)}${unit === 'ms' ? ' ms' : ''}`;

function fill(table: string, rows: HTMLTableCellElement[][]): void {
  document.querySelector(`${table} tbody`)!.replaceChildren(
    ...rows.map((cells) => {
      const tr = document.createElement('tr');
      tr.append(...cells);
      return tr;
    }),
  );
}

/** Loads /api/metrics into #counters and #histograms; a stack without a receiver says so in #metrics-note. */
export async function loadMetrics(): Promise<void> {
  const note = document.querySelector('#metrics-note')!;
  const res = await fetch('/api/metrics');
  if (!res.ok) {
    note.textContent = res.status === 503 ? 'no metrics receiver in this stack' : `metrics: ${res.status}`;
    return;
  }
  const v = (await res.json()) as MetricsView;
  fill(
    '#counters',
    v.counters.map((c) => [cell(c.name), cell(attrs(c.attributes)), cell(String(c.value), 'n')]),
  );
  fill(
    '#histograms',
    v.histograms.map((h) => [
      cell(h.name),
      cell(attrs(h.attributes)),
      cell(String(h.count), 'n'),
      cell(num(h.p50, h.unit), 'n'),
      cell(num(h.p90, h.unit), 'n'),
      cell(num(h.p99, h.unit), 'n'),
      cell(h.max === undefined ? '' : num(h.max, h.unit), 'n'),
    ]),
  );
  note.textContent =
    v.counters.length + v.histograms.length === 0
      ? 'no metrics yet (exported every few seconds)'
      : `${v.series} series${v.dropped ? `, ${v.dropped} dropped` : ''}`;
}
