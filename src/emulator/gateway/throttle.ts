/**
 * API Gateway's throttle: a token bucket per level, refilled at `rateRps` tokens per second up to `burst` tokens,
 * one token per request (aws-facts §3.2: "10,000 requests per second (RPS) with an additional burst capacity
 * provided by the token bucket algorithm, using a maximum bucket capacity of 5,000 requests").
 * Levels are checked in AWS's order, most specific first: route (method) → stage → account (aws-facts §3.2
 * "Throttling evaluation order"); a request needs a token from every level.
 * Pure apart from the bucket's own state: time comes in as an argument.
 */
import type { ThrottleSpec } from '../../scenario/types.js';

export interface TokenBucket {
  readonly rateRps: number;
  readonly burst: number;
  tokens: number;
  lastRefillMs: number;
}

/** A full bucket (AWS lets a quiet API absorb a whole burst at once). */
export function createTokenBucket(spec: ThrottleSpec, nowMs: number): TokenBucket {
  return { rateRps: spec.rateRps, burst: spec.burst, tokens: spec.burst, lastRefillMs: nowMs };
}

/** Takes one token if there is one; returns false when the request must be throttled (429). */
export function takeToken(bucket: TokenBucket, nowMs: number): boolean {
  const elapsedMs = nowMs - bucket.lastRefillMs;
  if (elapsedMs > 0) {
    bucket.tokens = Math.min(bucket.burst, bucket.tokens + (elapsedMs * bucket.rateRps) / 1000);
    bucket.lastRefillMs = nowMs;
  }
  // The epsilon absorbs float drift: ten refills of 0.1 token must make one whole token.
  if (bucket.tokens < 1 - 1e-9) return false;
  bucket.tokens -= 1;
  return true;
}

/** Checks the levels in order and stops at the first empty one (tokens already taken from earlier levels stay taken). */
export function admitRequest(buckets: readonly (TokenBucket | undefined)[], nowMs: number): boolean {
  for (const bucket of buckets) if (bucket && !takeToken(bucket, nowMs)) return false;
  return true;
}
