/** The trend as a Markdown table (a nightly job's step summary): one row per run, flagged runs marked ✗. */
import { formatUsd } from '../cost/index.js';
import type { Trend, TrendPoint } from './series.js';

const ms = (v: number | undefined) => (v === undefined ? '–' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const pct = (f: number) => `${(f * 100).toFixed(2)}%`;
/** Text from a result in a table cell: no pipe, no line break, no HTML a Markdown viewer would render. */
export const cell = (text: string) => text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;');

export function verdictOf(p: TrendPoint): string {
  if (p.regressions.length > 0) return `✗ regression: ${p.regressions.join(', ')}`;
  if (p.notCompared !== undefined) return `– not compared (${p.notCompared})`;
  return '✓ no regression';
}

export function renderTrendMarkdown(trend: Trend): string {
  const out = [
    `# Trend: ${cell(trend.scenario)}`,
    '',
    `${trend.points.length} runs, ${trend.flagged} flagged by \`lambdaload compare\` against the run before.`,
    '',
    '| started | warm p50 ms | warm p99 ms | cold p50 ms | cold p99 ms | cold starts | errors | cost / 1M | vs the run before | file |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const p of trend.points) {
    const errors = `${p.errors} (${pct(p.errorRate)})`;
    const cost = p.costPerMillionUsd === undefined ? '–' : formatUsd(p.costPerMillionUsd);
    const started = `${p.startedAt}${p.status === 'aborted' ? ' (aborted)' : ''}`;
    out.push(`| ${cell(started)} | ${ms(p.warm?.p50Ms)} | ${ms(p.warm?.p99Ms)} | ${ms(p.cold?.p50Ms)} | ${ms(p.cold?.p99Ms)} | ${pct(p.coldStartRate)} | ${errors} | ${cost} | ${cell(verdictOf(p))} | ${cell(p.file)} |`);
  }
  return `${out.join('\n')}\n`;
}
