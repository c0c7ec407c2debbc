/**
 * The first half of the report: verdict and thresholds (what a reader needs first), latency percentiles cold vs warm,
 * latency and load over time, cold starts. Every string from the result is escaped here; charts are placeholders
 * that the page's script fills (charts-script.ts), each with a caption of its numbers for print and screen readers.
 */
import { escapeHtml as e } from './escape.js';
import { bar, formatUsd, int, ms, pct, table } from './format.js';
import type { ReportModel } from './model.js';

export function renderHeader(m: ReportModel): string {
  const failed = m.thresholds.filter((t) => !t.passed).length;
  const verdict = m.status === 'aborted' ? 'aborted' : failed > 0 ? 'failed' : 'passed';
  const words = { passed: '✓ PASSED', failed: `✗ FAILED (${failed} of ${m.thresholds.length} thresholds)`, aborted: `■ ABORTED: partial result${m.abortReason ? ` (${m.abortReason})` : ''}` };
  const facts = [
    `started ${m.startedAt}`,
    `${(m.durationMs / 1000).toFixed(1)} s`,
    `${int(m.requests.completed)} requests`,
    `${int(m.requests.errors)} errors (${pct(m.requests.completed === 0 ? 0 : m.requests.errors / m.requests.completed)})`,
    `${m.requests.achievedRps.toFixed(1)} req/s`,
  ];
  return `<header>
<h1>${e(m.name)}</h1>
${m.description ? `<p class="description">${e(m.description)}</p>` : ''}
<p class="verdict ${verdict}" id="verdict"><strong>${e(words[verdict])}</strong></p>
<p class="facts">${facts.map(e).join(' · ')}</p>
</header>`;
}

function actual(t: ReportModel['thresholds'][number]): string {
  if (t.actual === null) return `n/a (${t.note ?? 'no data'})`;
  return t.unit === 'ms' ? `${ms(t.actual)} ms` : t.unit === 'USD' ? formatUsd(t.actual) : pct(t.actual);
}

export function renderThresholds(m: ReportModel): string {
  if (m.thresholds.length === 0) return '<section id="thresholds"><h2>Thresholds</h2><p>None declared.</p></section>';
  const rows = m.thresholds.map((t) => [
    t.passed ? '<span class="ok">✓ pass</span>' : '<span class="bad">✗ fail</span>',
    `${e(t.description)}${t.implicit ? ' <em>(implicit)</em>' : ''}`,
    e(actual(t)),
  ]);
  return `<section id="thresholds"><h2>Thresholds</h2>${table(['verdict', 'threshold', 'actual'], rows, [2])}</section>`;
}

export function renderLatency(m: ReportModel): string {
  const rows = m.latency.map((s) =>
    s.count === 0 ? [e(s.label), '0', '–', '–', '–', '–', '–'] : [e(s.label), int(s.count), ms(s.p50Ms), ms(s.p90Ms), ms(s.p99Ms), ms(s.p999Ms), ms(s.maxMs)],
  );
  const caption = m.curves.curves.map((c) => `${c.label}: ${int(c.count)} requests`).join('; ') || 'no latency samples';
  return `<section id="latency"><h2>Latency percentiles, cold vs warm</h2>
<p>From the intended send time (coordinated-omission safe). Service time (from the actual send): p50 ${ms(m.serviceTime.p50Ms)} ms, p99 ${ms(m.serviceTime.p99Ms)} ms.</p>
<figure class="chart" data-chart="percentiles" role="img" aria-label="${e(`Latency by percentile. ${caption}`)}"><div class="plot"></div>
<figcaption>Latency at each percentile (log scale). Warm: solid line; cold: dashed; unknown: dotted. ${e(caption)}.</figcaption></figure>
${table(['requests', 'count', 'p50 ms', 'p90 ms', 'p99 ms', 'p99.9 ms', 'max ms'], rows, [1, 2, 3, 4, 5, 6])}
</section>`;
}

export function renderOverTime(m: ReportModel): string {
  const t = m.timeline;
  if (t.second.length === 0) return '<section id="over-time"><h2>Over time</h2><p>No per-second timeline in this result.</p></section>';
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const peak = (xs: number[]) => xs.reduce((a, b) => Math.max(a, b), 0);
  const throttleText = t.throttles ? `${int(sum(t.throttles))} throttled requests (hollow circles)` : 'throttles are not recorded per second in this result: they show as errors (429 or 5xx)';
  const latencyCaption = `${t.second.length} seconds; worst per-second p99 ${ms(peak(t.p99Ms))} ms; ${int(sum(t.coldStarts))} cold starts (hatched bars); ${throttleText}; ${int(sum(t.errors))} errors (filled dots).`;
  const envText = t.environments ? `; peak ${int(peak(t.environments))} environments (dash-dot line)` : m.emulator ? `; environments per second not recorded in this result (peak ${int(m.emulator.maxEnvironments)})` : '';
  const loadCaption = `Peak ${int(peak(t.sent))} sent / s (solid), ${int(peak(t.completed))} completed / s (dashed), ${int(peak(t.inFlight))} in flight (dotted)${envText}.`;
  return `<section id="over-time"><h2>Over time</h2>
<figure class="chart" data-chart="latency-time" role="img" aria-label="${e(`Latency over time. ${latencyCaption}`)}"><div class="plot"></div>
<figcaption>Latency of the requests completed each second: p50 solid, p99 dashed. ${e(latencyCaption)}</figcaption></figure>
<figure class="chart" data-chart="throughput" role="img" aria-label="${e(`Throughput and concurrency. ${loadCaption}`)}"><div class="plot"></div>
<figcaption>Throughput, in flight and environments. ${e(loadCaption)}</figcaption></figure>
</section>`;
}

export function renderColdStarts(m: ReportModel): string {
  const cs = m.coldStarts;
  const max = Math.max(cs.init.maxMs, ...cs.byFunction.map((f) => f.maxMs), 1);
  const rows = [
    ...(cs.init.count > 0 ? [['all functions', int(cs.init.count), ms(cs.init.p50Ms), ms(cs.init.p90Ms), ms(cs.init.p99Ms), bar(cs.init.maxMs / max, `${ms(cs.init.maxMs)} ms`)]] : []),
    ...cs.byFunction.map((f) => [e(f.name), int(f.count), ms(f.p50Ms), ms(f.p90Ms), ms(f.p99Ms), bar(f.maxMs / max, `${ms(f.maxMs)} ms`)]),
  ];
  const evidence = cs.evidence.map(([source, n]) => `${source} ${int(n)}`).join(', ') || 'none';
  return `<section id="cold-starts"><h2>Cold starts</h2>
<p><strong>${int(cs.count)} cold starts</strong>: ${pct(cs.rate)} of requests. Cold/warm evidence: ${e(evidence)}.</p>
${rows.length > 0 ? table(['Init Duration', 'count', 'p50 ms', 'p90 ms', 'p99 ms', 'max'], rows, [1, 2, 3, 4]) : '<p>No Init Duration measured.</p>'}
</section>`;
}
