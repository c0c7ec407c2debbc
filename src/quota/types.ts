/**
 * The quota room's contracts: what a run (or a plan) measured, as plain data with units in the names, and the
 * findings the checks return. Every field is optional: a check without its data is skipped, never guessed.
 */
import type { QuotaFinding } from '../result/quota.js';

export type QuotaSeverity = 'ok' | 'info' | 'warning' | 'critical';

export type { QuotaFinding };

/** One function as configured, with what the run measured of it. */
export interface QuotaFunctionInput {
  name: string;
  memoryMb: number;
  timeoutMs: number;
  reservedConcurrency?: number;
  provisionedConcurrency?: number;
  /** Highest REPORT Max Memory Used of any invocation, in MB. */
  maxMemoryUsedMb?: number;
  /** Longest function Duration measured (REPORT Duration), in ms. */
  maxDurationMs?: number;
  /** Longest INIT measured, in ms. */
  maxInitMs?: number;
  /** Mean function duration, in ms (for Little's law). */
  meanDurationMs?: number;
  /** Most invocations of this function in flight at once, measured. */
  peakConcurrency?: number;
  /** Most new environments (cold starts) of this function started within any 10 s, measured. */
  maxNewEnvironmentsPer10s?: number;
  /** Expected peak invocation rate of this function in production, in req/s. */
  projectedPeakRps?: number;
}

export interface QuotaInput {
  /** AWS Region; selects the API Gateway default throttle (lower in newer Regions). */
  region?: string;
  apiType?: 'rest' | 'http';
  /** Your account's concurrency limit when raised above the documented default. */
  accountConcurrency?: number;
  /** Your account's API Gateway throttle when raised. */
  apiThrottle?: { rateRps: number; burst: number };
  /** Integration timeout configured, in ms. Default: the API type's maximum (REST 29 s, HTTP API 30 s). */
  integrationTimeoutMs?: number;
  functions?: QuotaFunctionInput[];
  traffic?: {
    /** Most invocations in flight at once across all functions, measured (account level). */
    peakConcurrency?: number;
    /** Highest request rate measured over 1 s, in req/s. */
    peakRps?: number;
    /** The densest window measured: `requests` arrived within `windowMs` (for the token-bucket burst). */
    peakWindow?: { windowMs: number; requests: number };
    /** Expected production peak, in req/s. */
    projectedPeakRps?: number;
    /** Mean function duration per request, in ms (Little's law at account level). */
    meanDurationMs?: number;
    /** The steepest ramp the traffic needs: from `fromRps` to `toRps` over `durationMs`. */
    ramp?: { fromRps: number; toRps: number; durationMs: number };
  };
  /** End-to-end latency tail measured by the client, in ms. */
  latency?: { p999Ms?: number; maxMs?: number };
  /** Largest request and response bodies measured, in bytes. */
  payload?: { maxRequestBytes?: number; maxResponseBytes?: number };
}
