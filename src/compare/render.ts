/** A comparison as text: an aligned table for the terminal, a Markdown table for CI summaries, or JSON (HTML: render-html.ts). */
import type { Comparison, ComparisonRow, Verdict } from './compare.js';

export const MARK: Record<Verdict, string> = { regression: '✗ regression', improvement: '✓ improvement', unchanged: '· unchanged', insufficient: '? too few samples', info: '  info' };

export function valueText(row: ComparisonRow, v: number | undefined): string {
  if (v === undefined) return '—';
  switch (row.unit) {
    case 'ms':
      return `${v.toFixed(2)} ms`;
    case 'fraction':
      return `${(v * 100).toFixed(2)}%`;
    case 'req/s':
      return `${v.toFixed(1)} req/s`;
    case 'USD':
      return `$${v.toFixed(4)}`;
  }
}

export function changeText(row: ComparisonRow): string {
  if (row.delta === undefined) return '';
  const sign = row.delta > 0 ? '+' : row.delta < 0 ? '−' : '±';
  const abs = Math.abs(row.delta);
  const text = row.unit === 'fraction' ? `${(abs * 100).toFixed(2)} pts` : valueText(row, abs);
  const relative = row.baseline ? ` (${sign}${((abs / Math.abs(row.baseline)) * 100).toFixed(0)}%)` : '';
  return `${sign}${text}${row.unit === 'fraction' ? '' : relative}`;
}

export function verdictLine(c: Comparison): string {
  return c.regressions === 0 ? 'no regression' : `${c.regressions} regression${c.regressions === 1 ? '' : 's'}`;
}

export function renderComparisonTerminal(c: Comparison): string {
  const head = ['metric', 'baseline', 'current', 'change', 'verdict'];
  const body = c.rows.map((r) => [r.metric, valueText(r, r.baseline), valueText(r, r.current), changeText(r), MARK[r.verdict]]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 || i === 4 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  return [
    `compare ${c.scenario}: ${verdictLine(c)}`,
    `baseline ${c.baseline.file} (${c.baseline.startedAt})`,
    `current  ${c.current.file} (${c.current.startedAt})`,
    '',
    line(head),
    ...body.map(line),
    '',
    ...c.rows.filter((r) => r.verdict === 'regression').map((r) => `✗ ${r.metric}: ${r.why}`),
    ...c.notes.map((n) => `note: ${n}`),
    '',
  ].join('\n');
}

export function renderComparisonMarkdown(c: Comparison): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return [
    `## lambdaload compare: ${cell(c.scenario)} — ${verdictLine(c)}`,
    '',
    `Baseline \`${cell(c.baseline.file)}\` (${c.baseline.startedAt}) · current \`${cell(c.current.file)}\` (${c.current.startedAt})`,
    '',
    '| metric | baseline | current | change | verdict | why |',
    '|---|---:|---:|---:|---|---|',
    ...c.rows.map((r) => `| ${cell(r.metric)} | ${valueText(r, r.baseline)} | ${valueText(r, r.current)} | ${changeText(r)} | ${MARK[r.verdict].trim()} | ${cell(r.why)} |`),
    ...(c.notes.length === 0 ? [] : ['', ...c.notes.map((n) => `- ${cell(n)}`)]),
    '',
  ].join('\n');
}

export function renderComparisonJson(c: Comparison): string {
  return `${JSON.stringify(c, null, 2)}\n`;
}
