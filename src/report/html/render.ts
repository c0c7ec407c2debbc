/**
 * The HTML report of a run: one self-contained file (the chart library and the data inline, no network request; it
 * opens offline and can be attached to a CI run). Sections in the order a reader needs them: verdict and thresholds,
 * latency cold vs warm, over time, cold starts, errors, CloudWatch's server side (when read), cost, quotas, warnings, scenario, environment.
 *
 * A result is untrusted input: its strings are escaped (escape.ts), the chart data sits in a non-executable JSON
 * block, and a Content-Security-Policy allows only the page's two scripts (by hash) and no fetch at all, so even a
 * missed escape could run nothing nor call out.
 */
import { createHash } from 'node:crypto';
import type { RunResult } from '../../result/types.js';
import { loadChartAssets } from './assets.js';
import { CHARTS_SCRIPT } from './charts-script.js';
import { escapeHtml, jsonForScript } from './escape.js';
import { buildReportModel, type ReportModel } from './model.js';
import { renderEvidence } from './sections-evidence.js';
import { renderCost, renderEnvironment, renderErrors, renderQuotas, renderScenario, renderWarnings } from './sections-detail.js';
import { renderColdStarts, renderHeader, renderLatency, renderOverTime, renderThresholds } from './sections-summary.js';
import { REPORT_CSS } from './styles.js';

export function renderHtmlReport(result: RunResult): string {
  const model = buildReportModel(result);
  const body = [
    renderHeader(model),
    renderThresholds(model),
    renderLatency(model),
    renderOverTime(model),
    renderColdStarts(model),
    renderErrors(model),
    renderEvidence(result),
    renderCost(model),
    renderQuotas(model),
    renderWarnings(model),
    renderScenario(model),
    renderEnvironment(model),
  ].join('\n');
  return renderPage({ title: `lambdaload: ${model.name}`, body, data: chartData(model), footer: `${model.tool} · started ${model.startedAt}` });
}

/** Only what the charts draw goes into the page's data: the rest is already in the HTML. */
function chartData(model: ReportModel) {
  return { curves: model.curves, timeline: model.timeline };
}

export interface PageParts {
  title: string;
  /** HTML, escaped by its makers. */
  body: string;
  /** What the page script reads (`CHARTS_SCRIPT` or another). */
  data: unknown;
  footer: string;
  script?: string;
}

/** The page shell shared by the run report and the trend page. */
export function renderPage(parts: PageParts): string {
  const assets = loadChartAssets();
  const script = parts.script ?? CHARTS_SCRIPT;
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  const csp = `default-src 'none'; script-src ${hash(assets.script)} ${hash(script)}; style-src 'unsafe-inline'; img-src data:`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="generator" content="lambdaload">
<title>${escapeHtml(parts.title)}</title>
<style>${assets.css}</style>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
${parts.body}
</main>
<footer>${escapeHtml(parts.footer)} · charts: uPlot, inlined (this file opens offline)</footer>
<script type="application/json" id="lambdaload-data">${jsonForScript(parts.data)}</script>
<script>${assets.script}</script>
<script>${script}</script>
</body>
</html>
`;
}
