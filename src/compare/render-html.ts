/**
 * A comparison as one self-contained HTML page (the report's page shell: offline, escaped, printable): the verdict
 * first, then every row with its baseline, current value, change and why, regressions marked in words as well as
 * colour so the page reads in grey too.
 */
import { escapeHtml } from '../report/html/escape.js';
import { table } from '../report/html/format.js';
import { renderPage } from '../report/html/render.js';
import type { Comparison } from './compare.js';
import { changeText, MARK, valueText, verdictLine } from './render.js';

/** The page needs no chart: an empty script keeps the shell's Content-Security-Policy exact. */
const NO_SCRIPT = '';

export function renderComparisonHtml(c: Comparison): string {
  const rows = c.rows.map((r) => [
    escapeHtml(r.metric),
    escapeHtml(valueText(r, r.baseline)),
    escapeHtml(valueText(r, r.current)),
    escapeHtml(changeText(r)),
    r.verdict === 'regression' ? `<span class="bad">${escapeHtml(MARK[r.verdict].trim())}</span>` : escapeHtml(MARK[r.verdict].trim()),
    escapeHtml(r.why),
  ]);
  const body = [
    `<h1>lambdaload compare: ${escapeHtml(c.scenario)}</h1>`,
    `<p class="verdict ${c.regressions === 0 ? 'passed' : 'failed'}" id="verdict"><strong>${escapeHtml(verdictLine(c))}</strong></p>`,
    `<p>Baseline <code>${escapeHtml(c.baseline.file)}</code> (${escapeHtml(c.baseline.startedAt)}) · current <code>${escapeHtml(c.current.file)}</code> (${escapeHtml(c.current.startedAt)})</p>`,
    '<section><h2>Metrics</h2>',
    table(['metric', 'baseline', 'current', 'change', 'verdict', 'why'], rows, [1, 2, 3]),
    '</section>',
    ...(c.notes.length === 0 ? [] : ['<section><h2>Notes</h2><ul>', ...c.notes.map((n) => `<li>${escapeHtml(n)}</li>`), '</ul></section>']),
  ].join('\n');
  return renderPage({ title: `lambdaload compare: ${c.scenario}`, body, data: {}, footer: 'lambdaload compare', script: NO_SCRIPT });
}
