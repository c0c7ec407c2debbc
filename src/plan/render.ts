/**
 * The plan result for a terminal: the verdict first (thresholds, throttles), then scaling, latency, the month's
 * cost (the cost room's own table), the recommendations, the sweep and a timeline of the busiest seconds.
 */
import Table from 'cli-table3';
import { formatUsd, renderCostTable } from '../cost/index.js';
import { renderQuotaFindings } from '../quota/index.js';
import { formatPayloadMix, payloadRefusals } from './payload.js';
import type { PlanResult, PlanTimelineRow } from './result-types.js';
import { THROTTLE_CAUSES } from './types.js';
import { ALTERNATIVE_HEAD, alternativeCells, alternativeNotes } from './render-alternatives.js';

export const CAUSE_LABELS: Record<string, string> = {
  apiAccount: 'API Gateway account throttle',
  apiStage: 'API Gateway stage throttle',
  apiRoute: 'API Gateway route throttle',
  lambdaConcurrency: 'Lambda concurrency limit',
  lambdaScalingRate: 'Lambda scaling rate',
  lambdaInvocationRate: 'Lambda invocation rate',
};

const table = (head: string[]) => new Table({ head, style: { head: [], border: [], compact: true } });
const n = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => (value >= 100 ? Math.round(value) : Math.round(value * 10) / 10).toLocaleString('en-US');
const pct = (value: number) => `${(value * 100).toFixed(value < 0.001 && value > 0 ? 3 : 2)}%`;

export function renderPlan(result: PlanResult): string {
  const out: string[] = [];
  const p = result.plan;
  const failed = result.thresholds.filter((t) => !t.passed);
  out.push(`plan ${p.name}: ${failed.length > 0 ? `✗ ${failed.length} threshold${failed.length > 1 ? 's' : ''} failed` : '✓ thresholds met'} · ${p.region} · ${p.apiType.toUpperCase()} API · ${p.trafficType} traffic, peak ${n(p.peakRps)} req/s, ${n(result.durationS)} s simulated (seed ${p.seed})`);
  for (const t of result.thresholds) out.push(`  ${t.passed ? '✓' : '✗'} ${t.name} ${t.actual < 1 && t.limit <= 1 ? pct(t.actual) : n(t.actual)} (limit ${t.limit <= 1 ? pct(t.limit) : n(t.limit)})`);
  out.push('');
  out.push(`requests ${n(result.arrivals)} · served ${n(result.served)} · cold starts ${n(result.coldStarts)} (${pct(result.coldStartRate)}) · failed ${pct(result.errorRate)} · peak concurrency ${n(result.peakConcurrency)}`);
  const throttles = table(['Refused by', 'Requests', 'Client sees']);
  const statuses = Object.entries(result.statuses).map(([status, count]) => `${status} × ${n(count)}`).join(', ');
  for (const cause of THROTTLE_CAUSES) if (result.throttles[cause] > 0) throttles.push([CAUSE_LABELS[cause], n(result.throttles[cause]), cause.startsWith('api') ? '429' : p.apiType === 'rest' ? '500 (REST)' : '500 (HTTP API)']);
  if (result.integrationTimeouts > 0) throttles.push(['integration timeout', n(result.integrationTimeouts), p.apiType === 'rest' ? '504' : '503']);
  if (result.functionTimeouts > 0) throttles.push(['function timeout', n(result.functionTimeouts), p.apiType === 'rest' ? '502' : '500']);
  for (const [label, count, status] of payloadRefusals(result)) throttles.push([label, n(count), status]);
  out.push(throttles.length > 0 ? `${throttles.toString()}\n  statuses: ${statuses}` : 'no request throttled or timed out');
  out.push('');
  const fns = table(['Function', 'Memory', 'Invocations', 'Cold', 'Peak conc.', 'Peak envs', 'PC', 'Mean ms', 'INIT ms']);
  for (const fn of result.functions) fns.push([fn.name, `${fn.memoryMb} MB ${fn.architecture}`, n(fn.invocations), n(fn.coldStarts), n(fn.peakConcurrency), n(fn.peakEnvironments), fn.provisionedConcurrency, fn.meanDurationMs.toFixed(1), fn.meanInitMs.toFixed(0)]);
  out.push(fns.toString());
  const lat = table(['Latency (ms)', 'p50', 'p90', 'p99', 'max', 'count']);
  for (const [label, s] of [['all', result.latency.all], ['cold', result.latency.cold], ['warm', result.latency.warm]] as const) lat.push([label, ms(s.p50Ms), ms(s.p90Ms), ms(s.p99Ms), ms(s.maxMs), n(s.count)]);
  out.push(lat.toString());
  if (result.payload) out.push('', `payload: ${formatPayloadMix(result.payload)}`, renderQuotaFindings(result.payload.findings).trimEnd());
  out.push('');
  out.push(`month: ${formatUsd(result.cost.totalUsd)} (${result.cost.basis})`);
  out.push(renderCostTable(result.cost.estimate));
  if (result.recommendations.summary.length > 0) {
    out.push('', 'recommendations:');
    for (const line of result.recommendations.summary) out.push(`  • ${line}`);
  }
  const alternatives = alternativeCells(result, n, ms);
  if (alternatives) {
    const alt = table(ALTERNATIVE_HEAD);
    alt.push(...alternatives);
    out.push('', 'alternatives (same traffic, simulated again):', alt.toString(), ...alternativeNotes(result).map((note) => `  ${note}`));
  }
  if (result.sweep) {
    const sweep = table(['Memory', 'Arch', 'API', 'PC', 'Month', 'Cold p50', 'Warm p50', 'p99', 'Failed', '']);
    for (const row of result.sweep.rows) sweep.push([row.memoryMb, row.architecture, row.apiType, row.provisioned, formatUsd(row.monthlyUsd), ms(row.coldP50Ms), ms(row.warmP50Ms), ms(row.p99Ms), pct(row.errorRate), row.cheapest ? '★ cheapest' : row.meetsThresholds ? '✓' : '✗']);
    out.push('', `sweep (${result.sweep.note}):`, sweep.toString());
  }
  out.push('', `timeline (${result.timeline.bucketS} s buckets, first and busiest):`, renderTimeline(result.timeline.rows, result.timeline.bucketS));
  for (const note of result.notes) out.push(`note: ${note}`);
  for (const warning of result.warnings) out.push(`⚠ ${warning.message}`);
  return `${out.join('\n')}\n`;
}

/** The first 10 buckets and the 5 with most throttles or cold starts after them, in time order. */
function renderTimeline(rows: PlanTimelineRow[], bucketS: number): string {
  const throttled = (row: PlanTimelineRow) => THROTTLE_CAUSES.reduce((sum, cause) => sum + row.throttles[cause], 0);
  const busiest = rows.slice(10).sort((a, b) => throttled(b) + b.coldStarts - (throttled(a) + a.coldStarts)).slice(0, 5).filter((row) => throttled(row) + row.coldStarts > 0);
  const shown = [...rows.slice(0, 10), ...busiest].sort((a, b) => a.second - b.second);
  const t = table(['t (s)', 'Arrivals', 'Cold', 'Busy peak', 'Idle', 'Init', 'Throttled', 'Mean ms', 'Max ms']);
  for (const row of shown) t.push([bucketS === 1 ? row.second : `${row.second}+${bucketS}`, n(row.arrivals), n(row.coldStarts), n(row.busyPeak), n(row.idle), n(row.initialising), n(throttled(row)), row.meanLatencyMs, row.maxLatencyMs]);
  return t.toString();
}
