/**
 * The second half of the report: errors by type, cost, quota findings, warnings, the scenario and the environment.
 * Every string from the result is escaped here (error examples and URLs are the target's or the user's text).
 */
import { escapeHtml as e } from './escape.js';
import { bar, formatUsd, int, pct, table } from './format.js';
import type { ReportModel } from './model.js';

export function renderErrors(m: ReportModel): string {
  const er = m.errors;
  const total = Math.max(1, m.requests.completed);
  const parts: string[] = [];
  if (er.requests.length > 0) {
    const rows = er.requests.map((r) => [e(r.request), e(r.source), e(`${r.kind}${r.status !== undefined ? ` (${r.status})` : ''}`), bar(r.count / total, `${int(r.count)} (${pct(r.count / total)})`, 'bad'), `<code>${e(r.example)}</code>`]);
    parts.push(table(['request', 'source', 'kind', 'count', 'first example'], rows, [], 'Failed requests as the client saw them'));
  }
  if (er.functions.length > 0) {
    const rows = er.functions.map((f) => [e(f.function), e(f.errorType), int(f.count), `<code>${e(f.example)}</code>`]);
    parts.push(table(['function', 'error type', 'count', 'first message'], rows, [2], "The functions' own errors"));
  }
  if (er.otherCount > 0) parts.push(`<p>${int(er.otherCount)} more errors of other kinds (counted, not itemised).</p>`);
  if (parts.length === 0) parts.push(`<p>${m.requests.errors === 0 ? 'No errors.' : `${int(m.requests.errors)} errors, not itemised by kind in this result.`}</p>`);
  const codes = er.statusCodes.map(([code, n]) => `${e(code)}: ${int(n)}`).join(' · ');
  return `<section id="errors"><h2>Errors by type</h2>${parts.join('\n')}${codes ? `<p>Status codes: ${codes}.</p>` : ''}</section>`;
}

export function renderCost(m: ReportModel): string {
  const c = m.cost;
  if (!c) return '<section id="cost"><h2>Cost</h2><p>This run could not be priced (see the warnings).</p></section>';
  const facts = [
    `This run: <strong>${formatUsd(c.runUsd)}</strong>`,
    `per million requests: <strong>${formatUsd(c.perMillionUsd)}</strong>`,
    ...(c.monthly ? [`month at ${int(c.monthly.requests)} requests: <strong>${formatUsd(c.monthly.usd)}</strong>`] : []),
    `cold starts: <strong>${pct(c.coldStartShare)}</strong> of compute cost`,
  ];
  const lines = c.lines.map((l) => [e(l.item), e(`${Number(l.quantity.toPrecision(4)).toLocaleString('en-US')} ${l.unit}`), formatUsd(l.amountUsd)]);
  const most = Math.max(...c.comparison.map((r) => r.monthlyUsd), 0) || 1;
  const comparison = c.comparison.map((r) => [
    `${e(r.label)}${r.baseline ? ' <strong>(as measured)</strong>' : ''}`,
    bar(r.monthlyUsd / most, formatUsd(r.monthlyUsd), r.baseline ? 'base' : ''),
    formatUsd(r.perMillionUsd),
    r.baseline ? '–' : `${r.deltaUsd > 0 ? '+' : ''}${formatUsd(r.deltaUsd)}`,
  ]);
  return `<section id="cost"><h2>Cost (${e(c.region)})</h2>
<p>${facts.join(' · ')}</p>
${table(['item', 'quantity', 'USD'], lines, [2], 'This run, itemised')}
${table(['choice', `month at ${int(c.comparisonRequests)} requests`, 'per million', 'difference'], comparison, [2, 3], 'Same traffic, other choices (x86_64 / arm64 × REST / HTTP API)')}
</section>`;
}

const SEVERITY: Record<string, string> = { ok: '✓ ok', info: 'i info', warning: '! warning', critical: '✗ critical' };

export function renderQuotas(m: ReportModel): string {
  if (m.quotas.length === 0) return '<section id="quotas"><h2>Quotas</h2><p>No quota findings.</p></section>';
  const rows = m.quotas.map((q) => [
    `<span class="sev-${e(q.severity)}">${e(SEVERITY[q.severity] ?? q.severity)}</span>`,
    `${e(q.title)}<br><small>${e(q.evidence)}</small>${q.severity === 'warning' || q.severity === 'critical' ? `<br><small>hint: ${e(q.hint)}</small>` : ''}`,
    bar(q.usedFraction, pct(q.usedFraction), q.severity === 'critical' ? 'bad' : q.severity === 'warning' ? 'warn' : ''),
    `<small>${e(q.quota)}; ${e(q.source)}; as of ${e(q.asOf)}</small>`,
  ]);
  return `<section id="quotas"><h2>Quotas</h2>${table(['severity', 'finding', 'used of limit', 'quota and source'], rows)}</section>`;
}

export function renderWarnings(m: ReportModel): string {
  if (m.warnings.length === 0) return '';
  return `<section id="warnings"><h2>Warnings</h2><ul>${m.warnings.map((w) => `<li><code>${e(w.code)}</code> ${e(w.message)}</li>`).join('\n')}</ul></section>`;
}

export function renderScenario(m: ReportModel): string {
  const s = m.scenario;
  const phases = s.phases.map((p) => {
    const rate = p.connections !== undefined ? `${p.connections} connections` : [p.rate, p.rampTo !== undefined ? `→ ${p.rampTo}` : '', p.spikeRate !== undefined ? `(spike ${p.spikeRate})` : ''].filter((x) => x !== undefined && x !== '').join(' ') + ' req/s';
    return [e(p.name), e(p.type), `${(p.durationMs / 1000).toFixed(1)} s`, e(rate)];
  });
  const requests = s.requests.map((r) => [e(r.name), e(r.method), `<code>${e(r.path)}</code>`, int(r.weight)]);
  const functions = s.functions.map((f) => [e(f.name), e(f.runtime ?? 'unknown'), f.memoryMb === undefined ? '–' : int(f.memoryMb), e(f.architecture)]);
  return `<section id="scenario"><h2>Scenario</h2>
<p>File <code>${e(m.file)}</code>; target <code>${e(s.url)}</code>${s.apiType ? ` (${e(s.apiType === 'http' ? 'HTTP API' : 'REST API')})` : ''}.</p>
${table(['phase', 'type', 'duration', 'rate'], phases, [2])}
${table(['request', 'method', 'path', 'weight'], requests, [3])}
${functions.length > 0 ? table(['function', 'runtime', 'memory MB', 'architecture'], functions, [2]) : ''}
</section>`;
}

export function renderEnvironment(m: ReportModel): string {
  const rows = m.environment.map(([k, v]) => [e(k), e(v)]);
  rows.push(['lambdaload', e(m.tool)]);
  const em = m.emulator;
  const emulator = em
    ? `<h3>Local emulator</h3><p>${int(em.invocations)} invocations, ${int(em.coldStarts)} cold starts, ${int(em.throttles)} throttles, at most ${int(em.maxEnvironments)} environments at once.</p>
<ul>${[...em.runtimes, ...em.environments].map((line) => `<li>${e(line)}</li>`).join('')}</ul>`
    : '';
  return `<section id="environment"><h2>Environment</h2>${table(['', ''], rows)}${emulator}</section>`;
}
