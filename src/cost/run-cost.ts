/**
 * The cost of a run from what it measured: the invocation totals (REPORT facts from the emulator or from AWS,
 * src/measure/invocation-totals.ts) and the API requests. Gives the run's cost, per request and per million, the
 * share of compute spent on billed INIT, and the per-request basis that `projectMonthlyCost` scales to a month.
 */
import type { ProjectionBasis, RunCostSection } from '../result/cost.js';
import type { FunctionTotals, InvocationTotals } from '../measure/invocation-totals.js';
import { resolveBillingRules, roundUpMs, type BillingRules } from './billing.js';
import { meteredRequestsOf } from './api-cost.js';
import { estimateCost } from './estimate.js';
import { DEFAULT_PRICING } from './pricing.js';
import type { Architecture, BillingOptions, CostEstimate, FunctionUsage, PayloadShare, PricedApiType, PricingTables } from './types.js';

export interface MeasuredFunction {
  /** Default `x86_64`. */
  architecture?: Architecture;
  ephemeralStorageMb?: number;
  /** Custom runtime or container image (INIT billed before 2025-08-01 too). */
  initAlwaysBilled?: boolean;
  /** Provisioned environments kept during the run. */
  provisionedConcurrency?: number;
}

export interface MeasuredInvocations {
  region: string;
  /** What the invocations were: counts, measured billed durations and the histograms to re-bill them. */
  totals: InvocationTotals;
  /** Facts about each function, by name. */
  functions?: Record<string, MeasuredFunction>;
  /** The API Gateway in front, when the run went through one. */
  api?: {
    type: PricedApiType;
    /** Requests the API received. */
    requests: number;
    /** Request bytes sent, for HTTP API 512 KB metering (averaged: exact only when all requests are about one size). */
    requestBytesTotal?: number;
    /** Request sizes the run sent, as shares: metered band by band (wins over requestBytesTotal). */
    requestSizeDistribution?: PayloadShare[];
    /** HTTP API requests already counted in 512 KB units (exact; wins over requestBytesTotal). */
    meteredRequests?: number;
    /** Response bytes received, priced as data transfer out. */
    responseBytesTotal?: number;
  };
  /** Wall-clock length of the run, for the Provisioned Concurrency allocation. */
  runDurationMs?: number;
}

/** Per-request averages of a run, the basis of monthly projections and comparisons (the result's own type). */
export type { ProjectionBasis };

/** The run's cost: the result's section, with the cost room's estimate (every line has its id). */
export interface RunCost extends Omit<RunCostSection, 'estimate'> {
  estimate: CostEstimate;
}

export interface RunCostOptions {
  pricing?: PricingTables;
  /** Re-bill each invocation from its duration (+ INIT) under these rules instead of using its measured Billed Duration. */
  billing?: BillingOptions;
}

const GIB = 1024 ** 3;

interface Billed {
  onDemandMs: number;
  provisionedMs: number;
  /** Billed INIT of on-demand cold starts (inside onDemandMs). */
  initMs: number;
}

/**
 * Billed ms of one function's invocations: as measured, or re-billed under `rules` from the whole-ms histograms
 * (exact: rounding a whole-ms key up to the granularity equals rounding the duration itself, billing.ts). A cold
 * start's INIT is billed as in `billedMsPerInvocation`; the billed INIT is what lies beyond the rounded duration.
 */
function billFunction(fn: FunctionTotals, rules: BillingRules | undefined, initAlwaysBilled: boolean): Billed {
  if (!rules) return { onDemandMs: fn.billedMs.onDemand, provisionedMs: fn.billedMs.provisioned, initMs: fn.billedMs.onDemandInit };
  const granularityMs = rules.granularityMs;
  const billInit = rules.initBilledOnDemand || initAlwaysBilled;
  const billed: Billed = { onDemandMs: 0, provisionedMs: 0, initMs: 0 };
  for (const [ms, n] of Object.entries(fn.rebill.onDemandMs)) billed.onDemandMs += n * roundUpMs(Number(ms), granularityMs);
  for (const [ms, n] of Object.entries(fn.rebill.provisionedMs)) billed.provisionedMs += n * roundUpMs(Number(ms), granularityMs);
  for (const [pair, n] of Object.entries(fn.rebill.onDemandWithInitMs)) {
    const [durationMs, withInitMs] = pair.split(':').map(Number) as [number, number];
    const execMs = roundUpMs(durationMs, granularityMs);
    const billedMs = billInit ? roundUpMs(withInitMs, granularityMs) : execMs;
    billed.onDemandMs += n * billedMs;
    billed.initMs += n * Math.max(0, billedMs - execMs);
  }
  return billed;
}

/** Prices a run from its invocation totals. Throttled invocations never start executing and are not billed. */
export function estimateRunCost(measured: MeasuredInvocations, options: RunCostOptions = {}): RunCost {
  const rules = options.billing ? resolveBillingRules(options.billing) : undefined;
  const groups = measured.totals.functions.filter((fn) => fn.invocations > 0);
  const invocations = groups.reduce((n, fn) => n + fn.invocations, 0);
  const requests = measured.api?.requests ?? invocations;
  const functions: FunctionUsage[] = [];
  const basis: ProjectionBasis = { region: measured.region, functions: [] };
  let coldCount = 0;
  let billedInitMs = 0;
  for (const fn of groups) {
    const facts = measured.functions?.[fn.functionName] ?? {};
    const architecture = facts.architecture ?? 'x86_64';
    const { onDemandMs, initMs, provisionedMs } = billFunction(fn, rules, facts.initAlwaysBilled ?? false);
    const provisionedRequests = fn.provisionedInvocations;
    const cold = fn.onDemandColdStarts;
    coldCount += cold;
    billedInitMs += initMs;
    const environments = facts.provisionedConcurrency ?? 0;
    functions.push({
      name: fn.functionName,
      memoryMb: fn.memoryMb,
      architecture,
      ephemeralStorageMb: facts.ephemeralStorageMb,
      requests: fn.invocations,
      billed: { onDemandMs, initMs, provisionedMs },
      ...(environments > 0 || provisionedRequests > 0
        ? { provisioned: { environments, hoursEnabled: (measured.runDurationMs ?? 0) / 3_600_000, requests: provisionedRequests } }
        : {}),
    });
    basis.functions.push({
      name: fn.functionName,
      memoryMb: fn.memoryMb,
      architecture,
      ephemeralStorageMb: facts.ephemeralStorageMb,
      initAlwaysBilled: facts.initAlwaysBilled,
      invocationsPerRequest: requests > 0 ? fn.invocations / requests : 0,
      avgBilledMs: (onDemandMs + provisionedMs - initMs) / fn.invocations,
      coldStartRate: cold / fn.invocations,
      avgBilledInitMs: cold > 0 ? initMs / cold : 0,
      provisionedShare: provisionedRequests / fn.invocations,
      ...(environments > 0 ? { provisionedEnvironments: environments } : {}),
    });
  }
  const api = measured.api;
  if (api) {
    const avgKb = api.requestBytesTotal !== undefined && api.requests > 0 ? api.requestBytesTotal / api.requests / 1024 : undefined;
    const incrementKb = (options.pricing ?? DEFAULT_PRICING).metering.httpIncrementKb.quantity;
    const metered = meteredRequestsOf({ type: api.type, requests: api.requests, meteredRequests: api.meteredRequests, payloadKb: avgKb, payloadDistribution: api.requestSizeDistribution }, incrementKb);
    basis.api = {
      type: api.type,
      meteredPerRequest: api.requests > 0 ? metered / api.requests : 1,
      responseBytesPerRequest: api.requests > 0 ? (api.responseBytesTotal ?? 0) / api.requests : 0,
    };
  }
  const estimate = estimateCost(
    {
      region: measured.region,
      functions,
      ...(api ? { api: { type: api.type, requests: api.requests, meteredRequests: api.type === 'http' ? basis.api!.meteredPerRequest * api.requests : undefined } } : {}),
      ...(api?.responseBytesTotal ? { dataTransferOutGb: api.responseBytesTotal / GIB } : {}),
    },
    { pricing: options.pricing },
  );
  if (functions.some((fn) => fn.provisioned && (fn.provisioned.environments === 0 || fn.provisioned.hoursEnabled === 0))) {
    estimate.warnings.push({
      code: 'PC_ALLOCATION_UNKNOWN',
      message: 'invocations ran on Provisioned Concurrency but the environment count or run length is unknown: its allocation is not in the run cost',
    });
  }
  const costPerRequestUsd = requests > 0 ? estimate.totalUsd / requests : 0;
  const { computeUsd, initUsd } = estimate.compute;
  return {
    estimate,
    requests,
    invocations,
    costPerRequestUsd,
    costPerMillionUsd: costPerRequestUsd * 1_000_000,
    coldStarts: { count: coldCount, billedInitMs, initUsd, computeUsd, shareOfCompute: computeUsd > 0 ? initUsd / computeUsd : 0 },
    basis,
  };
}
