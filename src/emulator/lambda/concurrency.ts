/**
 * Lambda's concurrency rules, as pure checks over counts (aws-facts §3.1, Lambda quotas 2026 and `scaling-behavior`):
 * - account concurrency (default 1,000 per Region) is shared by all functions; a function with reserved
 *   concurrency owns that many and may use no more; the others share what is left unreserved;
 * - provisioned environments count against their function's concurrency (and so the account's) for as long as
 *   they exist, busy or idle; an on-demand environment counts while it serves (or initialises for) a request;
 * - scaling rate: "for each function, 1,000 execution environments every 10 seconds", refilled continuously and
 *   never accrued beyond 1,000 (scaling-behavior doc, "Lambda makes a best attempt to refill your concurrency
 *   scaling rate continuously over time … doesn't accrue unused portions"): a token bucket of 1,000 refilled at
 *   100 per second, one token per new on-demand environment.
 * Throttle reasons are the `ThrottleReason` values of `TooManyRequestsException` (aws-facts §4.3).
 */
import { QUOTAS } from '../../facts/quotas.js';
import { createTokenBucket, takeToken, type TokenBucket } from '../token-bucket.js';

export const THROTTLE_REASONS = {
  reserved: 'ReservedFunctionConcurrentInvocationLimitExceeded',
  account: 'ConcurrentInvocationLimitExceeded',
  /**
   * ⚠ AWS documents a 429 when requests arrive faster than the scaling rate but not which Reason it carries;
   * this one is the closest of the enum values (aws-facts §4.3).
   */
  scalingRate: 'FunctionInvocationRateLimitExceeded',
} as const;
export type ThrottleReason = (typeof THROTTLE_REASONS)[keyof typeof THROTTLE_REASONS];

/** The scaling-rate quota (new environments per 10 s per function) as a token bucket's burst and refill. */
export const SCALING_RATE = { burst: QUOTAS.scalingRate.value, refillPerSecond: QUOTAS.scalingRate.value / 10 } as const;

export interface AdmissionInput {
  /** The function's reserved concurrency, when set. */
  reservedConcurrency?: number;
  /** Concurrency the function uses now: its provisioned environments plus its busy on-demand ones. */
  functionInUse: number;
  /** Concurrency used now by all functions without reserved concurrency. */
  unreservedInUse: number;
  /** Account concurrency minus the sum of every reserved concurrency. */
  unreservedCapacity: number;
}

/**
 * Whether one more concurrent execution is allowed for the function (one that an idle provisioned environment
 * cannot absorb). Returns the throttle reason, or `undefined` when admitted.
 */
export function checkAdmission(input: AdmissionInput): ThrottleReason | undefined {
  if (input.reservedConcurrency !== undefined) {
    return input.functionInUse >= input.reservedConcurrency ? THROTTLE_REASONS.reserved : undefined;
  }
  return input.unreservedInUse >= input.unreservedCapacity ? THROTTLE_REASONS.account : undefined;
}

/** Account concurrency left for functions without reserved concurrency. */
export function unreservedCapacity(accountConcurrency: number, reserved: readonly (number | undefined)[]): number {
  let total = 0;
  for (const value of reserved) total += value ?? 0;
  return Math.max(0, accountConcurrency - total);
}

export type ScalingBucket = TokenBucket;

export function createScalingBucket(nowMs: number): ScalingBucket {
  return createTokenBucket({ rateRps: SCALING_RATE.refillPerSecond, burst: SCALING_RATE.burst }, nowMs);
}

/** Takes a token for one new environment; false when the function is scaling faster than Lambda allows. */
export const takeScalingToken: (bucket: ScalingBucket, nowMs: number) => boolean = takeToken;
