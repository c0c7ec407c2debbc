/**
 * The terminal's server-side block: what CloudWatch said about the run (src/cloudwatch) beside what the
 * client measured. API Gateway's Latency starts when it receives a request and ends when it sends the answer, so the
 * client's service time minus it is the time on the network (and in the client); IntegrationLatency is the part
 * spent waiting for Lambda. An incomplete figure is shown with `*`, never as measured.
 */
import Table from 'cli-table3';
import type { Figure } from '../cloudwatch/types.js';
import type { RunResult } from '../result/types.js';
import { compareEvidence, SAME_COUNT, type EvidenceRowId } from './evidence-compare.js';
import { wrap } from './wrap.js';

/** The counts whose gap the terminal explains (the rest are in the table above, and in the reports). */
const GAPS_SHOWN: ReadonlySet<EvidenceRowId> = new Set(['invocations', 'apiCount', 'coldStarts', 'throttles', '4xx', '5xx']);

export function renderEvidenceLines(result: RunResult, formatMs: (ms: number) => string): string[] {
  const ev = result.evidence;
  if (!ev) return [];
  const out = ['', `Server side (CloudWatch, ${ev.window.metricsFrom.slice(11, 16)}–${ev.window.metricsTo.slice(11, 16)} UTC)`];
  const ms = (f: Figure) => (f.value === null ? '–' : formatMs(f.value)) + mark(f);
  const n = (f: Figure, digits = 0) => (f.value === null ? '–' : f.value.toLocaleString('en-US', { maximumFractionDigits: digits })) + mark(f);
  if (ev.functions.length > 0) {
    const table = new Table({
      // Short heads keep the table inside 80 columns: errors, throttles, cold starts, Init p50 / p99, peak concurrency.
      head: ['function', 'invoked', 'err', 'thr', 'cold', 'init50', 'init99', 'GB-s', 'conc'],
      colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
      style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 },
    });
    for (const f of ev.functions) {
      table.push([f.functionName.slice(0, 14), n(f.invocations), n(f.errors), n(f.throttles), n(f.coldStarts), ms(f.initMs.p50), ms(f.initMs.p99), n(f.billedGbSeconds, 3), n(f.concurrentExecutionsMax)]);
    }
    out.push(table.toString());
  }
  const api = ev.api;
  if (api) {
    const client = result.serviceTime.overall.all;
    let line = `  API Gateway: ${n(api.count)} requests · 4xx ${n(api.errors4xx)} · 5xx ${n(api.errors5xx)} · Latency p50 ${ms(api.latencyP50Ms)} · IntegrationLatency p50 ${ms(api.integrationLatencyP50Ms)}`;
    if (client.count > 0 && api.latencyP50Ms.value !== null) {
      line += ` · client p50 ${formatMs(client.p50Ms)} ⇒ network ≈ ${formatMs(Math.max(0, client.p50Ms - api.latencyP50Ms.value))}${mark(api.latencyP50Ms)}`;
    }
    out.push(...wrap(line));
    const routes = api.routes.filter((r) => r.count.value !== null && r.count.value > 0);
    if (routes.length > 0) {
      const parts = routes.map((r) => `${r.route} ${n(r.count)} (p50 ${ms(r.latencyP50Ms)}, ${n(r.billedGbSeconds, 3)} GB-s)`);
      out.push(...wrap(`  routes, most called first: ${parts.join(' · ')}`));
    }
  }
  for (const r of compareEvidence(result)?.rows ?? []) {
    if (GAPS_SHOWN.has(r.id) && r.gap !== SAME_COUNT) out.push(...wrap(`  ${r.label}: ${r.server}${r.status === 'incomplete' ? '*' : ''} vs ${r.client}: ${r.gap}`));
  }
  if (!ev.complete) out.push('  * incomplete: not all data was there (see the warnings)');
  return out;
}

function mark(f: Figure): string {
  return f.status === 'incomplete' ? '*' : '';
}
