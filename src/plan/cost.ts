/**
 * The month's cost of a simulated plan, through the cost room's own estimator: the simulated window's requests,
 * durations, cold starts and provisioned environments, scaled to the month's volume.
 */
import { estimateCost, sumLines } from '../cost/index.js';
import type { ApiUsage, CostUsage, FunctionUsage } from '../cost/types.js';
import type { CostAlternatives } from '../result/cost.js';
import { meanKb } from './payload.js';
import type { Plan } from './types.js';
import type { ResolvedPlan } from './resolve.js';
import type { SimOutput } from './sim-types.js';
import type { PlanCost } from './result-types.js';

/** Months are 30 days, as in the cost room's projections. */
const MONTH_S = 30 * 86_400;
const MONTH_HOURS = MONTH_S / 3600;

/**
 * `alternative` prices the window as another compute option, with the cost room's own charges: SnapStart (each cold
 * start's restore billed in INIT's place, plus the cache and restore charges) or Managed Instances (the same
 * requests at its request price, the instances and the management fee, no duration charge), as the run's comparison
 * prices them (src/cost/projection.ts).
 */
export function estimatePlanCost(plan: Plan, resolved: ResolvedPlan, out: SimOutput, alternative: CostAlternatives = {}): PlanCost {
  const meanRps = out.arrivals / out.durationS;
  const monthlyRequests = plan.monthlyRequests ?? meanRps * MONTH_S;
  const basis =
    plan.monthlyRequests !== undefined
      ? `${fmt(monthlyRequests)} requests a month (the plan's monthlyRequests); cold starts and durations in the simulated window's proportions`
      : `the simulated window's mean rate (${fmt(meanRps)} req/s) for a 30-day month; cold starts in the window's proportion`;
  const factor = out.arrivals === 0 ? 0 : monthlyRequests / out.arrivals;
  const functions: FunctionUsage[] = out.functions.map((fn, i) => {
    const meta = resolved.functions[i];
    const onDemand = fn.invocations - fn.provisionedInvocations;
    const usage: FunctionUsage = {
      name: fn.name,
      memoryMb: meta.memoryMb,
      architecture: meta.architecture,
      requests: fn.invocations * factor,
      durationMs: onDemand > 0 ? fn.onDemandDurationMs / onDemand : fn.invocations > 0 ? fn.provisionedDurationMs / fn.invocations : 0,
      coldStarts: fn.coldStarts * factor,
      initDurationMs: fn.coldStarts > 0 ? fn.initMs / fn.coldStarts : 0,
    };
    const snap = alternative.snapStart;
    if (snap) usage.snapStart = { cachedHours: snap.cachedHours, restores: usage.coldStarts, restoreDurationMs: snap.restoreDurationMs, javaManagedRuntime: snap.javaManagedRuntime };
    if (meta.provisionedConcurrency > 0) {
      usage.provisioned = {
        environments: meta.provisionedConcurrency,
        hoursEnabled: MONTH_HOURS,
        requests: fn.provisionedInvocations * factor,
        durationMs: fn.provisionedInvocations > 0 ? fn.provisionedDurationMs / fn.provisionedInvocations : undefined,
      };
    }
    return usage;
  });
  // API Gateway meters the requests it passes on; its own 429s are not billed.
  const apiThrottled = out.throttles.apiAccount + out.throttles.apiStage + out.throttles.apiRoute;
  const api: ApiUsage = { type: resolved.apiType, requests: (out.arrivals - apiThrottled) * factor };
  // Sizes as the cost room takes them: HTTP API requests metered band by band, responses as data transfer out.
  if (resolved.payload?.request) api.payloadDistribution = resolved.payload.request;
  if (resolved.payload?.response) api.responseKb = meanKb(resolved.payload.response);
  const managed = alternative.managedInstances;
  const usage: CostUsage = managed
    ? { region: resolved.region, functions: [], managedInstances: [{ requests: functions.reduce((n, fn) => n + fn.requests, 0), ...managed }], api }
    : { region: resolved.region, functions, api };
  const estimate = estimateCost(usage);
  return {
    monthlyRequests,
    basis,
    totalUsd: estimate.totalUsd,
    lambdaUsd: sumLines(estimate, 'Lambda'),
    apiUsd: sumLines(estimate, 'API Gateway'),
    provisionedUsd: estimate.lines.filter((line) => /provisioned|PC duration/i.test(line.item)).reduce((sum, line) => sum + line.amountUsd, 0),
    estimate,
  };
}

function fmt(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: n < 10 ? 2 : 0 });
}
