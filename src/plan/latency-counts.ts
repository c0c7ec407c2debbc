/**
 * Counting latencies at tens of millions per simulated hour: HDR's own recordValue was a third of the simulator's
 * time, so the hot loop only increments a cell of a log-linear count array (HDR's layout: 1,024 linear sub-buckets
 * per power of two, i.e. 3 significant digits), and the counts are folded into a real HDR histogram once, at the end,
 * where they are encoded and summarised like every other lambdaload histogram.
 */
import { createHistogram, recordUs, type Histogram } from '../measure/histogram.js';

const SUB_BITS = 10;
const LINEAR_END = 2 << SUB_BITS; // values below this (µs) are their own cell
const CELLS = LINEAR_END + (32 - SUB_BITS - 1) * (1 << SUB_BITS);

export function createLatencyCounts(): Float64Array {
  return new Float64Array(CELLS);
}

/** Counts one latency in ms (stored at µs resolution). */
export function countLatencyMs(counts: Float64Array, ms: number): void {
  let us = (ms * 1000) >>> 0;
  if (us < 1) us = 1;
  if (us < LINEAR_END) {
    counts[us]++;
    return;
  }
  const shift = 31 - Math.clz32(us) - SUB_BITS;
  counts[LINEAR_END + (shift - 1) * (1 << SUB_BITS) + ((us >>> shift) - (1 << SUB_BITS))]++;
}

/** The counts as an HDR histogram (each cell recorded at its midpoint). */
export function toHistogram(...all: Float64Array[]): Histogram {
  const histogram = createHistogram();
  for (const counts of all) {
    for (let i = 1; i < CELLS; i++) {
      const count = counts[i];
      if (count === 0) continue;
      let value: number;
      if (i < LINEAR_END) value = i;
      else {
        const shift = Math.floor((i - LINEAR_END) / (1 << SUB_BITS)) + 1;
        const sub = ((i - LINEAR_END) % (1 << SUB_BITS)) + (1 << SUB_BITS);
        value = sub * 2 ** shift + 2 ** (shift - 1);
      }
      if (count === 1) recordUs(histogram, value);
      else histogram.recordValueWithCount(Math.min(value, 3_600_000_000), count);
    }
  }
  return histogram;
}
