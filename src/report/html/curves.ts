/**
 * Latency percentile curves from the result's encoded HDR histograms: cold, warm and unknown apart, merged over
 * phases, requests and status classes. The x axis is the "nines" of the percentile, −log10(1 − q): 1 is p90, 2 is
 * p99, 3 is p99.9, the usual HdrHistogram percentile plot (https://hdrhistogram.github.io/HdrHistogram/plotFiles.html),
 * where the tail gets as much room as the median. A fixed number of points per curve: the page's size does not grow
 * with the run's length.
 */
import { decodeHistogram, mergeHistograms, type Histogram } from '../../measure/histogram.js';

export interface EncodedLatency {
  start: string;
  encoded: string;
}

export interface PercentileCurve {
  label: string;
  count: number;
  /** Latency in ms at each x of `PercentileCurves.nines`; null past the samples' resolution (fewer than 1/(1 − q)). */
  valuesMs: Array<number | null>;
}

export interface PercentileCurves {
  /** −log10(1 − q) at each point. */
  nines: number[];
  curves: PercentileCurve[];
}

/** Points per curve and the deepest percentile drawn (4 nines: p99.99). */
const STEPS_PER_NINE = 20;
const MAX_NINES = 4;
const ORDER = ['warm', 'cold', 'unknown'];

export function buildPercentileCurves(histograms: readonly EncodedLatency[]): PercentileCurves {
  const byStart = new Map<string, Histogram[]>();
  for (const h of histograms) {
    const list = byStart.get(h.start) ?? [];
    list.push(decodeHistogram(h.encoded));
    byStart.set(h.start, list);
  }
  const nines = Array.from({ length: STEPS_PER_NINE * MAX_NINES + 1 }, (_, i) => i / STEPS_PER_NINE);
  const starts = [...byStart.keys()].sort((a, b) => rank(a) - rank(b));
  const curves: PercentileCurve[] = [];
  for (const start of starts) {
    const merged = mergeHistograms(byStart.get(start)!);
    const count = merged.totalCount;
    if (count === 0) continue;
    const valuesMs = nines.map((x) => {
      // Beyond 1/(1 − q) samples the percentile is just the maximum again: stop the curve there instead.
      if (10 ** x > count * 10 && x > 0) return null;
      const percentile = Math.min(100, 100 * (1 - 10 ** -x));
      return merged.getValueAtPercentile(percentile) / 1000;
    });
    curves.push({ label: start, count, valuesMs });
  }
  return { nines, curves };
}

function rank(start: string): number {
  const i = ORDER.indexOf(start);
  return i === -1 ? ORDER.length : i;
}
