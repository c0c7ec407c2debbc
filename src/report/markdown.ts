/**
 * A Markdown rendering of a result (for a PR comment or a nightly job summary): verdicts, errors by kind, latency
 * overall / warm / cold, cold starts, CloudWatch's server side beside the client's (when the result has it), and the cost and quota sections rendered by their own rooms. The full HTML
 * report and `compare` come later; they render from the same RunResult.
 */
import { formatComparisonMarkdown, formatCostMarkdown, formatUsd } from '../cost/index.js';
import type { LatencyStats } from '../measure/stats.js';
import { formatQuotaMarkdown } from '../quota/index.js';
import type { RunResult } from '../result/types.js';
import { renderErrorMarkdown } from './errors.js';
import { renderEvidenceMarkdown } from './evidence-markdown.js';

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const cell = (text: string) => text.replace(/\|/g, '\\|');

function formatActual(metric: string, actual: number): string {
  if (metric === 'latency') return `${ms(actual)} ms`;
  if (metric === 'costPerMillionUsd') return formatUsd(actual);
  return `${(actual * 100).toFixed(2)}%`;
}

function latencyRow(label: string, s: LatencyStats): string {
  if (s.count === 0) return `| ${cell(label)} | 0 | – | – | – | – | – |`;
  return `| ${cell(label)} | ${s.count} | ${ms(s.p50Ms)} | ${ms(s.p90Ms)} | ${ms(s.p99Ms)} | ${ms(s.p999Ms)} | ${ms(s.maxMs)} |`;
}

export function renderMarkdown(result: RunResult): string {
  const out: string[] = [];
  out.push(`# ${cell(result.scenario.name)}${result.status === 'aborted' ? ' (aborted: partial result)' : ''}`, '');
  out.push(`Target ${result.scenario.target.url} · ${(result.timing.durationMs / 1000).toFixed(1)} s · ${result.requests.completed} requests · started ${result.timing.startedAt}`, '');
  if (result.thresholds.length > 0) {
    out.push('## Thresholds', '');
    for (const t of result.thresholds) out.push(`- ${t.passed ? '✅' : '❌'} ${cell(t.description)}: ${t.actual === null ? `n/a (${t.note ?? 'no data'})` : formatActual(t.threshold.metric, t.actual)}`);
    out.push('');
  }
  out.push(...renderErrorMarkdown(result));
  out.push('## Latency from intended send (ms)', '', '| request | count | p50 | p90 | p99 | p99.9 | max |', '|---|---:|---:|---:|---:|---:|---:|');
  const groups: Array<[string, RunResult['latency']['overall']]> = [['all requests', result.latency.overall], ...Object.entries(result.latency.byRequest)];
  for (const [name, buckets] of Object.keys(result.latency.byRequest).length > 1 ? groups : groups.slice(0, 1)) {
    out.push(latencyRow(name, buckets.all));
    for (const start of ['warm', 'cold', 'unknown'] as const) if (buckets[start].count > 0) out.push(latencyRow(`  ${name} · ${start}`, buckets[start]));
  }
  const service = result.serviceTime.overall.all;
  out.push('', `Service time (from actual send): p50 ${ms(service.p50Ms)} ms · p99 ${ms(service.p99Ms)} ms.`, '');
  const cs = result.coldStarts;
  out.push('## Cold starts', '', `${cs.count} cold (${(cs.rate * 100).toFixed(2)}%); init p50 ${ms(cs.initMs.p50Ms)} ms, p99 ${ms(cs.initMs.p99Ms)} ms. Evidence: ${Object.entries(result.labelSources).map(([s, n]) => `${s} ${n}`).join(', ')}.`, '');
  out.push(...renderEvidenceMarkdown(result));
  if (result.cost) {
    const run = result.cost.run;
    out.push('## Cost', '', `This run ${formatUsd(run.estimate.totalUsd)}; ${formatUsd(run.costPerMillionUsd)} per million requests; cold starts ${(run.coldStarts.shareOfCompute * 100).toFixed(1)}% of compute cost.`, '');
    out.push(formatCostMarkdown(run.estimate));
    if (result.cost.projection) out.push(`### Month at ${result.cost.projection.monthlyRequests.toLocaleString('en-US')} requests`, '', formatCostMarkdown(result.cost.projection.estimate));
    out.push('### Same traffic, other choices', '', formatComparisonMarkdown(result.cost.comparison));
  }
  out.push('## Quotas', '', formatQuotaMarkdown(result.quotas));
  if (result.warnings.length > 0) {
    out.push('## Warnings', '');
    for (const w of result.warnings) out.push(`- ${cell(w.message)}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
