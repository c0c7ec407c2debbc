/**
 * The end-of-run summary for a terminal, verdicts first (k6 style): thresholds, errors by kind (when any), then
 * latency overall / warm / cold per request, requests and status codes, cold starts, cost and quotas, warnings.
 * Fits 80 columns.
 */
import Table from 'cli-table3';
import type { RunResult } from '../result/types.js';
import { renderErrorLines } from './errors.js';
import { renderEvidenceLines } from './terminal-evidence.js';
import { formatEnvironment, formatFunctionInits } from './environment-lines.js';
import { wrap } from './wrap.js';
import type { LatencyStats } from '../measure/stats.js';
import type { StartBuckets } from '../measure/recorder.js';

export interface TerminalOptions {
  /** ANSI colours. Default false. */
  color?: boolean;
  /** Extra sections rendered by other rooms (cost, quotas), already formatted. */
  sections?: Array<{ title: string; body: string }>;
}

const plainTable = (head: string[], colAligns?: Array<'left' | 'right'>) =>
  new Table({
    head,
    colAligns,
    style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 },
  });

export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

const pct = (fraction: number) => `${(fraction * 100).toFixed(fraction < 0.001 && fraction > 0 ? 3 : 1)}%`;

function latencyRow(label: string, s: LatencyStats): string[] {
  if (s.count === 0) return [label, '0', '–', '–', '–', '–', '–'];
  return [label, formatCount(s.count), formatMs(s.p50Ms), formatMs(s.p90Ms), formatMs(s.p99Ms), formatMs(s.p999Ms), formatMs(s.maxMs)];
}

function latencyRows(name: string, buckets: StartBuckets): string[][] {
  const rows = [latencyRow(truncate(name, 22), buckets.all)];
  for (const start of ['warm', 'cold', 'unknown'] as const) {
    if (buckets[start].count > 0 && buckets[start].count !== buckets.all.count) rows.push(latencyRow(`  ${start}`, buckets[start]));
    else if (buckets[start].count > 0) rows[0]![0] = `${truncate(name, 15)} (${start})`;
  }
  return rows;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function paint(color: boolean, code: number, text: string): string {
  return color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export function renderTerminalSummary(result: RunResult, options: TerminalOptions = {}): string {
  const color = options.color ?? false;
  const out: string[] = [];
  const status = result.status === 'aborted' ? paint(color, 33, ' (ABORTED: partial result)') : '';
  out.push(`${result.scenario.name}${status}`);
  out.push(`target ${result.scenario.target.url} · ${(result.timing.durationMs / 1000).toFixed(1)} s · ${formatCount(result.requests.completed)} requests`);

  if (result.thresholds.length > 0) {
    out.push('', 'Thresholds');
    for (const t of result.thresholds) {
      const mark = t.passed ? paint(color, 32, '✓') : paint(color, 31, '✗');
      const actual = t.actual === null ? `n/a (${t.note ?? 'no data'})` : formatThresholdActual(t.threshold.metric, t.actual);
      out.push(`  ${mark} ${t.description}: ${actual}`);
    }
  }

  // What failed comes before how fast: a table of fast errors is not a result.
  const errorLines = renderErrorLines(result);
  if (errorLines.length > 0) {
    out.push('', paint(color, 31, errorLines[0]!));
    for (const line of errorLines.slice(1)) out.push(...wrap(line));
  }

  out.push('', 'Latency from intended send (coordinated-omission safe)');
  const latency = plainTable(['request', 'count', 'p50', 'p90', 'p99', 'p99.9', 'max'], ['left', 'right', 'right', 'right', 'right', 'right', 'right']);
  latency.push(...latencyRows('all requests', result.latency.overall));
  const requestNames = Object.keys(result.latency.byRequest);
  if (requestNames.length > 1) for (const name of requestNames) latency.push(...latencyRows(name, result.latency.byRequest[name]!));
  out.push(latency.toString());
  const service = result.serviceTime.overall.all;
  if (service.count > 0) out.push(`service time (from actual send): p50 ${formatMs(service.p50Ms)} · p99 ${formatMs(service.p99Ms)} · max ${formatMs(service.maxMs)}`);

  const e = result.engine;
  out.push('', 'Requests');
  out.push(`  sent ${formatCount(e.sent)} · completed ${formatCount(result.requests.completed)} · errors ${formatCount(result.requests.errors)} (${pct(result.requests.completed ? result.requests.errors / result.requests.completed : 0)})`);
  out.push(`  achieved ${e.achievedRps.toFixed(1)} req/s · dropped ${formatCount(e.dropped)}`);
  // The two delays before a send, side by side: the generator's (late sends) and the pool's (connection waits).
  out.push(...wrap(`  late sends ${formatCount(e.lateSends)} (lag p99 ${formatMs(e.sendLagMs.p99)}) · connection waits ${formatCount(e.connectionWaits)} (wait p99 ${formatMs(e.connectionWaitMs.p99)})`));
  if (e.generator) {
    const g = e.generator;
    const perRequest = e.sent > 0 ? ` (${((g.cpuMs * 1000) / e.sent).toFixed(0)} µs per request)` : '';
    const processes = g.processes > 1 ? ` on ${g.processes} processes` : '';
    out.push(...wrap(`  generator CPU ${(g.cpuMs / 1000).toFixed(2)} s${processes}${perRequest} · event loop busy ${pct(g.eventLoopBusy)}`));
  }
  const codes = Object.entries(result.statusCodes).map(([code, n]) => `${code}: ${formatCount(n)}`);
  const errs = Object.entries(result.errorCodes).map(([code, n]) => `${code}: ${formatCount(n)}`);
  if (codes.length) out.push(`  status ${codes.join(' · ')}`);
  if (errs.length) out.push(`  network errors ${errs.join(' · ')}`);

  out.push('', 'Cold starts');
  const cs = result.coldStarts;
  const labelled = result.requests.completed - (result.labelSources.none ?? 0);
  if (labelled === 0) out.push('  no cold/warm evidence for this target: every request is labelled unknown');
  else {
    out.push(`  ${formatCount(cs.count)} cold of ${formatCount(labelled)} labelled (${pct(cs.rate)})`);
    if (cs.initMs.count > 0) out.push(`  init p50 ${formatMs(cs.initMs.p50Ms)} · p99 ${formatMs(cs.initMs.p99Ms)} · max ${formatMs(cs.initMs.maxMs)}`);
    if (cs.downstream) {
      const byFunction = Object.entries(cs.downstream).map(([name, n]) => `${name} ${formatCount(n)}`).join(' · ');
      out.push(...wrap(`  down the call chain: ${byFunction} (${formatCount(cs.downstreamOnly ?? 0)} of them with a warm front function)`));
    }
    const sources = Object.entries(result.labelSources).map(([s, n]) => `${s} ${formatCount(n)}`).join(' · ');
    out.push(`  evidence: ${sources}`);
  }
  if (result.emulator) {
    const em = result.emulator;
    out.push(`  emulator: ${formatCount(em.invocations)} invocations · ${em.maxEnvironments} environment${em.maxEnvironments === 1 ? '' : 's'} max · max memory ${em.maxMemoryUsedMb} MB`);
    out.push(`            ${formatCount(em.throttles)} throttles · ${formatCount(em.timeouts)} timeouts · ${formatCount(em.functionErrors)} function errors`);
    if (em.functions.length > 1 || em.functions.some((f) => f.throttles + f.timeouts + f.functionErrors > 0)) {
      const table = plainTable(['function', 'invoked', 'cold', 'throttled', 'timeouts', 'errors', 'peak conc.'], ['left', 'right', 'right', 'right', 'right', 'right', 'right']);
      for (const f of em.functions) {
        table.push([truncate(f.name, 20), formatCount(f.invocations), formatCount(f.coldStarts), formatCount(f.throttles), formatCount(f.timeouts), formatCount(f.functionErrors), formatCount(f.peakConcurrency)]);
      }
      out.push(table.toString());
    }
    // Every function's INIT, not only the front one's: a callee's slow init is what a chain's callers wait for.
    const inits = em.functions.flatMap((f) => {
      const line = formatFunctionInits(f);
      return line === undefined ? [] : [`  ${f.name}: ${line}`];
    });
    if (inits.length > 1 || (inits.length === 1 && em.functions.length > 1)) out.push(...inits.flatMap((l) => wrap(l)));
    for (const env of em.environments ?? []) out.push(...wrap(`  ${env.function}: ${formatEnvironment(env)}`));
  }

  out.push(...renderEvidenceLines(result, formatMs));
  for (const section of options.sections ?? []) out.push('', section.title, section.body);

  if (result.warnings.length > 0) {
    out.push('', paint(color, 33, 'Warnings'));
    for (const w of result.warnings) out.push(...wrap(`  ! ${w.message}`));
  }
  return out.join('\n') + '\n';
}

function formatThresholdActual(metric: string, actual: number): string {
  if (metric === 'latency') return formatMs(actual);
  if (metric === 'costPerMillionUsd') return `$${actual.toFixed(4)}`;
  return pct(actual);
}
