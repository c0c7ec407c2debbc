/**
 * Pure threshold evaluation over a finished result. A threshold with no data to judge (e.g. cold-start p99 when no
 * request was cold) is reported as not evaluable and passes only when there is nothing to judge, with a note; it is
 * never silently dropped.
 */
import type { Percentile, Threshold } from '../scenario/types.js';
import type { LatencyStats } from '../measure/stats.js';
import type { RunResult, ThresholdResult } from '../result/types.js';
import { IMPLICIT_NOTE } from './implicit.js';

const PERCENTILE_FIELD: Record<Percentile, keyof LatencyStats> = {
  p50: 'p50Ms',
  p90: 'p90Ms',
  p99: 'p99Ms',
  'p99.9': 'p999Ms',
  max: 'maxMs',
  mean: 'meanMs',
};

export type ThresholdInput = Pick<RunResult, 'latency' | 'requests' | 'coldStarts'> & {
  costPerMillionUsd?: number;
  quotaMaxUsedFraction?: number;
};

function judge(threshold: Threshold, description: string, actual: number | undefined, limit: number, note: string): ThresholdResult {
  if (actual === undefined || Number.isNaN(actual)) return { threshold, description, actual: null, passed: false, note };
  return { threshold, description, actual, passed: actual <= limit };
}

export function evaluateThreshold(threshold: Threshold, input: ThresholdInput): ThresholdResult {
  switch (threshold.metric) {
    case 'latency': {
      const start = threshold.start ?? 'all';
      const buckets = threshold.request === undefined ? input.latency.overall : input.latency.byRequest[threshold.request];
      const stats = buckets?.[start];
      const scope = `${start === 'all' ? '' : `${start} `}latency${threshold.request ? ` of ${threshold.request}` : ''}`;
      const description = `${threshold.percentile} ${scope} ≤ ${threshold.maxMs} ms`;
      if (stats === undefined || stats.count === 0) {
        return { threshold, description, actual: null, passed: false, note: `no ${start === 'all' ? '' : `${start} `}samples to judge` };
      }
      return judge(threshold, description, stats[PERCENTILE_FIELD[threshold.percentile]], threshold.maxMs, '');
    }
    case 'errorRate': {
      const { completed, errors } = input.requests;
      return judge(threshold, `error rate ≤ ${threshold.max * 100}%`, completed === 0 ? undefined : errors / completed, threshold.max, 'no completed requests');
    }
    case 'coldStartRate': {
      const unlabelled = input.latency.overall.unknown.count;
      const description = `cold-start rate ≤ ${threshold.max * 100}%`;
      if (input.requests.completed === 0 || unlabelled === input.requests.completed) {
        return { threshold, description, actual: null, passed: false, note: 'no request carried cold/warm evidence' };
      }
      return judge(threshold, description, input.coldStarts.rate, threshold.max, '');
    }
    case 'costPerMillionUsd':
      return judge(threshold, `cost per million requests ≤ $${threshold.max}`, input.costPerMillionUsd, threshold.max, 'cost could not be computed for this target');
    case 'quotaHeadroom':
      return judge(threshold, `every quota used ≤ ${threshold.maxUsedFraction * 100}%`, input.quotaMaxUsedFraction, threshold.maxUsedFraction, 'no quota checks ran');
  }
}

export function evaluateThresholds(thresholds: readonly Threshold[], input: ThresholdInput): ThresholdResult[] {
  return thresholds.map((t) => evaluateThreshold(t, input));
}

/** The declared thresholds, then the implicit ones (implicit.ts), marked so and saying why they apply. */
export function evaluateRunThresholds(declared: readonly Threshold[], implicit: readonly Threshold[], input: ThresholdInput): ThresholdResult[] {
  return [
    ...evaluateThresholds(declared, input),
    ...evaluateThresholds(implicit, input).map((r) => ({ ...r, description: `${r.description} (${IMPLICIT_NOTE})`, implicit: true })),
  ];
}
