/**
 * A plan result as Markdown (a PR comment, a launch review, a job summary): the verdict and thresholds, refusals,
 * functions, latency, payload checks, the month's cost (the cost room's table), recommendations and the sweep.
 */
import { formatCostMarkdown, formatUsd } from '../cost/index.js';
import { formatQuotaMarkdown } from '../quota/index.js';
import { formatPayloadMix, payloadRefusals } from './payload.js';
import { CAUSE_LABELS } from './render.js';
import type { PlanResult } from './result-types.js';
import { THROTTLE_CAUSES } from './types.js';
import { ALTERNATIVE_HEAD, ALTERNATIVE_NUMERIC, alternativeCells, alternativeNotes } from './render-alternatives.js';

const cell = (text: string | number) => String(text).replace(/\|/g, '\\|');
const n = (v: number) => Math.round(v).toLocaleString('en-US');
const ms = (v: number) => (v >= 100 ? Math.round(v) : Math.round(v * 10) / 10).toLocaleString('en-US');
const pct = (v: number) => `${(v * 100).toFixed(v < 0.001 && v > 0 ? 3 : 2)}%`;
const table = (head: string[], align: string[], rows: Array<Array<string | number>>) =>
  [`| ${head.map(cell).join(' | ')} |`, `|${align.join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`), ''].join('\n');

/** The plan result as Markdown, from the saved figures only (no simulation). */
export function renderPlanMarkdown(result: PlanResult): string {
  const p = result.plan;
  const failed = result.thresholds.filter((t) => !t.passed).length;
  const out: string[] = [`# Plan: ${cell(p.name)}`, ''];
  if (p.description) out.push(cell(p.description), '');
  out.push(`${failed > 0 ? `❌ ${failed} of ${result.thresholds.length} thresholds failed` : '✅ thresholds met'} · ${p.region} · ${p.apiType.toUpperCase()} API · ${p.trafficType} traffic, peak ${n(p.peakRps)} req/s · ${n(result.durationS)} s simulated (seed ${p.seed}) · month ${formatUsd(result.cost.totalUsd)}`, '');
  const value = (v: number, limit: number) => (v < 1 && limit <= 1 ? pct(v) : n(v));
  if (result.thresholds.length > 0) out.push(table(['threshold', 'predicted', 'limit', ''], ['---', '---:', '---:', '---'], result.thresholds.map((t) => [t.name, value(t.actual, t.limit), value(t.limit, t.limit), t.passed ? '✅' : '❌'])));
  out.push('## Requests', '', `${n(result.arrivals)} requests · ${n(result.served)} served · ${n(result.coldStarts)} cold starts (${pct(result.coldStartRate)}) · ${pct(result.errorRate)} failed · peak concurrency ${n(result.peakConcurrency)}`, '');
  const refused = THROTTLE_CAUSES.filter((c) => result.throttles[c] > 0).map((c) => [CAUSE_LABELS[c] ?? c, n(result.throttles[c])]);
  if (result.integrationTimeouts > 0) refused.push(['integration timeout', n(result.integrationTimeouts)]);
  if (result.functionTimeouts > 0) refused.push(['function timeout', n(result.functionTimeouts)]);
  for (const [label, count] of payloadRefusals(result)) refused.push([label, n(count)]);
  out.push(refused.length === 0 ? 'No request throttled or timed out.\n' : `${table(['refused by', 'requests'], ['---', '---:'], refused)}Statuses: ${Object.entries(result.statuses).map(([s, c]) => `${s} × ${n(c)}`).join(', ')}\n`);
  out.push(table(['latency (ms)', 'p50', 'p90', 'p99', 'max', 'count'], ['---', '---:', '---:', '---:', '---:', '---:'], (['all', 'cold', 'warm'] as const).map((k) => [k, ms(result.latency[k].p50Ms), ms(result.latency[k].p90Ms), ms(result.latency[k].p99Ms), ms(result.latency[k].maxMs), n(result.latency[k].count)])));
  out.push('## Functions', '', table(['function', 'memory', 'invocations', 'cold', 'peak concurrency', 'peak environments', 'provisioned', 'mean ms', 'INIT ms'], ['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:'], result.functions.map((f) => [f.name, `${f.memoryMb} MB ${f.architecture}`, n(f.invocations), n(f.coldStarts), n(f.peakConcurrency), n(f.peakEnvironments), n(f.provisionedConcurrency), ms(f.meanDurationMs), ms(f.meanInitMs)])));
  if (result.payload) out.push('## Payload sizes', '', cell(formatPayloadMix(result.payload)), '', formatQuotaMarkdown(result.payload.findings));
  out.push('## The month', '', `${formatUsd(result.cost.totalUsd)}: ${cell(result.cost.basis)}`, '', formatCostMarkdown(result.cost.estimate));
  if (result.recommendations.summary.length > 0) out.push('## Recommendations', '', ...result.recommendations.summary.map((s) => `- ${cell(s)}`), '');
  const alternatives = alternativeCells(result, n, ms);
  if (alternatives) {
    const align = ALTERNATIVE_HEAD.map((_, i) => (ALTERNATIVE_NUMERIC.includes(i) ? '---:' : '---'));
    out.push('## Alternatives', '', 'The same traffic, simulated again.', '', table(ALTERNATIVE_HEAD, align, alternatives), ...alternativeNotes(result).map((note) => `- ${cell(note)}`), '');
  }
  if (result.sweep) {
    out.push('## Sweep', '', cell(result.sweep.note), '');
    out.push(table(['memory', 'arch', 'API', 'provisioned', 'month', 'cold p50', 'warm p50', 'p99', 'failed', ''], ['---:', '---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---'], result.sweep.rows.map((r) => [r.memoryMb, r.architecture, r.apiType, r.provisioned, formatUsd(r.monthlyUsd), ms(r.coldP50Ms), ms(r.warmP50Ms), ms(r.p99Ms), pct(r.errorRate), r.cheapest ? '★ cheapest' : r.meetsThresholds ? '✅' : '❌'])));
  }
  if (result.warnings.length + result.notes.length > 0) out.push('## Warnings and notes', '', ...result.warnings.map((w) => `- ⚠ ${cell(w.message)}`), ...result.notes.map((m) => `- ${cell(m)}`), '');
  return `${out.join('\n')}\n`;
}
