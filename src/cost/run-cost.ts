/**
 * The cost of a run from what it measured: the invocation records (REPORT facts from the emulator or from AWS)
 * and the API requests. Gives the run's cost, per request and per million, the share of compute spent on billed
 * INIT, and the per-request basis that `projectMonthlyCost` scales to a month.
 */
import type { InvocationRecord } from '../emulator/lambda/types.js';
import { billedMsPerInvocation, resolveBillingRules, roundUpMs, type BillingRules } from './billing.js';
import { meteredUnits } from './api-cost.js';
import { estimateCost } from './estimate.js';
import { DEFAULT_PRICING } from './pricing.js';
import type { Architecture, BillingOptions, CostEstimate, FunctionUsage, PricedApiType, PricingTables } from './types.js';

export type MeasuredRecord = Pick<InvocationRecord, 'functionName' | 'billedMs' | 'durationMs' | 'memoryMb' | 'cold' | 'provisioned' | 'outcome'> &
  Partial<Pick<InvocationRecord, 'initMs'>>;

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
  records: readonly MeasuredRecord[];
  /** Facts about each function, by name. */
  functions?: Record<string, MeasuredFunction>;
  /** The API Gateway in front, when the run went through one. */
  api?: {
    type: PricedApiType;
    /** Requests the API received. */
    requests: number;
    /** Request bytes sent, for HTTP API 512 KB metering (averaged). */
    requestBytesTotal?: number;
    /** HTTP API requests already counted in 512 KB units (exact; wins over requestBytesTotal). */
    meteredRequests?: number;
    /** Response bytes received, priced as data transfer out. */
    responseBytesTotal?: number;
  };
  /** Wall-clock length of the run, for the Provisioned Concurrency allocation. */
  runDurationMs?: number;
}

/** Per-request averages of a run, the basis of monthly projections and comparisons. */
export interface ProjectionBasis {
  region: string;
  functions: Array<{
    name: string;
    memoryMb: number;
    architecture: Architecture;
    ephemeralStorageMb?: number;
    initAlwaysBilled?: boolean;
    /** Invocations of this function per request. */
    invocationsPerRequest: number;
    /** Average billed execution per invocation in ms, INIT excluded. */
    avgBilledMs: number;
    /** On-demand cold starts per invocation. */
    coldStartRate: number;
    /** Average billed INIT per cold start in ms (0 when INIT was not billed). */
    avgBilledInitMs: number;
    /** Share of invocations served by Provisioned Concurrency. */
    provisionedShare: number;
    provisionedEnvironments?: number;
  }>;
  api?: { type: PricedApiType; meteredPerRequest: number; responseBytesPerRequest: number };
}

export interface RunCost {
  /** The run alone, no free tier. */
  estimate: CostEstimate;
  /** API requests, or invocations when there was no API in front. */
  requests: number;
  invocations: number;
  costPerRequestUsd: number;
  costPerMillionUsd: number;
  coldStarts: { count: number; billedInitMs: number; initUsd: number; computeUsd: number; shareOfCompute: number };
  basis: ProjectionBasis;
}

export interface RunCostOptions {
  pricing?: PricingTables;
  /** Re-bill each record from durationMs + initMs under these rules instead of using its measured billedMs. */
  billing?: BillingOptions;
}

const GIB = 1024 ** 3;

interface Billed {
  billedMs: number;
  initMs: number;
}

function billRecord(record: MeasuredRecord, rules: BillingRules | undefined, initAlwaysBilled: boolean): Billed {
  const onDemandCold = record.cold && !record.provisioned;
  const initMs = onDemandCold ? (record.initMs ?? 0) : 0;
  const execMs = roundUpMs(record.durationMs, rules?.granularityMs ?? 1);
  const billedMs = rules ? billedMsPerInvocation(record.durationMs, initMs, rules, initAlwaysBilled) : record.billedMs;
  // Measured: whatever Billed Duration holds beyond the rounded handler duration is INIT (aws-facts §1.7).
  return { billedMs, initMs: onDemandCold ? Math.max(0, billedMs - execMs) : 0 };
}

/** Prices a run from its invocation records. Throttled invocations never start executing and are not billed. */
export function estimateRunCost(measured: MeasuredInvocations, options: RunCostOptions = {}): RunCost {
  const rules = options.billing ? resolveBillingRules(options.billing) : undefined;
  const groups = new Map<string, MeasuredRecord[]>();
  for (const record of measured.records) {
    if (record.outcome === 'throttled') continue;
    const key = `${record.functionName}@${record.memoryMb}`;
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  const invocations = [...groups.values()].reduce((n, g) => n + g.length, 0);
  const requests = measured.api?.requests ?? invocations;
  const functions: FunctionUsage[] = [];
  const basis: ProjectionBasis = { region: measured.region, functions: [] };
  let coldCount = 0;
  let billedInitMs = 0;
  for (const records of groups.values()) {
    const first = records[0]!;
    const facts = measured.functions?.[first.functionName] ?? {};
    const architecture = facts.architecture ?? 'x86_64';
    let onDemandMs = 0;
    let initMs = 0;
    let provisionedMs = 0;
    let provisionedRequests = 0;
    let cold = 0;
    for (const record of records) {
      const billed = billRecord(record, rules, facts.initAlwaysBilled ?? false);
      if (record.provisioned) {
        provisionedMs += billed.billedMs;
        provisionedRequests++;
      } else onDemandMs += billed.billedMs;
      initMs += billed.initMs;
      if (record.cold && !record.provisioned) cold++;
    }
    coldCount += cold;
    billedInitMs += initMs;
    const environments = facts.provisionedConcurrency ?? 0;
    functions.push({
      name: first.functionName,
      memoryMb: first.memoryMb,
      architecture,
      ephemeralStorageMb: facts.ephemeralStorageMb,
      requests: records.length,
      billed: { onDemandMs, initMs, provisionedMs },
      ...(environments > 0 || provisionedRequests > 0
        ? { provisioned: { environments, hoursEnabled: (measured.runDurationMs ?? 0) / 3_600_000, requests: provisionedRequests } }
        : {}),
    });
    basis.functions.push({
      name: first.functionName,
      memoryMb: first.memoryMb,
      architecture,
      ephemeralStorageMb: facts.ephemeralStorageMb,
      initAlwaysBilled: facts.initAlwaysBilled,
      invocationsPerRequest: requests > 0 ? records.length / requests : 0,
      avgBilledMs: (onDemandMs + provisionedMs - initMs) / records.length,
      coldStartRate: cold / records.length,
      avgBilledInitMs: cold > 0 ? initMs / cold : 0,
      provisionedShare: provisionedRequests / records.length,
      ...(environments > 0 ? { provisionedEnvironments: environments } : {}),
    });
  }
  const api = measured.api;
  if (api) {
    const avgKb = api.requestBytesTotal !== undefined && api.requests > 0 ? api.requestBytesTotal / api.requests / 1024 : undefined;
    const metered = api.meteredRequests ?? api.requests * meteredUnits(avgKb, (options.pricing ?? DEFAULT_PRICING).metering.httpIncrementKb.quantity);
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
