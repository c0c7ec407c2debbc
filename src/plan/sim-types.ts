/**
 * The simulator's input (a plan resolved to numbers: every default applied, every distribution a quantile table)
 * and its raw output (per-second typed arrays, totals, histograms). `summarize.ts` turns the output into the
 * JSON-ready plan result.
 */
import type { Histogram } from '../measure/histogram.js';
import type { ThrottleCause } from './types.js';

export interface TokenBucketSpec {
  rateRps: number;
  burst: number;
}

export interface SimFunction {
  name: string;
  /** Warm handler durations, ms (quantile table). */
  warm: Float64Array;
  /** INIT durations, ms (quantile table). */
  init: Float64Array;
  timeoutMs: number;
  reservedConcurrency?: number;
  provisionedConcurrency: number;
}

export interface SimRoute {
  name: string;
  /** Index into `functions`. */
  fn: number;
  /** Fraction of the traffic, the shares of all routes summing to 1. */
  share: number;
  throttle?: TokenBucketSpec;
  /** Share of the route's requests over a payload limit: refused with 413 before Lambda runs. */
  payloadRejectShare?: number;
  /** Share of the route's responses over Lambda's limit: the function runs, then the invocation fails. */
  responseTooLargeShare?: number;
}

export interface SimConfig {
  /** Expected arrivals in each second. */
  perSecond: Float64Array;
  arrivals: 'poisson' | 'uniform';
  seed: number;
  functions: SimFunction[];
  routes: SimRoute[];
  accountConcurrency: number;
  /** API Gateway's account-level bucket (10,000 / 5,000 by default). */
  apiAccount: TokenBucketSpec;
  stageThrottle?: TokenBucketSpec;
  integrationTimeoutMs: number;
  /** The on-demand INIT limit: a longer INIT is cut, then re-run inside the first invoke. */
  initMaxMs: number;
  idleReclaimMs: number;
  /** Scaling-rate bucket: capacity and continuous refill. */
  scaling: TokenBucketSpec;
  /** One bucket per function (the current rule), or one for the account's functions together (the pre-2023 rule). */
  scalingScope: 'function' | 'account';
  /** Synchronous invocations per second allowed for the account: 10 × its concurrency. */
  invocationRateRps: number;
  /**
   * Capacity kept running (Lambda Managed Instances): a request that finds no idle environment is served by a running
   * one at once, with no INIT and no scaling-rate token; the concurrency limits still apply.
   */
  noColdStarts?: boolean;
}

export interface SimFunctionTotals {
  name: string;
  invocations: number;
  provisionedInvocations: number;
  onDemandDurationMs: number;
  provisionedDurationMs: number;
  coldStarts: number;
  initMs: number;
  initTimeouts: number;
  functionTimeouts: number;
  peakConcurrency: number;
  peakEnvironments: number;
}

/** Per-second series, all of the simulated duration's length. */
export interface SimTimeline {
  arrivals: Float64Array;
  served: Float64Array;
  coldStarts: Float64Array;
  integrationTimeouts: Float64Array;
  throttles: Record<ThrottleCause, Float64Array>;
  /** The most environments serving or initialising at once in the second (all functions). */
  busyPeak: Float64Array;
  /** Idle environments (on-demand and provisioned) at the end of the second. */
  idleEnd: Float64Array;
  /** Environments initialising at the end of the second. */
  initialisingEnd: Float64Array;
  latencySumMs: Float64Array;
  latencyMaxMs: Float64Array;
}

export interface SimOutput {
  durationS: number;
  arrivals: number;
  served: number;
  coldStarts: number;
  integrationTimeouts: number;
  /** Requests refused for their size (413), and invocations failed for the size of their response. */
  payloadRejected: number;
  responsesTooLarge: number;
  throttles: Record<ThrottleCause, number>;
  functions: SimFunctionTotals[];
  timeline: SimTimeline;
  /** Latency of every answered request, µs: cold starts (INIT + handler) and warm ones. */
  latency: { all: Histogram; cold: Histogram; warm: Histogram };
}
