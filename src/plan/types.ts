/**
 * The plan room's contracts: a plan file (what traffic, which functions, which API, which limits) and the plan
 * result (what Lambda and API Gateway would do with it, second by second, and what it would cost).
 */
import type { Architecture, CostAlternativesSpec, Duration } from '../scenario/types.js';

export type { Architecture, CostAlternativesSpec, Duration };
export type PlanApiType = 'rest' | 'http';

/**
 * A duration distribution, in ms: a fixed value, two percentiles (a log-normal through them), or the measured
 * distribution of a saved lambdaload result (`service` histograms of warm requests; the result's INIT summary).
 */
export type DurationSpec = number | { p50: number; p99: number } | { fromResult: string; request?: string };

/** Requests per second over time. Every shape is a rate; arrivals are drawn from it (Poisson or evenly spaced). */
export type TrafficSpec =
  | { type: 'steady'; rps: number; duration: Duration }
  /** From `fromRps` (default 0) to `toRps` in `ramp`, then held for `hold` (default 60 s). */
  | { type: 'spike'; fromRps?: number; toRps: number; ramp: Duration; hold?: Duration }
  /** 24 hourly rates (hour 0 first), linearly interpolated; `duration` defaults to 24 h from `startHour`. */
  | { type: 'daily'; hourlyRps: number[]; duration?: Duration; startHour?: number }
  /** The per-second sent counts of a saved result, times `scale` (and repeated until `duration`, when given). */
  | { type: 'result'; file: string; scale?: number; duration?: Duration }
  /** Real traffic from a CSV file (time and rate columns, see README "Capacity planning"), times `scale`. */
  | { type: 'csv'; file: string; scale?: number; duration?: Duration };

export interface PlanFunction {
  memoryMb?: number;
  architecture?: Architecture;
  /** Handler duration of a warm invocation. */
  duration: DurationSpec;
  /** INIT duration of a cold start. */
  init: DurationSpec;
  /** Memory size the durations were measured or assumed at (default `memoryMb`): other sizes scale by CPU share. */
  measuredAtMb?: number;
  /** Lambda runtime id (`python3.13`, `java21`, `nodejs22.x`): decides whether the SnapStart alternative is offered. */
  runtime?: string;
  timeout?: Duration;
  reservedConcurrency?: number;
  provisionedConcurrency?: number;
}

/** A size in KB (1 KB = 1,024 bytes): one size, or a mix of sizes with relative weights. */
export type PayloadSize = number | Array<{ sizeKb: number; weight: number }>;

/** Body sizes of the requests and of the responses. */
export interface PlanPayloadSpec {
  requestKb?: PayloadSize;
  responseKb?: PayloadSize;
}

export interface PlanRoute {
  name: string;
  function: string;
  /** Share of the traffic (relative weight; default 1). */
  share?: number;
  /** Route (method) throttle of the stage, API Gateway's token bucket. */
  throttle?: { rateRps: number; burst: number };
  /** This route's sizes (default: the plan's `payload`). */
  payload?: PlanPayloadSpec;
}

export interface PlanThresholds {
  /** p99 of all answered requests, cold starts included. */
  p99Ms?: number;
  /** Throttled or timed-out share of the requests. */
  maxErrorRate?: number;
  maxColdStartRate?: number;
}

export interface PlanSweep {
  memoryMb?: number[];
  architectures?: Architecture[];
  apiTypes?: PlanApiType[];
  provisioned?: number[];
}

export interface Plan {
  name: string;
  description?: string;
  region?: string;
  /** Seed of the arrival and duration draws (default 1): the same plan and seed give the same answer. */
  seed?: number;
  arrivals?: 'poisson' | 'uniform';
  traffic: TrafficSpec;
  /** Requests a month for the cost; default: the simulated traffic's mean rate over a 30-day month. */
  monthlyRequests?: number;
  api?: {
    type?: PlanApiType;
    stageThrottle?: { rateRps: number; burst: number };
    integrationTimeout?: Duration;
  };
  account?: {
    concurrency?: number;
    apiThrottle?: { rateRps: number; burst: number };
  };
  functions: Record<string, PlanFunction>;
  /** Request and response sizes: checked against the payload limits, and priced where AWS bills by size. */
  payload?: PlanPayloadSpec;
  /** Default: one route per function, equal shares. */
  routes?: PlanRoute[];
  thresholds?: PlanThresholds;
  sweep?: PlanSweep;
  /**
   * Setups simulated and priced beside the plan, in the shape of a scenario's `projection.alternatives`: SnapStart
   * (each cold start restores in `restoreDuration` instead of running INIT) and Lambda Managed Instances (no cold
   * start on the request path; the month's instance hours and their EC2 price).
   */
  alternatives?: CostAlternativesSpec;
  /**
   * Lambda's scaling rule: `current` (1,000 new environments per 10 s per function, since late 2023) or `pre-2023`
   * (the account's burst of 500 to 3,000 by Region, then 500 more a minute) to replay an older incident.
   */
  scalingRule?: 'current' | 'pre-2023';
  /** Idle time after which Lambda reclaims an environment (default: the assumption in src/facts/scaling.ts). */
  idleReclaim?: Duration;
}

export type ThrottleCause =
  | 'apiAccount'
  | 'apiStage'
  | 'apiRoute'
  | 'lambdaConcurrency'
  | 'lambdaScalingRate'
  | 'lambdaInvocationRate';
export const THROTTLE_CAUSES: readonly ThrottleCause[] = ['apiAccount', 'apiStage', 'apiRoute', 'lambdaConcurrency', 'lambdaScalingRate', 'lambdaInvocationRate'];

export interface PlanWarning {
  code: string;
  message: string;
}
