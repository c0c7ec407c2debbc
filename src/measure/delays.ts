/**
 * The engine's two delays before an open-model send (engine/counters.ts), generator lag and connection wait, kept as
 * HDR histograms of µs in the latency histograms' layout (histogram.ts): their summaries as the result gives them,
 * and the sum of encoded ones, which lets a merge give exact percentiles instead of the highest shard's.
 */
import { decodeHistogram, mergeHistograms, type Histogram } from './histogram.js';

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
