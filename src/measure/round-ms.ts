/**
 * Rounding a duration up to a billing granularity, shared by the invocation ledger (whole-ms keys) and the cost room
 * (Billed Duration). The noise is cleaned off the duration in ms before dividing, the same for every granularity, so
 * rounding to whole ms first changes nothing: roundUpMs(roundUpMs(d, 1), 100) === roundUpMs(d, 100), which lets saved
 * whole-ms histograms re-bill exactly (src/measure/invocation-totals.ts).
 */

/** A duration without binary noise below 1e-9 ms (116.99999999999999 → 117). */
function cleanMs(durationMs: number): number {
  return Number(durationMs.toFixed(9));
}

/** Billed Duration = duration rounded up to the granularity, e.g. 27.4 ms → 28 ms (1 ms) or 100 ms (100 ms). */
export function roundUpMs(durationMs: number, granularityMs: number): number {
  return Math.ceil(cleanMs(durationMs) / granularityMs) * granularityMs;
}
