/**
 * Latency statistics of one histogram bucket, in milliseconds. Every bucket in a result has exactly these keys,
 * so scripts can read any of them without knowing the rest of the result.
 */
import type { Histogram } from './histogram.js';

export interface LatencyStats {
  count: number;
  minMs: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

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
  return {
    count,
    minMs: usToMs(histogram.minNonZeroValue),
    meanMs: Math.round(histogram.mean) / 1000,
    p50Ms: usToMs(histogram.getValueAtPercentile(50)),
    p90Ms: usToMs(histogram.getValueAtPercentile(90)),
    p99Ms: usToMs(histogram.getValueAtPercentile(99)),
    p999Ms: usToMs(histogram.getValueAtPercentile(99.9)),
    maxMs: usToMs(histogram.maxValue),
  };
}
