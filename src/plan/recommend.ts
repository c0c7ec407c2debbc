/**
 * Recommendations with numbers: provisioned concurrency levels against the cold starts they remove and what they
 * cost a month; the quota increases (or settings) that would have let every throttled request through, each with
 * the value to ask for and why.
 */
import { QUOTAS } from '../facts/quotas.js';
import type { PlanOutcome, ProvisionedOption, QuotaRequest } from './result-types.js';
import type { ResolvedPlan } from './resolve.js';

/** Head room over the measured demand when asking for a quota, so the next peak is not the limit again. */
const HEADROOM = 1.2;

/** Candidate provisioned levels per function: the mean concurrency (Little's law: rate × duration), half the peak, the peak. */
export function provisionedCandidates(outcome: PlanOutcome): Array<Record<string, number>> {
  const levels = [
    (fn: PlanOutcome['functions'][number]) => Math.ceil((fn.invocations / outcome.durationS) * (fn.meanDurationMs / 1000)),
    (fn: PlanOutcome['functions'][number]) => Math.ceil(fn.peakConcurrency / 2),
    (fn: PlanOutcome['functions'][number]) => fn.peakConcurrency,
  ];
  const seen = new Set<string>();
  const out: Array<Record<string, number>> = [];
  for (const level of levels) {
    const option: Record<string, number> = {};
    for (const fn of outcome.functions) option[fn.name] = Math.max(1, Math.min(level(fn), fn.reservedConcurrency ?? Infinity));
    const key = JSON.stringify(option);
    if (!seen.has(key) && Object.values(option).some((v) => v > 0)) {
      seen.add(key);
      out.push(option);
    }
  }
  return out;
}

export function provisionedOption(base: PlanOutcome, option: PlanOutcome): ProvisionedOption {
  return {
    provisioned: option.functions.reduce((sum, fn) => sum + fn.provisionedConcurrency, 0),
    coldStarts: option.coldStarts,
    coldStartsRemoved: base.coldStarts - option.coldStarts,
    p99Ms: option.latency.all.p99Ms,
    monthlyUsd: option.cost.totalUsd,
    extraUsd: option.cost.totalUsd - base.cost.totalUsd,
  };
}

/**
 * What to ask for, from the plan's throttles and the demand measured without the account's limits (`demand`: the
 * same plan simulated with them lifted).
 */
export function quotaRequests(resolved: ResolvedPlan, outcome: PlanOutcome, demand: PlanOutcome | undefined, peakRps: number): QuotaRequest[] {
  const requests: QuotaRequest[] = [];
  const t = outcome.throttles;
  const config = resolved.config;
  if (t.lambdaConcurrency > 0) {
    for (const fn of outcome.functions) {
      const needed = demand?.functions.find((d) => d.name === fn.name)?.peakConcurrency ?? fn.peakConcurrency;
      if (fn.reservedConcurrency !== undefined && needed > fn.reservedConcurrency) {
        requests.push({ quota: `reservedConcurrency of ${fn.name} (a setting)`, current: fn.reservedConcurrency, requested: Math.ceil(needed * HEADROOM), why: `the traffic needs up to ${fmt(needed)} environments at once; ${fmt(t.lambdaConcurrency)} requests were throttled`, adjustable: true });
      }
    }
    const neededAll = demand?.peakConcurrency ?? outcome.peakConcurrency;
    if (neededAll > config.accountConcurrency && outcome.functions.some((fn) => fn.reservedConcurrency === undefined)) {
      requests.push({ quota: QUOTAS.accountConcurrency.name, current: config.accountConcurrency, requested: roundUp(neededAll * HEADROOM, 100), why: `up to ${fmt(neededAll)} environments busy at once without the limit; ${fmt(t.lambdaConcurrency)} requests throttled at ${fmt(config.accountConcurrency)}`, adjustable: QUOTAS.accountConcurrency.adjustable });
    }
  }
  if (t.lambdaInvocationRate > 0) {
    const concurrency = roundUp((peakRps * HEADROOM) / QUOTAS.invocationsPerEnvironmentPerSecond.value, 100);
    requests.push({ quota: QUOTAS.accountConcurrency.name, current: config.accountConcurrency, requested: concurrency, why: `${QUOTAS.invocationsPerEnvironmentPerSecond.value} synchronous invocations per second per unit of concurrency cap the rate at ${config.invocationRateRps} req/s; the peak is ${Math.round(peakRps)} req/s`, adjustable: true });
  }
  if (t.apiAccount > 0) {
    requests.push({ quota: QUOTAS.accountThrottleRps.name, current: config.apiAccount.rateRps, requested: roundUp(peakRps * HEADROOM, 1000), why: `the peak of ${fmt(peakRps)} req/s passes the account's ${fmt(config.apiAccount.rateRps)} req/s (burst ${fmt(config.apiAccount.burst)}, which ${QUOTAS.accountThrottleBurst.adjustable ? 'can' : 'cannot'} be raised); ${fmt(t.apiAccount)} requests got 429`, adjustable: QUOTAS.accountThrottleRps.adjustable });
  }
  if (t.apiStage + t.apiRoute > 0) {
    requests.push({ quota: 'stage / route throttle (a setting of the stage)', current: config.stageThrottle?.rateRps ?? 0, requested: roundUp(peakRps * HEADROOM, 100), why: `${t.apiStage + t.apiRoute} requests got 429 from the stage or route throttle at a peak of ${Math.round(peakRps)} req/s`, adjustable: true });
  }
  // Raising the other quotas can uncover the scaling rate: the demand run (limits lifted) shows what it refuses then.
  const scalingRefused = t.lambdaScalingRate > 0 ? t.lambdaScalingRate : (demand?.throttles.lambdaScalingRate ?? 0);
  if (scalingRefused > 0) {
    const when = t.lambdaScalingRate > 0 ? '' : ' once the quotas above are raised';
    if (config.scalingScope === 'account') {
      const perMinute = Math.round(config.scaling.rateRps * 60);
      requests.push({ quota: 'Lambda burst concurrency (pre-2023 rule)', current: config.scaling.burst, requested: config.scaling.burst, why: `${fmt(scalingRefused)} requests arrive faster than the account's burst of ${fmt(config.scaling.burst)} new environments, then ${fmt(perMinute)} a minute${when}; this rule could not be raised: ramp the traffic or provision concurrency`, adjustable: false });
    } else {
      requests.push({ quota: QUOTAS.scalingRate.name, current: QUOTAS.scalingRate.value, requested: QUOTAS.scalingRate.value, why: `${fmt(scalingRefused)} requests arrive faster than ${fmt(QUOTAS.scalingRate.value)} new environments per 10 s${when}; this rate cannot be raised: ramp the traffic or provision concurrency before the launch`, adjustable: QUOTAS.scalingRate.adjustable });
    }
  }
  return requests;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function roundUp(value: number, step: number): number {
  return Math.max(step, Math.ceil(value / step) * step);
}
