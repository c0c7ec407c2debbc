/**
 * The trend of one scenario's runs, oldest first: per run the warm and cold p50/p99, the cold-start rate, errors and
 * the cost per million, and whether `lambdaload compare` would flag it against the run before (src/compare, the same
 * rules and the same noise tests). This is the trend's one reader of RunResult. Pure.
 */
import { compareResults } from '../compare/compare.js';
import type { CompareRules } from '../compare/rules.js';
import { isLambdaloadError } from '../errors.js';
import type { LoadedRun } from './load.js';

export interface TrendPoint {
  file: string;
  startedAt: string;
  status: 'completed' | 'aborted';
  requests: number;
  errors: number;
  errorRate: number;
  coldStartRate: number;
  warm?: { p50Ms: number; p99Ms: number; count: number };
  cold?: { p50Ms: number; p99Ms: number; count: number };
  costPerMillionUsd?: number;
  /** Metrics `compare` finds regressed against the run before (empty: not flagged). */
  regressions: string[];
  /** Why this run was not compared with the one before (the first run; phases changed). */
  notCompared?: string;
}

export interface Trend {
  scenario: string;
  points: TrendPoint[];
  flagged: number;
}

export function buildTrend(runs: readonly LoadedRun[], rules?: CompareRules): Trend {
  const points = runs.map((run, i): TrendPoint => {
    const r = run.result;
    const stats = (s: { count: number; p50Ms: number; p99Ms: number }) => (s.count > 0 ? { p50Ms: s.p50Ms, p99Ms: s.p99Ms, count: s.count } : undefined);
    const point: TrendPoint = {
      file: run.file,
      startedAt: r.timing.startedAt,
      status: r.status,
      requests: r.requests.completed,
      errors: r.requests.errors,
      errorRate: r.requests.completed === 0 ? 0 : r.requests.errors / r.requests.completed,
      coldStartRate: r.coldStarts.rate,
      warm: stats(r.latency.overall.warm),
      cold: stats(r.latency.overall.cold),
      costPerMillionUsd: r.cost?.run.costPerMillionUsd,
      regressions: [],
    };
    if (i === 0) return { ...point, notCompared: 'first run' };
    const before = runs[i - 1]!;
    try {
      const comparison = compareResults(before.result, r, { baseline: before.file, current: run.file }, rules ? { rules } : {});
      point.regressions = comparison.rows.filter((row) => row.verdict === 'regression').map((row) => row.metric);
    } catch (error) {
      // Same scenario name, other phases or requests: compare refuses, and so does the trend, saying why.
      if (!isLambdaloadError(error) || error.code !== 'RESULT_MISMATCH') throw error;
      point.notCompared = error.message.replace(/^.*? is not a run of the scenario of .*?: /, '');
    }
    return point;
  });
  return { scenario: runs[0]?.result.scenario.name ?? '', points, flagged: points.filter((p) => p.regressions.length > 0).length };
}
