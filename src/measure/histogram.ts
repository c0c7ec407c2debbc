/**
 * HDR histograms of latencies in microseconds: fixed memory regardless of run length, 3 significant digits
 * (0.1% relative error), 1 µs to 1 h, and a compressed base64 encoding so results from several runs or workers
 * can be merged exactly later (https://hdrhistogram.github.io/HdrHistogram/).
 */
import * as hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';

export const HISTOGRAM_LOWEST_US = 1;
export const HISTOGRAM_HIGHEST_US = 3_600_000_000;
export const HISTOGRAM_SIGNIFICANT_DIGITS = 3 as const;

export type { Histogram };

export function createHistogram(): Histogram {
  return hdr.build({
    bitBucketSize: 32,
    autoResize: false,
    lowestDiscernibleValue: HISTOGRAM_LOWEST_US,
    highestTrackableValue: HISTOGRAM_HIGHEST_US,
    numberOfSignificantValueDigits: HISTOGRAM_SIGNIFICANT_DIGITS,
  });
}

/** Records a value in µs, clamped into the trackable range (a 0 µs reading is recorded as 1 µs). */
export function recordUs(histogram: Histogram, valueUs: number): void {
  const v = Math.round(valueUs);
  histogram.recordValue(v < HISTOGRAM_LOWEST_US ? HISTOGRAM_LOWEST_US : v > HISTOGRAM_HIGHEST_US ? HISTOGRAM_HIGHEST_US : v);
}

export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

export function decodeHistogram(encoded: string): Histogram {
  const decoded = hdr.decodeFromCompressedBase64(encoded, 32, false);
  const h = createHistogram();
  h.add(decoded);
  return h;
}

/** A new histogram holding the sum of the given ones (exact: same bucket layout). */
export function mergeHistograms(histograms: Iterable<Histogram>): Histogram {
  const total = createHistogram();
  for (const h of histograms) total.add(h);
  return total;
}
