/**
 * Billed Duration of one invocation, as Lambda computes it for the REPORT line:
 * - 1 ms granularity, rounded up: ceil(Duration) (aws-facts §1.3, What's New 2020-12-01; 79.67 → 80, 0.99 → 1);
 * - since 2025-08-01 the INIT phase of an on-demand cold start is billed too: ceil(Duration + Init Duration)
 *   (aws-facts §1.7, AWS Compute Blog 2025-04-29: 250.06 + 100.77 → 351);
 * - provisioned-concurrency environments pay for their INIT through the provisioned charge, so it is not added
 *   (aws-facts §1.7).
 * Pure.
 */

export interface BilledDurationInput {
  durationMs: number;
  /** Init Duration of this invocation's environment, when this invocation was its (on-demand) cold start. */
  initMs?: number;
  provisioned: boolean;
}

export function computeBilledMs(input: BilledDurationInput): number {
  const initMs = input.provisioned || input.initMs === undefined ? 0 : input.initMs;
  // Round each term to the 2 decimals the REPORT line shows first, so the printed line checks out by hand
  // (80.000001 ms would otherwise print `Duration: 80.00 ms  Billed Duration: 81 ms`).
  return Math.max(1, Math.ceil(round2(input.durationMs) + round2(initMs) - 1e-9));
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
