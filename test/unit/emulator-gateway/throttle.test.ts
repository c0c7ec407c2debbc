import { describe, expect, it } from 'vitest';
import { admitRequest, createTokenBucket, takeToken } from '../../../src/emulator/gateway/throttle.js';

describe('token bucket', () => {
  it('starts full: a quiet API absorbs a whole burst at once, then throttles', () => {
    const bucket = createTokenBucket({ rateRps: 10, burst: 5 }, 0);
    const admitted = Array.from({ length: 8 }, () => takeToken(bucket, 0));
    expect(admitted).toEqual([true, true, true, true, true, false, false, false]);
  });

  it('refills at rateRps: 10 rps gives one token every 100 ms', () => {
    const bucket = createTokenBucket({ rateRps: 10, burst: 1 }, 0);
    expect(takeToken(bucket, 0)).toBe(true);
    expect(takeToken(bucket, 50)).toBe(false);
    expect(takeToken(bucket, 100)).toBe(true);
    expect(takeToken(bucket, 199)).toBe(false);
    expect(takeToken(bucket, 200)).toBe(true);
  });

  it('never holds more than burst tokens after a long idle time', () => {
    const bucket = createTokenBucket({ rateRps: 1000, burst: 3 }, 0);
    for (let i = 0; i < 3; i++) takeToken(bucket, 0);
    const admitted = Array.from({ length: 5 }, () => takeToken(bucket, 60_000));
    expect(admitted.filter(Boolean)).toHaveLength(3);
  });

  it('sustains exactly the rate over time', () => {
    const bucket = createTokenBucket({ rateRps: 100, burst: 1 }, 0);
    let admitted = 0;
    // 1,000 requests per second offered for 10 s, one every millisecond.
    for (let t = 0; t < 10_000; t++) if (takeToken(bucket, t)) admitted++;
    expect(admitted).toBeGreaterThanOrEqual(1000);
    expect(admitted).toBeLessThanOrEqual(1001);
  });

  it('burst 0 throttles everything', () => {
    const bucket = createTokenBucket({ rateRps: 100, burst: 0 }, 0);
    expect(takeToken(bucket, 0)).toBe(false);
    expect(takeToken(bucket, 10_000)).toBe(false);
  });

  it('checks levels in order and needs a token from each', () => {
    const route = createTokenBucket({ rateRps: 1, burst: 2 }, 0);
    const stage = createTokenBucket({ rateRps: 1, burst: 1 }, 0);
    expect(admitRequest([route, undefined, stage], 0)).toBe(true);
    // The stage is empty now: the second request is throttled even though the route had a token.
    expect(admitRequest([route, undefined, stage], 0)).toBe(false);
    expect(route.tokens).toBe(0);
    // The route is empty: the stage bucket is not touched.
    const stageBefore = stage.tokens;
    expect(admitRequest([route, stage], 0)).toBe(false);
    expect(stage.tokens).toBe(stageBefore);
  });
});
