/** Latency statistics of one histogram bucket, in milliseconds (the result contract's LatencyStats). */
import type { LatencyStats } from '../result/measurements.js';
import type { Histogram } from './histogram.js';

export type { LatencyStats };

export const EMPTY_STATS: LatencyStats = Object.freeze({
  count: 0,
  minMs: 0,
  meanMs: 0,
  p50Ms: 0,
  p90Ms: 0,
  p99Ms: 0,
  p999Ms: 0,
  maxMs: 0,
});

const usToMs = (us: number): number => Math.round(us) / 1000;

/**
 * Percentiles are HDR's "value at percentile": the highest value equivalent to the value below which the given
 * percentage of recorded values fall (nearest-rank on the bucket grid; 0.1% relative error at 3 digits).
 */
export function summarizeHistogram(histogram: Histogram): LatencyStats {
  const count = histogram.totalCount;
  if (count === 0) return { ...EMPTY_STATS };
  const minMs = usToMs(histogram.minNonZeroValue);
  const maxMs = usToMs(histogram.maxValue);
  // A bucket's highest equivalent value can pass the exact maximum (or, at 0.1% precision, sit below the minimum):
  // a percentile is shown within [min, max], where it truly lies.
  const at = (percentile: number): number => Math.min(maxMs, Math.max(minMs, usToMs(histogram.getValueAtPercentile(percentile))));
  return {
    count,
    minMs,
    meanMs: Math.round(histogram.mean) / 1000,
    p50Ms: at(50),
    p90Ms: at(90),
    p99Ms: at(99),
    p999Ms: at(99.9),
    maxMs,
  };
}
