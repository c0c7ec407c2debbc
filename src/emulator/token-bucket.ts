/**
 * A token bucket: refilled at `rateRps` tokens per second up to `burst` tokens, one token per admission, starting
 * full. API Gateway throttles requests with it (gateway/throttle.ts) and Lambda limits how fast a function adds
 * environments with it (lambda/concurrency.ts). Pure apart from the bucket's own state: time comes in as an argument.
 */
export interface TokenBucket {
  readonly rateRps: number;
  readonly burst: number;
  tokens: number;
  lastRefillMs: number;
}

/** A full bucket (a quiet API, or a function that has not scaled for a while, absorbs a whole burst at once). */
export function createTokenBucket(spec: { rateRps: number; burst: number }, nowMs: number): TokenBucket {
  return { rateRps: spec.rateRps, burst: spec.burst, tokens: spec.burst, lastRefillMs: nowMs };
}

/** Takes one token if there is one; false when the bucket is empty. */
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
