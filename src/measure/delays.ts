/**
 * The engine's two delays before an open-model send (engine/counters.ts), generator lag and connection wait, as HDR
 * histograms of µs in the latency histograms' layout (histogram.ts): their summaries as the result gives them, and
 * their encoding, which lets a merge add the shards' histograms and give exact percentiles instead of the highest.
 */
import { createHistogram, decodeHistogram, encodeHistogram, mergeHistograms, recordUs, type Histogram } from './histogram.js';

export type { Histogram };
export const createDelayHistogram = createHistogram;
export { encodeHistogram as encodeDelays };

export function recordDelayMs(histogram: Histogram, delayMs: number): void {
  recordUs(histogram, delayMs * 1000);
}

/** ms at a percentile; 0 for an empty histogram (a run without open-model sends). */
function msAt(histogram: Histogram, percentile: number): number {
  return histogram.totalCount === 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000;
}

const maxMs = (histogram: Histogram): number => (histogram.totalCount === 0 ? 0 : histogram.maxValue / 1000);

export function lagSummary(histogram: Histogram): { p50: number; p99: number; max: number } {
  return { p50: msAt(histogram, 50), p99: msAt(histogram, 99), max: maxMs(histogram) };
}

export function waitSummary(histogram: Histogram): { p50: number; p90: number; p99: number; max: number } {
  return { p50: msAt(histogram, 50), p90: msAt(histogram, 90), p99: msAt(histogram, 99), max: maxMs(histogram) };
}

/** The sum of encoded delay histograms (exact: one bucket layout). */
export function addEncodedDelays(encoded: readonly string[]): Histogram {
  return mergeHistograms(encoded.map(decodeHistogram));
}
