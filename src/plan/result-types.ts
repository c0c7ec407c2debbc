/**
 * The plan result: one versioned JSON contract (`kind: 'plan'`, schemaVersion 1) that the terminal table renders
 * from, with the encoded HDR histograms of the predicted latency so it can be compared and merged later.
 */
import type { CostEstimate, PayloadShare } from '../cost/types.js';
import type { QuotaFinding } from '../result/quota.js';
import type { LatencyStats } from '../measure/stats.js';
import type { ResolvedFunction } from './resolve.js';
import type { PlanApiType, PlanWarning, ThrottleCause } from './types.js';

export const PLAN_SCHEMA_VERSION = 1;

export interface PlanTimelineRow {
  /** Start of the bucket, s from the start of the traffic. */
  second: number;
  arrivals: number;
  served: number;
  coldStarts: number;
  /** Most environments serving or initialising at once. */
  busyPeak: number;
  /** At the end of the bucket. */
  idle: number;
  initialising: number;
  throttles: Record<ThrottleCause, number>;
  integrationTimeouts: number;
  meanLatencyMs: number;
  maxLatencyMs: number;
}

export interface PlanFunctionResult extends ResolvedFunction {
  invocations: number;
  provisionedInvocations: number;
  coldStarts: number;
  meanDurationMs: number;
  meanInitMs: number;
  peakConcurrency: number;
  peakEnvironments: number;
  initTimeouts: number;
  functionTimeouts: number;
}

export interface PlanThresholdResult {
  name: string;
  limit: number;
  actual: number;
  passed: boolean;
}

export interface PlanCost {
  monthlyRequests: number;
  /** How the simulated window was turned into a month. */
  basis: string;
  totalUsd: number;
  lambdaUsd: number;
  apiUsd: number;
  provisionedUsd: number;
  estimate: CostEstimate;
}

export interface PlanOutcome {
  /** Simulated seconds. */
  durationS: number;
  /** Requests that reached API Gateway; `served` got an answer from the function within the timeouts. */
  arrivals: number;
  served: number;
  /** New on-demand environments, and their share of the arrivals. */
  coldStarts: number;
  coldStartRate: number;
  /** Throttled, timed out or failed requests over arrivals. */
  errorRate: number;
  throttles: Record<ThrottleCause, number>;
  /** API Gateway answered before the function ended (504 REST, 503 HTTP API). */
  integrationTimeouts: number;
  /** The function ran into its own timeout (a function error). */
  functionTimeouts: number;
  /** Requests over a payload limit (413) and responses over Lambda's (a function error); absent in older results. */
  payloadRejected?: number;
  responsesTooLarge?: number;
  /** Answers the client sees for failed requests, by HTTP status, as API Gateway reports them. */
  statuses: Record<string, number>;
  peakConcurrency: number;
  latency: { all: LatencyStats; cold: LatencyStats; warm: LatencyStats };
  histograms: { all: string; cold: string; warm: string };
  functions: PlanFunctionResult[];
  cost: PlanCost;
  thresholds: PlanThresholdResult[];
}

export interface ProvisionedOption {
  provisioned: number;
  coldStarts: number;
  coldStartsRemoved: number;
  p99Ms: number;
  monthlyUsd: number;
  /** Monthly cost minus the plan's as given. */
  extraUsd: number;
}

/** A setup simulated and priced beside the plan as given (the plan's `alternatives`). */
export interface PlanAlternative {
  kind: 'snapstart' | 'managed-instances';
  label: string;
  coldStarts: number;
  /** Requests throttled, all causes together, and by cause. */
  throttled: number;
  throttles: Record<ThrottleCause, number>;
  errorRate: number;
  /** Latency of all answered requests, and of the cold starts alone. */
  p50Ms: number;
  p99Ms: number;
  coldP99Ms: number;
  monthlyUsd: number;
  /** Monthly cost minus the plan's as given. */
  deltaUsd: number;
  /** What the figures assume (inputs given, not measured; what is not modelled). */
  notes: string[];
  /** The cost room's warnings of this setup (a price it does not know). */
  warnings: string[];
}

export interface QuotaRequest {
  quota: string;
  current: number;
  requested: number;
  why: string;
  adjustable: boolean;
}

export interface SweepRow {
  memoryMb: number;
  architecture: string;
  apiType: PlanApiType;
  provisioned: number;
  monthlyUsd: number;
  coldP50Ms: number;
  warmP50Ms: number;
  p99Ms: number;
  coldStarts: number;
  errorRate: number;
  meetsThresholds: boolean;
  cheapest: boolean;
}

/** The request and response size mixes of all routes together (shares add up to 1), in KB. */
export interface PlanPayload {
  request?: PayloadShare[];
  response?: PayloadShare[];
}

/** A share of the traffic over a payload limit, and what its clients get (simulated: refused or failed). */
export interface PayloadOverLimit {
  kind: 'request' | 'response';
  quota: string;
  limitBytes: number;
  share: number;
  status: number;
}

export interface PlanResultPayload extends PlanPayload {
  findings: QuotaFinding[];
  over: PayloadOverLimit[];
}

export interface PlanResult extends PlanOutcome {
  kind: 'plan';
  schemaVersion: typeof PLAN_SCHEMA_VERSION;
  tool: { name: 'lambdaload'; version: string };
  plan: {
    name: string;
    description?: string;
    file: string;
    region: string;
    apiType: PlanApiType;
    seed: number;
    arrivals: 'poisson' | 'uniform';
    trafficType: string;
    peakRps: number;
    meanRps: number;
  };
  timeline: { bucketS: number; rows: PlanTimelineRow[] };
  recommendations: { provisioned: ProvisionedOption[]; quotas: QuotaRequest[]; cheapest?: SweepRow; summary: string[] };
  sweep?: { note: string; rows: SweepRow[] };
  /** Present when the plan gives request or response sizes. */
  payload?: PlanResultPayload;
  /** The plan's `alternatives` that could be offered (absent when the plan names none). */
  alternatives?: PlanAlternative[];
  notes: string[];
  warnings: PlanWarning[];
}
