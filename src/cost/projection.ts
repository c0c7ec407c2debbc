/**
 * A month at the expected traffic, from a run's per-request basis: monthly volume (given, or from a daily or
 * peak profile) × measured billed duration per request, priced with tiers and (when asked) the free tier.
 */
import { PROJECTION_DEFAULTS } from '../facts/defaults.js';
import { resolveBillingRules } from './billing.js';
import { estimateCost } from './estimate.js';
import type { ProjectionBasis } from './run-cost.js';
import type { Architecture, BillingOptions, CostEstimate, CostUsage, FunctionUsage, PricedApiType, PricingTables } from './types.js';
import type { CostAlternatives } from '../result/cost.js';

/** Expected traffic: a monthly total, a daily total, or a peak profile. Months are 30 days unless told otherwise. */
export type MonthlyTraffic =
  | { monthlyRequests: number }
  | { dailyRequests: number; daysPerMonth?: number }
  | {
      /** Requests per second during the peak hours. */
      peakRps: number;
      peakHoursPerDay: number;
      /** Requests per second the rest of the day. Default 0. */
      offPeakRps?: number;
      daysPerMonth?: number;
    };

export interface ProjectionOptions {
  pricing?: PricingTables;
  freeTier?: boolean;
  apiGatewayFreeTier?: boolean;
  billing?: BillingOptions;
  /** On-demand cold starts per invocation at the projected volume. Default: the rate the run measured. */
  coldStartRate?: number;
  /** Provisioned Concurrency over the month (needed to price its allocation). */
  provisioned?: { environments: number; hoursEnabled: number };
  /** What-if variants, used by comparisons. */
  architecture?: Architecture;
  apiType?: PricedApiType;
  /**
   * What if the functions used SnapStart: each cold start restores (billed `restoreDurationMs`) instead of running
   * INIT, plus the cache and restore charges. The restore duration is the caller's to give: a run without SnapStart
   * cannot measure it.
   */
  snapStart?: CostAlternatives['snapStart'];
  /**
   * What if the functions ran on Lambda Managed Instances: the same requests, no duration charge, EC2 instances and the
   * management fee instead. Without `ec2OnDemandHourlyUsd` the instances are a PRICE_UNKNOWN warning.
   */
  managedInstances?: CostAlternatives['managedInstances'];
}

/**
 * A run's projection options: the free tier as asked, and the functions' Provisioned Concurrency kept enabled all
 * month (the facts' hours per month).
 */
export function runProjectionOptions(freeTier: boolean, provisionedEnvironments: number): ProjectionOptions {
  const hoursEnabled = PROJECTION_DEFAULTS.hoursPerMonth.value;
  return { freeTier, ...(provisionedEnvironments > 0 ? { provisioned: { environments: provisionedEnvironments, hoursEnabled } } : {}) };
}

export interface MonthlyProjection {
  monthlyRequests: number;
  estimate: CostEstimate;
  costPerMillionUsd: number;
  /** How the monthly volume was derived and what was assumed. */
  notes: string[];
}

const DEFAULT_DAYS_PER_MONTH = 30;
const GIB = 1024 ** 3;

/** Monthly requests of a traffic profile, with a note on how they were derived. */
export function monthlyRequestsOf(traffic: MonthlyTraffic): { requests: number; note: string } {
  if ('monthlyRequests' in traffic) return { requests: traffic.monthlyRequests, note: `${traffic.monthlyRequests.toLocaleString('en-US')} requests per month` };
  const days = traffic.daysPerMonth ?? DEFAULT_DAYS_PER_MONTH;
  if ('dailyRequests' in traffic) {
    return { requests: traffic.dailyRequests * days, note: `${traffic.dailyRequests.toLocaleString('en-US')} requests per day × ${days} days` };
  }
  const offPeak = traffic.offPeakRps ?? 0;
  const perDay = (traffic.peakRps * traffic.peakHoursPerDay + offPeak * (24 - traffic.peakHoursPerDay)) * 3600;
  return {
    requests: perDay * days,
    note: `${traffic.peakRps} req/s for ${traffic.peakHoursPerDay} h/day${offPeak ? `, ${offPeak} req/s otherwise` : ''}, × ${days} days`,
  };
}

function projectFunction(fn: ProjectionBasis['functions'][number], requests: number, options: ProjectionOptions, initBilled: boolean): FunctionUsage {
  const invocations = requests * fn.invocationsPerRequest;
  const provisionedRequests = invocations * fn.provisionedShare;
  const onDemand = invocations - provisionedRequests;
  const coldStarts = onDemand * (options.coldStartRate ?? fn.coldStartRate);
  const snap = options.snapStart;
  // With SnapStart the restore takes INIT's place in Billed Duration (lambda-cost.ts).
  const initMs = snap ? coldStarts * snap.restoreDurationMs : initBilled || fn.initAlwaysBilled ? coldStarts * fn.avgBilledInitMs : 0;
  return {
    name: fn.name,
    memoryMb: fn.memoryMb,
    architecture: options.architecture ?? fn.architecture,
    ephemeralStorageMb: fn.ephemeralStorageMb,
    requests: invocations,
    billed: { onDemandMs: onDemand * fn.avgBilledMs + initMs, initMs, provisionedMs: provisionedRequests * fn.avgBilledMs },
    ...(snap
      ? { snapStart: { cachedHours: snap.cachedHours, versions: snap.versions, restores: coldStarts, restoreDurationMs: snap.restoreDurationMs, javaManagedRuntime: snap.javaManagedRuntime } }
      : {}),
    ...(fn.provisionedShare > 0 || options.provisioned
      ? { provisioned: { environments: options.provisioned?.environments ?? 0, hoursEnabled: options.provisioned?.hoursEnabled ?? 0, requests: provisionedRequests } }
      : {}),
  };
}

/** Projects a run's basis to a month of `traffic`. Pure. */
export function projectMonthlyCost(basis: ProjectionBasis, traffic: MonthlyTraffic, options: ProjectionOptions = {}): MonthlyProjection {
  const { requests, note } = monthlyRequestsOf(traffic);
  const rules = resolveBillingRules(options.billing);
  const usage: CostUsage = {
    region: basis.region,
    freeTier: options.freeTier ?? false,
    apiGatewayFreeTier: options.apiGatewayFreeTier ?? false,
    billing: options.billing,
    functions: basis.functions.map((fn) => projectFunction(fn, requests, options, rules.initBilledOnDemand)),
  };
  if (options.managedInstances) {
    const invocations = usage.functions!.reduce((n, fn) => n + fn.requests, 0);
    usage.managedInstances = [{ requests: invocations, ...options.managedInstances }];
    usage.functions = [];
  }
  if (basis.api) {
    const type = options.apiType ?? basis.api.type;
    // REST counts one request per call whatever its size; only HTTP APIs meter in 512 KB units (aws-facts §2.1).
    usage.api = { type, requests, ...(type === 'http' ? { meteredRequests: requests * basis.api.meteredPerRequest } : {}) };
    if (basis.api.responseBytesPerRequest > 0) usage.dataTransferOutGb = (requests * basis.api.responseBytesPerRequest) / GIB;
  }
  const estimate = estimateCost(usage, { pricing: options.pricing });
  const notes = [note];
  if (options.coldStartRate === undefined && basis.functions.some((fn) => fn.coldStartRate > 0)) {
    notes.push('cold starts at the rate the run measured; at a steady higher volume the real rate is usually lower');
  }
  if (basis.functions.some((fn) => fn.provisionedShare > 0) && !options.provisioned) {
    estimate.warnings.push({
      code: 'PC_ALLOCATION_UNKNOWN',
      message: 'Provisioned Concurrency served part of the run, but its monthly environments and hours were not given: the allocation is not in this projection',
    });
  }
  return { monthlyRequests: requests, estimate, costPerMillionUsd: requests > 0 ? (estimate.totalUsd / requests) * 1_000_000 : 0, notes };
}
