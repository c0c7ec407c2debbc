/**
 * The trend as one self-contained HTML page: charts of latency, rates and cost per run (the run report's inlined
 * chart library and page shell, src/report/html), then the table of every run with the flagged ones marked in words.
 */
import { formatUsd } from '../cost/index.js';
import { escapeHtml as e } from '../report/html/escape.js';
import { renderPage } from '../report/html/render.js';
import type { Trend } from './series.js';
import { verdictOf } from './render-markdown.js';
import { TREND_SCRIPT } from './trend-script.js';

const ms = (v: number | undefined) => (v === undefined ? '–' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const pct = (f: number) => `${(f * 100).toFixed(2)}%`;

export function renderTrendHtml(trend: Trend): string {
  const p = trend.points;
  const round = (v: number | undefined) => (v === undefined ? null : Math.round(v * 1000) / 1000);
  const data = {
    t: p.map((x) => Date.parse(x.startedAt) / 1000),
    warmP50: p.map((x) => round(x.warm?.p50Ms)),
    warmP99: p.map((x) => round(x.warm?.p99Ms)),
    coldP50: p.map((x) => round(x.cold?.p50Ms)),
    coldP99: p.map((x) => round(x.cold?.p99Ms)),
    coldRate: p.map((x) => round(x.coldStartRate * 100)),
    errorRate: p.map((x) => round(x.errorRate * 100)),
    cost: p.map((x) => round(x.costPerMillionUsd)),
    flagged: p.map((x) => x.regressions.length > 0),
  };
  const rows = p
    .map((x) => {
      const flagged = x.regressions.length > 0;
      return `<tr${flagged ? ' class="flagged"' : ''}><td>${e(x.startedAt)}${x.status === 'aborted' ? ' (aborted)' : ''}</td><td class="num">${ms(x.warm?.p50Ms)}</td><td class="num">${ms(x.warm?.p99Ms)}</td><td class="num">${ms(x.cold?.p50Ms)}</td><td class="num">${ms(x.cold?.p99Ms)}</td><td class="num">${pct(x.coldStartRate)}</td><td class="num">${x.errors} (${pct(x.errorRate)})</td><td class="num">${x.costPerMillionUsd === undefined ? '–' : formatUsd(x.costPerMillionUsd)}</td><td>${flagged ? '<strong class="bad">' : ''}${e(verdictOf(x))}${flagged ? '</strong>' : ''}</td><td><code>${e(x.file)}</code></td></tr>`;
    })
    .join('\n');
  const figure = (name: string, caption: string) => `<figure class="chart" data-chart="${name}" role="img" aria-label="${e(caption)}"><div class="plot"></div><figcaption>${e(caption)}</figcaption></figure>`;
  const body = `<header><h1>Trend: ${e(trend.scenario)}</h1>
<p class="verdict ${trend.flagged > 0 ? 'failed' : 'passed'}" id="verdict"><strong>${trend.flagged > 0 ? `✗ ${trend.flagged} of ${p.length} runs flagged` : `✓ no run flagged (${p.length} runs)`}</strong> by <code>lambdaload compare</code> against the run before</p></header>
<section id="trend-charts"><h2>Runs over time</h2>
${figure('trend-latency', 'Latency per run: warm p50 solid, warm p99 dashed, cold p50 dotted, cold p99 dash-dot; large hollow circles: runs flagged by compare.')}
${figure('trend-rates', 'Cold starts (dashed) and errors (solid), percent of requests; large hollow circles: flagged runs.')}
${data.cost.some((c) => c !== null) ? figure('trend-cost', 'Cost per million requests (USD); large hollow circles: flagged runs.') : '<p>No run has a cost.</p>'}
</section>
<section id="trend-table"><h2>Every run</h2>
<table><thead><tr><th>started</th><th class="num">warm p50 ms</th><th class="num">warm p99 ms</th><th class="num">cold p50 ms</th><th class="num">cold p99 ms</th><th class="num">cold starts</th><th class="num">errors</th><th class="num">cost / 1M</th><th>vs the run before</th><th>file</th></tr></thead>
<tbody>
${rows}
</tbody></table></section>`;
  return renderPage({ title: `lambdaload trend: ${trend.scenario}`, body, data, footer: `lambdaload trend · ${p.length} runs`, script: TREND_SCRIPT });
}
