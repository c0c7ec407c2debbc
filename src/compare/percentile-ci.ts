/**
 * A percentile with its confidence interval, from an HDR histogram. Distribution-free: for n samples the q-quantile
 * lies between the order statistics of rank n·q ± z·√(n·q·(1−q)) with the normal approximation's confidence (the
 * binomial interval for a quantile; e.g. Conover, "Practical Nonparametric Statistics", §3.2). Two runs differ at a
 * percentile only when their intervals do not overlap: noise that moves a percentile inside its own sampling spread
 * is not a change. The histogram's own precision (3 significant digits) widens each bound by one bucket (0.1%).
 */
import type { Histogram } from '../measure/histogram.js';

export interface PercentileEstimate {
  /** Samples behind it. */
  count: number;
  valueMs: number;
  lowMs: number;
  highMs: number;
}

/** Relative width of an HDR bucket at 3 significant digits (src/measure/histogram.ts). */
const BUCKET_PRECISION = 0.001;

/** z for a two-sided 99% interval. */
export const Z_99 = 2.576;

export function percentileWithInterval(histogram: Histogram, quantile: number, z = Z_99): PercentileEstimate | undefined {
  const n = histogram.totalCount;
  if (n === 0) return undefined;
  const spread = z * Math.sqrt(n * quantile * (1 - quantile));
  const rank = (r: number) => Math.min(n, Math.max(1, Math.round(r)));
  const at = (r: number) => histogram.getValueAtPercentile((rank(r) / n) * 100);
  const low = at(n * quantile - spread);
  const high = at(n * quantile + spread);
  return {
    count: n,
    valueMs: histogram.getValueAtPercentile(quantile * 100) / 1000,
    lowMs: (low * (1 - BUCKET_PRECISION)) / 1000,
    highMs: (high * (1 + BUCKET_PRECISION)) / 1000,
  };
}
