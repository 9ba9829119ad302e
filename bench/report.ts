import type { BenchResult, Figure } from './types';
import { fmt, fmtRatio } from './format';

export interface RunInfo {
  startedAt: string;
  node: string;
  platform: string;
  cpus: number;
  cpuModel: string;
  loadAverage: number[];
  totalMs: number;
}

function figureRow(f: Figure): string {
  const s = f.summary;
  const spread = s.n > 1 ? `${fmt(s.min)}–${fmt(s.max)} (IQR ${fmt(s.iqr)})` : '–';
  const floor = f.floor ? `${f.floor.name}: ${fmt(f.floor.summary.median)}` : '–';
  const ratio = f.ratio === undefined ? '–' : fmtRatio(f.ratio);
  const name = f.note ? `${f.name} (${f.note})` : f.name;
  return `| ${name} | ${fmt(s.median)} ${f.unit} | ${spread} | ${s.n} | ${floor} | ${ratio} |`;
}

function section(r: BenchResult): string[] {
  const lines = [`## ${r.title} (\`${r.name}\`)`, ''];
  if (r.status !== 'ok') {
    lines.push(
      `**${r.status === 'not-available' ? 'Not available' : 'Error'}:** ${r.reason ?? 'no reason given'}`,
      '',
    );
  }
  for (const u of r.unavailable ?? []) lines.push(`- **NOT AVAILABLE** ${u}`);
  if ((r.unavailable ?? []).length > 0) lines.push('');
  if (r.figures.length > 0) {
    lines.push(
      '| Figure | Median | Spread: min–max (IQR) | Runs | Floor (median) | Ratio |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    lines.push(...r.figures.map(figureRow), '');
  }
  for (const b of r.budgets) {
    lines.push(
      `- **${b.pass ? 'PASS' : 'MISS'}** ${b.statement}: measured ${fmt(b.actual)}${b.unit}, budget ${b.op} ${fmt(b.limit)}${b.unit}`,
    );
  }
  if (r.budgets.length > 0) lines.push('');
  for (const n of r.notes) lines.push(`- ${n}`);
  if (r.notes.length > 0) lines.push('');
  lines.push(`_Bench wall time: ${(r.durationMs / 1000).toFixed(1)} s._`, '');
  return lines;
}

/** The markdown summary: every budget first (PASS/MISS), then each bench's figures next to their floors. */
export function renderMarkdown(results: readonly BenchResult[], info: RunInfo): string {
  const lines = [
    `# orderflow benchmarks, ${info.startedAt}`,
    '',
    `Node ${info.node} on ${info.platform}, ${info.cpus} × ${info.cpuModel}; load average at start ${info.loadAverage.map((l) => l.toFixed(2)).join(' / ')}; total ${(info.totalMs / 1000).toFixed(1)} s.`,
    'Each figure is the median of several runs; its floor was measured in the same run on the same machine.',
    '',
    '## Budgets',
    '',
    '| Bench | Budget | Measured | Limit | Result |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    if (r.status !== 'ok' && r.budgets.length === 0) {
      lines.push(
        `| ${r.name} | – | – | – | ${r.status === 'not-available' ? 'NOT AVAILABLE' : 'ERROR'}: ${r.reason ?? ''} |`,
      );
    }
    for (const u of r.unavailable ?? []) lines.push(`| ${r.name} | – | – | – | NOT AVAILABLE: ${u} |`);
    for (const b of r.budgets) {
      lines.push(
        `| ${r.name} | ${b.statement} | ${fmt(b.actual)}${b.unit} | ${b.op} ${fmt(b.limit)}${b.unit} | ${b.pass ? 'PASS' : '**MISS**'} |`,
      );
    }
  }
  lines.push('');
  for (const r of results) lines.push(...section(r));
  return lines.join('\n');
}
