import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { createClockSkewEstimator } from '../../../src/merge/clock-skew.js';

/** Responses every 37 ms for 3 s from a server whose clock is `skewMs` behind ours, stamped to the second. */
function estimate(skewMs: number, count = 80): number | undefined {
  const estimator = createClockSkewEstimator();
  const epochOffsetMs = Date.now() - performance.now();
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const sent = t0 + i * 37;
    const ended = sent + 4;
    const serverMs = epochOffsetMs + sent + 2 - skewMs;
    estimator.add(new Date(Math.floor(serverMs / 1000) * 1000).toUTCString(), sent, ended);
  }
  return estimator.estimateMs();
}

describe('clock skew from Date headers', () => {
  it('finds the offset to within a few ms once answers straddle second boundaries', () => {
    for (const skew of [0, 5_000, -2_300, 750]) expect(Math.abs(estimate(skew)! - skew), `skew ${skew}`).toBeLessThanOrEqual(40);
  });

  it('one answer bounds it to about a second; none, no estimate; a bad header is ignored', () => {
    expect(Math.abs(estimate(3_000, 1)! - 3_000)).toBeLessThanOrEqual(505);
    const none = createClockSkewEstimator();
    expect(none.estimateMs()).toBeUndefined();
    none.add('not a date', 1, 2);
    expect(none.estimateMs()).toBeUndefined();
  });
});
