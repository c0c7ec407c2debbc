/**
 * A loaded plan resolved to the simulator's numbers: every default applied from the dated facts tables, every
 * distribution a quantile table, each assumption said out loud as a note or a warning. `overrides` let the sweep and
 * the recommendations re-resolve the same plan at another memory size, architecture, API type or provisioned level.
 */
import { ACCOUNT_CONCURRENCY, accountThrottle, API_DEFAULTS, EMULATOR_DEFAULTS, FALLBACK_REGION, FUNCTION_DEFAULTS } from '../facts/defaults.js';
import { QUOTAS } from '../facts/quotas.js';
import { PRE_2023_SCALING, SCALING_FACTS } from '../facts/scaling.js';
import { parseDurationMs } from '../scenario/duration.js';
import { fixedTable, scaleTable } from './distribution.js';
import { cpuScale, durationTable, measuredFunctionOf } from './durations.js';
import type { LoadedPlan } from './load.js';
import type { SimConfig } from './sim-types.js';
import { arrivalsPerSecond } from './traffic.js';
import { describeCsvTraffic } from './traffic-csv.js';
import { resolvePayload, routeOverLimitShares } from './payload.js';
import type { PlanPayload } from './result-types.js';
import { LambdaloadError } from '../errors.js';
import type { Architecture, Plan, PlanApiType, PlanRoute, PlanWarning } from './types.js';

/** A limit no plan reaches: what the demand would be without the account's quotas. */
const UNCONSTRAINED = 1e9;

export interface PlanOverrides {
  memoryMb?: number;
  architecture?: Architecture;
  apiType?: PlanApiType;
  /** Provisioned concurrency of every function, or per function name. */
  provisioned?: number | Record<string, number>;
  /** Lift reserved and account concurrency and API Gateway's account throttle out of the way (to measure demand). */
  unconstrained?: boolean;
  /** Every cold start lasts this many ms instead of the function's INIT (SnapStart's restore, as given). */
  coldStartMs?: number;
  /** No cold start on the request path: a request that finds no idle environment gets a running one (Managed Instances). */
  noColdStarts?: boolean;
}

export interface ResolvedFunction {
  name: string;
  memoryMb: number;
  architecture: Architecture;
  provisionedConcurrency: number;
  reservedConcurrency?: number;
  /** The plan's runtime id, else that of the saved result the durations come from; absent when neither says. */
  runtime?: string;
  /** Factor the durations were multiplied by (CPU share), 1 when measured or assumed at this size. */
  cpuScale: number;
  durationSource: string;
  initSource: string;
}

export interface ResolvedPlan {
  config: SimConfig;
  region: string;
  apiType: PlanApiType;
  functions: ResolvedFunction[];
  /** The request and response size mixes, when the plan gives them. */
  payload?: PlanPayload;
  notes: string[];
  warnings: PlanWarning[];
}

export function resolvePlan(loaded: LoadedPlan, overrides: PlanOverrides = {}): ResolvedPlan {
  const { plan, results } = loaded;
  const notes: string[] = [];
  const warnings: PlanWarning[] = [];
  const region = plan.region ?? FALLBACK_REGION.value;
  if (plan.region === undefined) warnings.push({ code: 'REGION_DEFAULTED', message: `no region in the plan: priced and throttled as ${region} (${FALLBACK_REGION.source})` });
  const apiType = overrides.apiType ?? plan.api?.type ?? 'rest';
  if (plan.api?.type === undefined && overrides.apiType === undefined) notes.push('API type not given: a REST API (set api.type to http for an HTTP API)');

  const csv = plan.traffic.type === 'csv' ? loaded.csv?.get(plan.traffic.file) : undefined;
  if (plan.traffic.type === 'csv') {
    if (csv === undefined) throw new LambdaloadError('PLAN_LOAD_FAILED', `traffic CSV ${plan.traffic.file} was not read`, { hint: 'Load the plan with loadPlan, which reads the files it names.' });
    notes.push(describeCsvTraffic(plan.traffic.file, csv));
  }
  const series = plan.traffic.type === 'result' ? results.get(plan.traffic.file)?.timeline.map((s) => s.sent) : csv?.perSecond;
  const perSecond = arrivalsPerSecond(plan.traffic, series);
  const functions: ResolvedFunction[] = [];
  const simFunctions = Object.entries(plan.functions).map(([name, fn]) => {
    const where = `functions.${name}`;
    const memoryMb = overrides.memoryMb ?? fn.memoryMb ?? FUNCTION_DEFAULTS.memoryMb.value;
    if (fn.memoryMb === undefined && overrides.memoryMb === undefined) warnings.push({ code: 'MEMORY_DEFAULTED', message: `${where}: no memoryMb, Lambda's default ${memoryMb} MB (${FUNCTION_DEFAULTS.memoryMb.source})` });
    const fromResult = typeof fn.duration === 'object' && 'fromResult' in fn.duration ? results.get(fn.duration.fromResult) : undefined;
    const measured = fromResult ? measuredFunctionOf(fromResult, name) : undefined;
    const measuredAt = fn.measuredAtMb ?? measured?.memoryMb ?? fn.memoryMb ?? memoryMb;
    const scale = cpuScale(measuredAt, memoryMb);
    const warm = scaleTable(durationTable(fn.duration, 'duration', results, where), scale);
    // A given restore duration is what REPORT would bill: taken as is, not scaled by CPU share.
    const init = overrides.coldStartMs !== undefined ? { ...fixedTable(overrides.coldStartMs), description: `SnapStart restore ${overrides.coldStartMs} ms (given, not measured)` } : scaleTable(durationTable(fn.init, 'init', results, where), scale);
    if (scale !== 1) {
      notes.push(`${name}: durations measured or assumed at ${measuredAt} MB scaled ×${scale.toFixed(2)} to ${memoryMb} MB by CPU share (memory / ${QUOTAS.memoryPerVcpuMb.value} MB of a vCPU, capped at one vCPU); not measured at ${memoryMb} MB`);
    }
    const architecture = overrides.architecture ?? fn.architecture ?? FUNCTION_DEFAULTS.architecture.value;
    if (architecture !== (fn.architecture ?? FUNCTION_DEFAULTS.architecture.value)) notes.push(`${name}: ${architecture} assumed as fast as ${fn.architecture ?? FUNCTION_DEFAULTS.architecture.value} (not measured)`);
    const timeoutMs = fn.timeout === undefined ? FUNCTION_DEFAULTS.timeoutMs.value : parseDurationMs(fn.timeout);
    if (fn.timeout === undefined) notes.push(`${name}: timeout not given, Lambda's default ${timeoutMs / 1000} s`);
    const override = typeof overrides.provisioned === 'number' ? overrides.provisioned : overrides.provisioned?.[name];
    const provisionedConcurrency = override ?? fn.provisionedConcurrency ?? FUNCTION_DEFAULTS.provisionedConcurrency.value;
    const runtime = fn.runtime ?? measured?.runtime;
    functions.push({ name, memoryMb, architecture, provisionedConcurrency, reservedConcurrency: fn.reservedConcurrency, ...(runtime ? { runtime } : {}), cpuScale: scale, durationSource: warm.description, initSource: init.description });
    return { name, warm: warm.values, init: init.values, timeoutMs, reservedConcurrency: overrides.unconstrained ? undefined : fn.reservedConcurrency, provisionedConcurrency };
  });

  const names = simFunctions.map((fn) => fn.name);
  const planRoutes: PlanRoute[] = plan.routes ?? names.map((name) => ({ name, function: name, share: 1 }));
  const shareTotal = planRoutes.reduce((sum, route) => sum + (route.share ?? 1), 0);
  const routes = planRoutes.map((route) => ({ name: route.name, fn: names.indexOf(route.function), share: (route.share ?? 1) / shareTotal, throttle: route.throttle, ...routeOverLimitShares(plan, route) }));

  const accountConcurrency = overrides.unconstrained ? UNCONSTRAINED : (plan.account?.concurrency ?? ACCOUNT_CONCURRENCY.value);
  const idleReclaimMs = plan.idleReclaim === undefined ? EMULATOR_DEFAULTS.idleTimeoutMs.value : parseDurationMs(plan.idleReclaim);
  if (plan.idleReclaim === undefined) warnings.push({ code: 'IDLE_RECLAIM_ASSUMED', message: `idle environments reclaimed after ${idleReclaimMs / 60_000} min: ${EMULATOR_DEFAULTS.idleTimeoutMs.source}` });
  const integrationTimeoutMs =
    plan.api?.integrationTimeout !== undefined ? parseDurationMs(plan.api.integrationTimeout) : (apiType === 'rest' ? API_DEFAULTS.restIntegrationTimeoutMs : API_DEFAULTS.httpIntegrationTimeoutMs).value;

  const config: SimConfig = {
    perSecond,
    arrivals: plan.arrivals ?? 'poisson',
    seed: plan.seed ?? 1,
    functions: simFunctions,
    routes,
    accountConcurrency,
    apiAccount: overrides.unconstrained ? { rateRps: UNCONSTRAINED, burst: UNCONSTRAINED } : (plan.account?.apiThrottle ?? accountThrottle(region).value),
    stageThrottle: plan.api?.stageThrottle,
    integrationTimeoutMs,
    initMaxMs: QUOTAS.initMaxS.value * 1000,
    idleReclaimMs,
    ...scalingRule(plan.scalingRule, region, notes, warnings),
    invocationRateRps: QUOTAS.invocationsPerEnvironmentPerSecond.value * accountConcurrency,
    ...(overrides.noColdStarts ? { noColdStarts: true } : {}),
  };
  return { config, region, apiType, functions, payload: resolvePayload(plan), notes, warnings };
}

/**
 * The scaling bucket of the rule in force. The pre-2023 rule is read as one token bucket for the account: the burst
 * as its capacity, 500 a minute as a continuous refill (the 2023 doc says neither whether the minute's 500 came at
 * once nor when the burst was available again), so the output warns that it is an approximation.
 */
function scalingRule(rule: Plan['scalingRule'], region: string, notes: string[], warnings: PlanWarning[]): Pick<SimConfig, 'scaling' | 'scalingScope'> {
  if (rule !== 'pre-2023') return { scaling: { rateRps: SCALING_FACTS.scalingRefillPerSecond.value, burst: SCALING_FACTS.scalingBucketCapacity.value }, scalingScope: 'function' };
  const listed = PRE_2023_SCALING.burstByRegion.value[region];
  const burst = listed ?? PRE_2023_SCALING.burstOtherRegions.value;
  const perMinute = PRE_2023_SCALING.perMinuteAfterBurst.value;
  notes.push(`scaling: the pre-2023 account-level rule, a burst of ${burst.toLocaleString('en-US')} new environments in ${region} for all functions together, then ${perMinute} a minute (${listed === undefined ? PRE_2023_SCALING.burstOtherRegions.source : PRE_2023_SCALING.burstByRegion.source})`);
  warnings.push({
    code: 'SCALING_RULE_PRE_2023',
    message: `the pre-2023 scaling rule (replaced ${PRE_2023_SCALING.changed.value}) is simulated as one token bucket for the account (capacity ${burst.toLocaleString('en-US')}, refilled ${perMinute} a minute continuously): the 2023 doc does not say whether the minute's ${perMinute} came at once or when the burst was available again`,
  });
  return { scaling: { rateRps: perMinute / 60, burst }, scalingScope: 'account' };
}
