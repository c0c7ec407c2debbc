/**
 * Reads older result versions as the current one. v1 (lambdaload before the contract of its own) has the same
 * sections; v2 adds `kind`, the readable statistics beside each encoded histogram, and percentiles clamped to
 * [min, max] (v1 could show a p90 above the max beside it: HDR's bucket edge).
 */
import { decodeHistogram } from '../measure/histogram.js';
import { summarizeHistogram } from '../measure/stats.js';
import type { LatencyStats } from '../result/types.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function clampStats(stats: unknown): void {
  if (!isObject(stats) || typeof stats.minMs !== 'number' || typeof stats.maxMs !== 'number' || stats.count === 0) return;
  const s = stats as unknown as LatencyStats;
  for (const key of ['p50Ms', 'p90Ms', 'p99Ms', 'p999Ms'] as const) s[key] = Math.min(s.maxMs, Math.max(s.minMs, s[key]));
}

/** Clamps every LatencyStats of a `{ all, cold, warm, unknown }` map, or of a record of them. */
function clampBuckets(section: unknown): void {
  if (!isObject(section)) return;
  for (const value of Object.values(section)) {
    if (isObject(value) && 'minMs' in value) clampStats(value);
    else clampBuckets(value);
  }
}

/** A v1 result, upgraded in place to v2. */
export function migrateV1(v1: Json): Json {
  clampBuckets(v1.latency);
  clampBuckets(v1.serviceTime);
  if (isObject(v1.coldStarts)) clampStats(v1.coldStarts.initMs);
  if (Array.isArray(v1.histograms)) {
    for (const h of v1.histograms as Json[]) {
      if (isObject(h) && typeof h.encoded === 'string' && !('stats' in h)) {
        const encoded = h.encoded;
        h.stats = summarizeHistogram(decodeHistogram(encoded));
        // Keep `encoded` last, where v2 writes it.
        delete h.encoded;
        h.encoded = encoded;
      }
    }
  }
  const { schemaVersion: _, ...rest } = v1;
  return { schemaVersion: 2, kind: 'run', ...rest };
}
