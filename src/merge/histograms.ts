/**
 * The exact part of a merge: each shard's encoded HDR histograms are decoded and added per metric × key (phase,
 * request, start, status class); the same bucket layout makes the sum exactly the histogram one process recording
 * every sample would have built. Every LatencyStats section the keys allow (latency overall, by request, by phase;
 * service time overall, by request) is then recomputed from the merged histograms, never averaged.
 *
 * One detail keeps them equal to the one-process figures: an encoded histogram keeps bucket counts, not the exact
 * minimum and maximum a live one tracks (decoded, they become their buckets' edges). Each shard's per-key `stats`
 * carry the exact ones, so the merged minimum and maximum are taken from those, and percentiles are clamped into
 * them as summarizeHistogram does.
 */
import { decodeHistogram, encodeHistogram, mergeHistograms, type Histogram } from '../measure/histogram.js';
import { summarizeHistogram } from '../measure/stats.js';
import type { EncodedHistogram, HistogramKey, LatencyStats, Measurements, StartBuckets, StartLabel } from '../result/measurements.js';

interface MergedCell {
  metric: EncodedHistogram['metric'];
  key: HistogramKey;
  histogram: Histogram;
  /** Exact bounds of the recorded values, ms (from the shards' stats). */
  minMs: number;
  maxMs: number;
}

const STARTS: readonly StartLabel[] = ['cold', 'warm', 'unknown'];

/** Adds the histograms of every shard, per metric and key; first-seen order. */
export function mergeEncodedHistograms(sets: ReadonlyArray<readonly EncodedHistogram[]>): MergedCell[] {
  const cells = new Map<string, MergedCell>();
  for (const set of sets) {
    for (const h of set) {
      const id = JSON.stringify([h.metric, h.key.phase, h.key.request, h.key.start, h.key.statusClass]);
      if (h.stats.count === 0) continue;
      const decoded = decodeHistogram(h.encoded);
      const cell = cells.get(id);
      if (cell) {
        cell.histogram.add(decoded);
        cell.minMs = Math.min(cell.minMs, h.stats.minMs);
        cell.maxMs = Math.max(cell.maxMs, h.stats.maxMs);
      } else cells.set(id, { metric: h.metric, key: { ...h.key }, histogram: decoded, minMs: h.stats.minMs, maxMs: h.stats.maxMs });
    }
  }
  return [...cells.values()];
}

/** Statistics of cells: summarizeHistogram's, with the exact bounds (see the module comment). */
export function statsOf(cells: readonly MergedCell[]): LatencyStats {
  const stats = summarizeHistogram(mergeHistograms(cells.map((c) => c.histogram)));
  if (stats.count === 0) return stats;
  const minMs = Math.min(...cells.map((c) => c.minMs));
  const maxMs = Math.max(...cells.map((c) => c.maxMs));
  const clamp = (v: number) => Math.min(maxMs, Math.max(minMs, v));
  return { ...stats, minMs, maxMs, p50Ms: clamp(stats.p50Ms), p90Ms: clamp(stats.p90Ms), p99Ms: clamp(stats.p99Ms), p999Ms: clamp(stats.p999Ms) };
}

/** Statistics of the cells `select` picks, per start label. */
function bucketsOf(cells: readonly MergedCell[], metric: MergedCell['metric'], select: (key: HistogramKey) => boolean): StartBuckets {
  const chosen = cells.filter((c) => c.metric === metric && select(c.key));
  const stats = (start?: StartLabel) => statsOf(chosen.filter((c) => start === undefined || c.key.start === start));
  const [cold, warm, unknown] = STARTS.map(stats) as [ReturnType<typeof stats>, ReturnType<typeof stats>, ReturnType<typeof stats>];
  return { all: stats(), cold, warm, unknown };
}

function byName(cells: readonly MergedCell[], metric: MergedCell['metric'], field: 'phase' | 'request', names: readonly string[]): Record<string, StartBuckets> {
  return Object.fromEntries(names.map((name) => [name, bucketsOf(cells, metric, (k) => k[field] === name)]));
}

/** The histogram sections of the merged result: re-encoded histograms with fresh stats, and every LatencyStats section. */
export function histogramSections(
  sets: ReadonlyArray<readonly EncodedHistogram[]>,
  names: { phases: readonly string[]; requests: readonly string[] },
): Pick<Measurements, 'latency' | 'serviceTime' | 'histograms'> {
  const cells = mergeEncodedHistograms(sets);
  return {
    latency: {
      overall: bucketsOf(cells, 'latency', () => true),
      byRequest: byName(cells, 'latency', 'request', names.requests),
      byPhase: byName(cells, 'latency', 'phase', names.phases),
    },
    serviceTime: { overall: bucketsOf(cells, 'service', () => true), byRequest: byName(cells, 'service', 'request', names.requests) },
    histograms: cells.map((c) => ({ metric: c.metric, key: c.key, stats: statsOf([c]), encoded: encodeHistogram(c.histogram) })),
  };
}
