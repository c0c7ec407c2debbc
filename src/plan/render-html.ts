/**
 * A plan as one self-contained HTML page (the run report's page shell and inlined chart library): the verdict and
 * thresholds first, then traffic, environments, cold starts and throttles over the simulated time, then the tables the
 * terminal shows (refusals, functions, latency, the month's cost, recommendations, the sweep).
 */
import { formatUsd } from '../cost/index.js';
import { escapeHtml as e } from '../report/html/escape.js';
import { int, ms, pct, table } from '../report/html/format.js';
import { renderPage } from '../report/html/render.js';
import { CAUSE_LABELS } from './render.js';
import { formatPayloadMix, payloadRefusals } from './payload.js';
import { PLAN_SCRIPT } from './plan-script.js';
import type { PlanResult } from './result-types.js';
import { THROTTLE_CAUSES } from './types.js';
import { ALTERNATIVE_HEAD, ALTERNATIVE_NUMERIC, alternativeCells, alternativeNotes } from './render-alternatives.js';

const figure = (name: string, caption: string) =>
  `<figure class="chart" data-chart="${name}" role="img" aria-label="${e(caption)}"><div class="plot"></div><figcaption>${e(caption)}</figcaption></figure>`;

/** Per-second rates of each bucket, for the charts. */
function chartData(result: PlanResult) {
  const { bucketS, rows } = result.timeline;
  const rate = (v: number) => Math.round((v / bucketS) * 1000) / 1000;
  return {
    t: rows.map((r) => r.second),
    arrivals: rows.map((r) => rate(r.arrivals)),
    served: rows.map((r) => rate(r.served)),
    busy: rows.map((r) => r.busyPeak),
    idle: rows.map((r) => r.idle),
    initialising: rows.map((r) => r.initialising),
    coldStarts: rows.map((r) => rate(r.coldStarts)),
    throttles: rows.map((r) => rate(THROTTLE_CAUSES.reduce((n, c) => n + r.throttles[c], 0))),
    timeouts: rows.map((r) => rate(r.integrationTimeouts)),
  };
}

function refusals(result: PlanResult): string {
  const rest = result.plan.apiType === 'rest';
  const rows = THROTTLE_CAUSES.filter((c) => result.throttles[c] > 0).map((c) => [e(CAUSE_LABELS[c] ?? c), int(result.throttles[c]), c.startsWith('api') ? '429' : '500']);
  if (result.integrationTimeouts > 0) rows.push(['integration timeout', int(result.integrationTimeouts), rest ? '504' : '503']);
  if (result.functionTimeouts > 0) rows.push(['function timeout', int(result.functionTimeouts), rest ? '502' : '500']);
  for (const [label, count, status] of payloadRefusals(result)) rows.push([e(label), int(count), status]);
  return rows.length === 0 ? '<p>No request throttled or timed out.</p>' : table(['refused by', 'requests', 'client sees'], rows, [1]);
}

function alternativesSection(result: PlanResult): string {
  const cells = alternativeCells(result, int, ms);
  if (!cells) return '';
  const notes = alternativeNotes(result).map((note) => `<li>${e(note)}</li>`).join('');
  return `<section id="alternatives"><h2>Alternatives</h2><p>The same traffic, simulated again.</p>${table(ALTERNATIVE_HEAD, cells.map((row) => row.map((c) => e(c))), ALTERNATIVE_NUMERIC)}<ul>${notes}</ul></section>`;
}

export function renderPlanHtml(result: PlanResult): string {
  const p = result.plan;
  const failed = result.thresholds.filter((t) => !t.passed).length;
  const value = (v: number, limit: number) => (v < 1 && limit <= 1 ? pct(v) : int(v));
  const latencyRows = (['all', 'cold', 'warm'] as const).map((k) => {
    const s = result.latency[k];
    return [k, ms(s.p50Ms), ms(s.p90Ms), ms(s.p99Ms), ms(s.maxMs), int(s.count)];
  });
  const body = [
    `<header><h1>Plan: ${e(p.name)}</h1>`,
    p.description ? `<p class="description">${e(p.description)}</p>` : '',
    `<p class="verdict ${failed > 0 ? 'failed' : 'passed'}" id="verdict"><strong>${failed > 0 ? `✗ ${failed} of ${result.thresholds.length} thresholds failed` : '✓ thresholds met'}</strong></p>`,
    `<p class="facts">${e(`${p.region} · ${p.apiType.toUpperCase()} API · ${p.trafficType} traffic, peak ${int(p.peakRps)} req/s · ${int(result.durationS)} s simulated (seed ${p.seed}) · month ${formatUsd(result.cost.totalUsd)}`)}</p></header>`,
    '<section id="thresholds"><h2>Thresholds</h2>',
    table(['threshold', 'predicted', 'limit', 'verdict'], result.thresholds.map((t) => [e(t.name), value(t.actual, t.limit), value(t.limit, t.limit), t.passed ? '✓ met' : '<strong class="bad">✗ failed</strong>']), [1, 2]),
    '</section>',
    '<section id="over-time"><h2>Over time</h2>',
    figure('plan-traffic', 'Arrivals (solid) and requests served (dashed), per second.'),
    figure('plan-environments', 'Environments: busy at peak (solid), idle (dotted), initialising (dashed).'),
    figure('plan-cold-throttles', 'Cold starts (solid), throttled requests (dashed) and integration timeouts (dotted), per second.'),
    '</section>',
    `<section id="outcome"><h2>Requests</h2><p>${e(`${int(result.arrivals)} requests · ${int(result.served)} served · ${int(result.coldStarts)} cold starts (${pct(result.coldStartRate)}) · ${pct(result.errorRate)} failed · peak concurrency ${int(result.peakConcurrency)}`)}</p>`,
    refusals(result),
    table(['latency (ms)', 'p50', 'p90', 'p99', 'max', 'count'], latencyRows, [1, 2, 3, 4, 5]),
    '</section>',
    result.payload
      ? `<section id="payload"><h2>Payload sizes</h2><p>${e(formatPayloadMix(result.payload))}</p>${table(['check', 'used', 'evidence'], result.payload.findings.map((f) => [e(`${f.severity === 'ok' ? '✓' : f.severity === 'critical' ? '✗' : '!'} ${f.title}`), pct(f.usedFraction), e(f.evidence)]), [1])}</section>`
      : '',
    '<section id="functions"><h2>Functions</h2>',
    table(
      ['function', 'memory', 'invocations', 'cold', 'peak concurrency', 'peak environments', 'provisioned', 'mean ms', 'INIT ms'],
      result.functions.map((f) => [e(f.name), e(`${f.memoryMb} MB ${f.architecture}`), int(f.invocations), int(f.coldStarts), int(f.peakConcurrency), int(f.peakEnvironments), int(f.provisionedConcurrency), ms(f.meanDurationMs), ms(f.meanInitMs)]),
      [2, 3, 4, 5, 6, 7, 8],
    ),
    '</section>',
    `<section id="cost"><h2>The month</h2><p>${e(`${formatUsd(result.cost.totalUsd)}: ${result.cost.basis}`)}</p>`,
    table(['item', 'quantity', 'unit', 'amount'], result.cost.estimate.lines.map((l) => [e(l.item), int(l.quantity), e(l.unit), e(formatUsd(l.amountUsd))]), [1, 3]),
    '</section>',
    result.recommendations.summary.length === 0 ? '' : `<section id="recommendations"><h2>Recommendations</h2><ul>${result.recommendations.summary.map((s) => `<li>${e(s)}</li>`).join('')}</ul></section>`,
    alternativesSection(result),
    result.sweep
      ? `<section id="sweep"><h2>Sweep</h2><p>${e(result.sweep.note)}</p>${table(
          ['memory', 'arch', 'API', 'provisioned', 'month', 'cold p50', 'warm p50', 'p99', 'failed', ''],
          result.sweep.rows.map((r) => [int(r.memoryMb), e(r.architecture), e(r.apiType), int(r.provisioned), e(formatUsd(r.monthlyUsd)), ms(r.coldP50Ms), ms(r.warmP50Ms), ms(r.p99Ms), pct(r.errorRate), r.cheapest ? '<strong>★ cheapest</strong>' : r.meetsThresholds ? '✓' : '✗']),
          [0, 3, 4, 5, 6, 7, 8],
        )}</section>`
      : '',
    result.warnings.length + result.notes.length === 0
      ? ''
      : `<section id="warnings"><h2>Warnings and notes</h2><ul>${[...result.warnings.map((w) => w.message), ...result.notes].map((m) => `<li>${e(m)}</li>`).join('')}</ul></section>`,
  ].join('\n');
  return renderPage({ title: `lambdaload plan: ${p.name}`, body, data: chartData(result), footer: `lambdaload plan · ${p.file}`, script: PLAN_SCRIPT });
}
