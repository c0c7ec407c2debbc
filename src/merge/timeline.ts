/**
 * Shards' timelines on one wall clock: each shard's second 0 is its `timing.startedAt`, so second s of a shard lands
 * at round((startedAt − earliest startedAt) / 1 s) + s of the merged timeline. Counts (sent, completed, errors, cold
 * starts, in flight at the end of the second) add exactly when the shards started together (`--start-at`). The
 * per-second percentiles cannot: a run keeps no per-second histogram, so each is the highest of the shards' in that
 * second (an upper bound), and the merged result's TIMELINE_PERCENTILES_BOUND warning says so.
 */
import type { TimelineSecond } from '../result/measurements.js';

export interface ShardTimeline {
  startedAtMs: number;
  timeline: readonly TimelineSecond[];
}

export function mergeTimelines(shards: readonly ShardTimeline[]): TimelineSecond[] {
  if (shards.length === 0) return [];
  const t0 = Math.min(...shards.map((s) => s.startedAtMs));
  const out: TimelineSecond[] = [];
  const slot = (second: number): TimelineSecond => {
    for (let s = out.length; s <= second; s++) {
      out.push({ second: s, sent: 0, completed: 0, errors: { '4xx': 0, '5xx': 0, network: 0, expectation: 0 }, inFlight: 0, coldStarts: 0, p50Ms: 0, p99Ms: 0 });
    }
    return out[second]!;
  };
  for (const shard of shards) {
    const offset = Math.round((shard.startedAtMs - t0) / 1000);
    for (const s of shard.timeline) {
      const into = slot(s.second + offset);
      into.sent += s.sent;
      into.completed += s.completed;
      into.errors['4xx'] += s.errors['4xx'];
      into.errors['5xx'] += s.errors['5xx'];
      into.errors.network += s.errors.network;
      into.errors.expectation += s.errors.expectation;
      into.inFlight += s.inFlight;
      into.coldStarts += s.coldStarts;
      into.p50Ms = Math.max(into.p50Ms, s.p50Ms);
      into.p99Ms = Math.max(into.p99Ms, s.p99Ms);
    }
  }
  return out;
}
