/**
 * API Gateway's throttle: a token bucket per level, refilled at `rateRps` tokens per second up to `burst` tokens,
 * one token per request (aws-facts §3.2: "10,000 requests per second (RPS) with an additional burst capacity
 * provided by the token bucket algorithm, using a maximum bucket capacity of 5,000 requests").
 * Levels are checked in AWS's order, most specific first: route (method) → stage → account (aws-facts §3.2
 * "Throttling evaluation order"); a request needs a token from every level.
 * The bucket itself is shared with Lambda's scaling limit (`../token-bucket.ts`).
 */
import { takeToken, type TokenBucket } from '../token-bucket.js';

export { createTokenBucket, takeToken, type TokenBucket } from '../token-bucket.js';

/** Checks the levels in order and stops at the first empty one (tokens already taken from earlier levels stay taken). */
export function admitRequest(buckets: readonly (TokenBucket | undefined)[], nowMs: number): boolean {
  for (const bucket of buckets) if (bucket && !takeToken(bucket, nowMs)) return false;
  return true;
}
