/**
 * Compares a current run with a baseline run of the same scenario: warm and cold latency percentiles per request,
 * error and cold-start rates, throughput, cost per million and quota headroom, each with a verdict. A change is a
 * regression only when it is beyond noise on both counts: statistically (non-overlapping 99% intervals for a
 * percentile, a two-proportion z-test for a rate) and practically (past the metric's relative and absolute tolerance,
 * rules.ts). Too few samples give `insufficient`, never a verdict.
 */
import { LambdaloadError } from '../errors.js';
import { decodeHistogram, mergeHistograms, type Histogram } from '../measure/histogram.js';
import type { RunResult } from '../result/types.js';
import { percentileWithInterval, Z_99, type PercentileEstimate } from './percentile-ci.js';
import { DEFAULT_RULES, type CompareRules } from './rules.js';

export type Verdict = 'regression' | 'improvement' | 'unchanged' | 'insufficient' | 'info';

export interface ComparisonRow {
  /** What is compared, e.g. `GET /hello · warm p99`, `error rate`. */
  metric: string;
  unit: 'ms' | 'fraction' | 'req/s' | 'USD';
  baseline?: number;
  current?: number;
  /** current − baseline. */
  delta?: number;
  verdict: Verdict;
  /** Why this verdict (intervals, test statistic, tolerance, sample counts). */
  why: string;
}

export interface Comparison {
  scenario: string;
  baseline: { file: string; startedAt: string };
  current: { file: string; startedAt: string };
  rows: ComparisonRow[];
  regressions: number;
  /** Notes on what could not be compared. */
  notes: string[];
}

export interface CompareOptions {
  rules?: CompareRules;
  /** Compare results of different scenarios anyway. */
  force?: boolean;
}

const PERCENTILES = [
  { name: 'p50', quantile: 0.5 },
  { name: 'p99', quantile: 0.99 },
] as const;

export function compareResults(
  baseline: RunResult,
  current: RunResult,
  files: { baseline: string; current: string },
  options: CompareOptions = {},
): Comparison {
  const rules = options.rules ?? DEFAULT_RULES;
  const mismatch = scenarioMismatch(baseline, current);
  if (mismatch && !options.force) {
    throw new LambdaloadError('RESULT_MISMATCH', `${files.current} is not a run of the scenario of ${files.baseline}: ${mismatch}`, {
      hint: 'Compare runs of one scenario, or pass --force to compare them anyway.',
    });
  }
  const notes: string[] = mismatch ? [`compared although ${mismatch} (--force)`] : [];
  const rows: ComparisonRow[] = [];

  const before = latencyHistograms(baseline);
  const after = latencyHistograms(current);
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const [request, start] = key.split('\u0000') as [string, string];
    for (const p of PERCENTILES) {
      rows.push(comparePercentile(`${request} · ${start} ${p.name}`, before.get(key), after.get(key), p.quantile, rules));
    }
  }

  rows.push(compareRate('error rate', baseline.requests.errors, baseline.requests.completed, current.requests.errors, current.requests.completed, rules.errorRate));
  rows.push(compareRate('cold-start rate', baseline.coldStarts.count, baseline.requests.completed, current.coldStarts.count, current.requests.completed, rules.coldStartRate));
  rows.push(info('throughput', 'req/s', baseline.engine.achievedRps, current.engine.achievedRps, 'set by the scenario’s phases; shown for reference'));
  rows.push(compareCost(baseline, current, rules));
  rows.push(compareHeadroom(baseline, current, rules));

  return {
    scenario: current.scenario.name,
    baseline: { file: files.baseline, startedAt: baseline.timing.startedAt },
    current: { file: files.current, startedAt: current.timing.startedAt },
    rows,
    regressions: rows.filter((r) => r.verdict === 'regression').length,
    notes,
  };
}

/** Why two results are not runs of one scenario; `undefined` when they are. */
function scenarioMismatch(a: RunResult, b: RunResult): string | undefined {
  if (a.scenario.name !== b.scenario.name) return `the scenario names differ ('${a.scenario.name}' and '${b.scenario.name}')`;
  const requests = (r: RunResult) => r.scenario.requests.map((q) => q.name).join(', ');
  if (requests(a) !== requests(b)) return `the requests differ (${requests(a)} and ${requests(b)})`;
  const phases = (r: RunResult) => JSON.stringify(r.scenario.phases);
  if (phases(a) !== phases(b)) return 'the phases differ (rates or durations)';
  return undefined;
}

/** Latency histograms merged over phases and status classes, by request × start (warm, cold, unknown), plus all requests. */
function latencyHistograms(result: RunResult): Map<string, Histogram> {
  const parts = new Map<string, Histogram[]>();
  for (const h of result.histograms ?? []) {
    // Cold, warm and unknown apart (unknown is all a target without cold/warm evidence has).
    if (h.metric !== 'latency') continue;
    const decoded = decodeHistogram(h.encoded);
    for (const request of [h.key.request, 'all requests']) {
      const key = `${request}\u0000${h.key.start}`;
      const list = parts.get(key);
      if (list) list.push(decoded);
      else parts.set(key, [decoded]);
    }
  }
  const merged = new Map<string, Histogram>();
  for (const [key, list] of parts) merged.set(key, mergeHistograms(list));
  return merged;
}

function comparePercentile(metric: string, before: Histogram | undefined, after: Histogram | undefined, quantile: number, rules: CompareRules): ComparisonRow {
  const a = before && percentileWithInterval(before, quantile);
  const b = after && percentileWithInterval(after, quantile);
  const rule = quantile >= 0.99 ? rules.latencyTail : rules.latency;
  const minCount = rule.minSamples;
  const row: ComparisonRow = { metric, unit: 'ms', verdict: 'insufficient', why: '', ...(a ? { baseline: a.valueMs } : {}), ...(b ? { current: b.valueMs } : {}) };
  if (!a || !b) return { ...row, why: `no ${!a ? 'baseline' : 'current'} samples` };
  row.delta = b.valueMs - a.valueMs;
  if (a.count < minCount || b.count < minCount) return { ...row, why: `${Math.min(a.count, b.count)} samples; at least ${minCount} needed` };
  const apart = b.lowMs > a.highMs || a.lowMs > b.highMs;
  const beyond = Math.abs(row.delta) > Math.max(rule.absoluteMs, rule.relative * a.valueMs);
  const why = `99% intervals ${interval(a)} and ${interval(b)}; tolerance ${Math.round(rule.relative * 100)}% or ${rule.absoluteMs} ms`;
  if (!apart || !beyond) return { ...row, verdict: 'unchanged', why: `${why}: ${!apart ? 'intervals overlap' : 'within tolerance'}` };
  return { ...row, verdict: row.delta > 0 ? 'regression' : 'improvement', why };
}

function interval(e: PercentileEstimate): string {
  return `[${e.lowMs.toFixed(2)}, ${e.highMs.toFixed(2)}] (n=${e.count})`;
}

/** Two rates (events / trials) with a two-proportion z-test and an absolute tolerance. */
function compareRate(metric: string, eventsA: number, trialsA: number, eventsB: number, trialsB: number, rule: { absolute: number; minSamples: number }): ComparisonRow {
  const row: ComparisonRow = { metric, unit: 'fraction', verdict: 'insufficient', why: '' };
  if (trialsA < rule.minSamples || trialsB < rule.minSamples) return { ...row, why: `${Math.min(trialsA, trialsB)} requests; at least ${rule.minSamples} needed` };
  const pA = eventsA / trialsA;
  const pB = eventsB / trialsB;
  const pooled = (eventsA + eventsB) / (trialsA + trialsB);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / trialsA + 1 / trialsB));
  const z = se === 0 ? 0 : (pB - pA) / se;
  const significant = Math.abs(z) > Z_99;
  const beyond = Math.abs(pB - pA) > rule.absolute;
  const why = `z = ${z.toFixed(2)} (99%: |z| > ${Z_99}); tolerance ${(rule.absolute * 100).toFixed(1)} points`;
  const verdict: Verdict = significant && beyond ? (pB > pA ? 'regression' : 'improvement') : 'unchanged';
  return { ...row, baseline: pA, current: pB, delta: pB - pA, verdict, why };
}

function compareCost(a: RunResult, b: RunResult, rules: CompareRules): ComparisonRow {
  const before = a.cost?.run.costPerMillionUsd;
  const after = b.cost?.run.costPerMillionUsd;
  if (before === undefined || after === undefined) return { metric: 'cost per million requests', unit: 'USD', verdict: 'insufficient', why: 'a run has no cost (see its warnings)' };
  const delta = after - before;
  const beyond = Math.abs(delta) > rules.costRelative * before;
  const verdict: Verdict = beyond ? (delta > 0 ? 'regression' : 'improvement') : 'unchanged';
  return { metric: 'cost per million requests', unit: 'USD', baseline: before, current: after, delta, verdict, why: `tolerance ${Math.round(rules.costRelative * 100)}%` };
}

function compareHeadroom(a: RunResult, b: RunResult, rules: CompareRules): ComparisonRow {
  const used = (r: RunResult) => (r.quotas.length === 0 ? undefined : Math.max(...r.quotas.map((q) => q.usedFraction)));
  const before = used(a);
  const after = used(b);
  const metric = 'quota use (largest used/limit)';
  if (before === undefined || after === undefined) return { metric, unit: 'fraction', verdict: 'insufficient', why: 'a run has no quota findings' };
  const delta = after - before;
  const verdict: Verdict = Math.abs(delta) > rules.quotaUseAbsolute ? (delta > 0 ? 'regression' : 'improvement') : 'unchanged';
  return { metric, unit: 'fraction', baseline: before, current: after, delta, verdict, why: `tolerance ${(rules.quotaUseAbsolute * 100).toFixed(0)} points` };
}

function info(metric: string, unit: ComparisonRow['unit'], baseline: number, current: number, why: string): ComparisonRow {
  return { metric, unit, baseline, current, delta: current - baseline, verdict: 'info', why };
}
