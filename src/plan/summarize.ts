/**
 * One simulation's raw output as the plan result's outcome: totals, the statuses API Gateway would answer, latency
 * percentiles and encoded histograms, per-function figures, the month's cost, the plan's thresholds.
 */
import { encodeHistogram } from '../measure/histogram.js';
import type { CostAlternatives } from '../result/cost.js';
import { summarizeHistogram } from '../measure/stats.js';
import { SCALING_FACTS } from '../facts/scaling.js';
import { meanOfTable } from './distribution.js';
import { estimatePlanCost } from './cost.js';
import type { ResolvedPlan } from './resolve.js';
import type { SimOutput } from './sim-types.js';
import type { PlanOutcome, PlanThresholdResult, PlanTimelineRow } from './result-types.js';
import { THROTTLE_CAUSES, type Plan, type ThrottleCause } from './types.js';

/** `alternative`: price the outcome as SnapStart or Managed Instances (src/plan/cost.ts). */
export function summarizeOutcome(plan: Plan, resolved: ResolvedPlan, out: SimOutput, alternative?: CostAlternatives): PlanOutcome {
  const functionTimeouts = out.functions.reduce((sum, fn) => sum + fn.functionTimeouts, 0);
  const throttled = THROTTLE_CAUSES.reduce((sum, cause) => sum + out.throttles[cause], 0);
  const failed = throttled + out.integrationTimeouts + functionTimeouts + out.payloadRejected + out.responsesTooLarge;
  const latency = { all: summarizeHistogram(out.latency.all), cold: summarizeHistogram(out.latency.cold), warm: summarizeHistogram(out.latency.warm) };
  const outcome: Omit<PlanOutcome, 'thresholds'> = {
    durationS: out.durationS,
    arrivals: out.arrivals,
    served: out.served,
    coldStarts: out.coldStarts,
    coldStartRate: out.arrivals === 0 ? 0 : out.coldStarts / out.arrivals,
    errorRate: out.arrivals === 0 ? 0 : failed / out.arrivals,
    throttles: out.throttles,
    integrationTimeouts: out.integrationTimeouts,
    functionTimeouts,
    payloadRejected: out.payloadRejected,
    responsesTooLarge: out.responsesTooLarge,
    statuses: statusesOf(resolved.apiType, out, functionTimeouts),
    peakConcurrency: out.timeline.busyPeak.reduce((most, v) => (v > most ? v : most), 0),
    latency,
    histograms: { all: encodeHistogram(out.latency.all), cold: encodeHistogram(out.latency.cold), warm: encodeHistogram(out.latency.warm) },
    functions: out.functions.map((fn, i) => ({
      ...resolved.functions[i],
      invocations: fn.invocations,
      provisionedInvocations: fn.provisionedInvocations,
      coldStarts: fn.coldStarts,
      meanDurationMs: fn.invocations > 0 ? (fn.onDemandDurationMs + fn.provisionedDurationMs) / fn.invocations : meanOfTable(resolved.config.functions[i].warm),
      meanInitMs: fn.coldStarts > 0 ? fn.initMs / fn.coldStarts : meanOfTable(resolved.config.functions[i].init),
      peakConcurrency: fn.peakConcurrency,
      peakEnvironments: fn.peakEnvironments,
      initTimeouts: fn.initTimeouts,
      functionTimeouts: fn.functionTimeouts,
    })),
    cost: estimatePlanCost(plan, resolved, out, alternative),
  };
  return { ...outcome, thresholds: checkThresholds(plan, outcome) };
}

/**
 * The statuses clients would get: API Gateway's own throttles are 429; a Lambda throttle is 500 behind both REST and
 * HTTP APIs; the integration timeout 504 (REST) or 503 (HTTP); a function timeout is a function error, 502 behind
 * REST and 500 behind HTTP (aws-facts §4.1, §4.2; numbers from src/facts/scaling.ts).
 */
function statusesOf(apiType: 'rest' | 'http', out: SimOutput, functionTimeouts: number): Record<string, number> {
  const statuses: Record<string, number> = {};
  const add = (status: number, count: number) => {
    if (count > 0) statuses[status] = (statuses[status] ?? 0) + count;
  };
  add(SCALING_FACTS.apiThrottleStatus.value, out.throttles.apiAccount + out.throttles.apiStage + out.throttles.apiRoute);
  const lambdaThrottle = apiType === 'rest' ? SCALING_FACTS.restLambdaThrottleStatus : SCALING_FACTS.httpLambdaThrottleStatus;
  add(lambdaThrottle.value, out.throttles.lambdaConcurrency + out.throttles.lambdaScalingRate + out.throttles.lambdaInvocationRate);
  add((apiType === 'rest' ? SCALING_FACTS.restIntegrationTimeoutStatus : SCALING_FACTS.httpIntegrationTimeoutStatus).value, out.integrationTimeouts);
  add(apiType === 'rest' ? 502 : 500, functionTimeouts + out.responsesTooLarge);
  add(SCALING_FACTS.payloadTooLargeStatus.value, out.payloadRejected);
  return statuses;
}

export function checkThresholds(plan: Plan, outcome: Pick<PlanOutcome, 'latency' | 'errorRate' | 'coldStartRate'>): PlanThresholdResult[] {
  const t = plan.thresholds ?? {};
  const results: PlanThresholdResult[] = [];
  if (t.p99Ms !== undefined) results.push({ name: 'p99Ms', limit: t.p99Ms, actual: outcome.latency.all.p99Ms, passed: outcome.latency.all.p99Ms <= t.p99Ms });
  if (t.maxErrorRate !== undefined) results.push({ name: 'maxErrorRate', limit: t.maxErrorRate, actual: outcome.errorRate, passed: outcome.errorRate <= t.maxErrorRate });
  if (t.maxColdStartRate !== undefined) results.push({ name: 'maxColdStartRate', limit: t.maxColdStartRate, actual: outcome.coldStartRate, passed: outcome.coldStartRate <= t.maxColdStartRate });
  return results;
}

/** The per-second series in buckets of `bucketS` seconds: counts summed, peaks maxed, end-of-bucket gauges last. */
export function timelineRows(out: SimOutput, bucketS: number): PlanTimelineRow[] {
  const tl = out.timeline;
  const rows: PlanTimelineRow[] = [];
  for (let start = 0; start < out.durationS; start += bucketS) {
    const end = Math.min(out.durationS, start + bucketS);
    const throttles = {} as Record<ThrottleCause, number>;
    for (const cause of THROTTLE_CAUSES) throttles[cause] = 0;
    const row: PlanTimelineRow = { second: start, arrivals: 0, served: 0, coldStarts: 0, busyPeak: 0, idle: tl.idleEnd[end - 1], initialising: tl.initialisingEnd[end - 1], throttles, integrationTimeouts: 0, meanLatencyMs: 0, maxLatencyMs: 0 };
    let latencySum = 0;
    for (let s = start; s < end; s++) {
      row.arrivals += tl.arrivals[s];
      row.served += tl.served[s];
      row.coldStarts += tl.coldStarts[s];
      row.integrationTimeouts += tl.integrationTimeouts[s];
      row.busyPeak = Math.max(row.busyPeak, tl.busyPeak[s]);
      row.maxLatencyMs = Math.max(row.maxLatencyMs, tl.latencyMaxMs[s]);
      latencySum += tl.latencySumMs[s];
      for (const cause of THROTTLE_CAUSES) throttles[cause] += tl.throttles[cause][s];
    }
    row.meanLatencyMs = row.served > 0 ? Math.round((latencySum / row.served) * 10) / 10 : 0;
    row.maxLatencyMs = Math.round(row.maxLatencyMs * 10) / 10;
    rows.push(row);
  }
  return rows;
}
