/** Billed Duration against AWS's published examples (aws-facts §1.3, §1.7; coldstarts.md §3). */
import { describe, expect, it } from 'vitest';
import { computeBilledMs } from '../../../src/emulator/lambda/billed-duration.js';

describe('computeBilledMs', () => {
  it.each([
    { durationMs: 79.67, billed: 80 },
    { durationMs: 26.73, billed: 27 },
    { durationMs: 0.99, billed: 1 },
    { durationMs: 27.55, billed: 28 },
    { durationMs: 80, billed: 80 },
  ])('rounds $durationMs ms up to $billed ms (1 ms granularity)', ({ durationMs, billed }) => {
    expect(computeBilledMs({ durationMs, provisioned: false })).toBe(billed);
  });

  it('adds INIT on an on-demand cold start (billed since 2025-08-01)', () => {
    expect(computeBilledMs({ durationMs: 250.06, initMs: 100.77, provisioned: false })).toBe(351);
    expect(computeBilledMs({ durationMs: 3016.78, initMs: 84.0, provisioned: false })).toBe(3101);
  });

  it('does not add INIT for provisioned environments, which pay for it through provisioned concurrency', () => {
    expect(computeBilledMs({ durationMs: 250.06, initMs: 100.77, provisioned: true })).toBe(251);
  });

  it('stays consistent with the 2-decimal figures the REPORT line prints', () => {
    // 80.000001 prints as 80.00 ms: billing 81 ms would contradict the line.
    expect(computeBilledMs({ durationMs: 80.000001, provisioned: false })).toBe(80);
    expect(computeBilledMs({ durationMs: 80.004, provisioned: false })).toBe(80);
    expect(computeBilledMs({ durationMs: 80.006, provisioned: false })).toBe(81);
  });
});
