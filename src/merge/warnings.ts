/**
 * The merged result's warnings: the shards' own, united (one per code and message), then what the merge itself must
 * say: figures that are bounds rather than exact sums, sections dropped and why, shards missing, shards that did not
 * start together, and clocks that disagree. (Cost and quota warnings come with their own re-evaluation.)
 */
import type { RunResult, Warning } from '../result/types.js';
import { delaysExact } from './counts.js';

/** Shards' clock offsets (from the target's Date header) further apart than this are worth a warning. */
export const CLOCK_SKEW_WARN_MS = 1_000;
/** Shards whose phases began further apart than this do not add up second by second. */
export const START_SPREAD_WARN_MS = 1_000;

export function mergeWarnings(results: readonly RunResult[], facts: { count: number; missing: readonly number[]; starts: readonly number[] }): Warning[] {
  const out: Warning[] = [];
  const seen = new Set<string>();
  // A code whose message differs between shards (their own counts) says which shard each one is about.
  const messages = new Map<string, Set<string>>();
  for (const w of results.flatMap((r) => r.warnings)) messages.set(w.code, (messages.get(w.code) ?? new Set()).add(w.message));
  for (const r of results) {
    for (const w of r.warnings) {
      const id = `${w.code}\u0000${w.message}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(messages.get(w.code)!.size > 1 && r.shard ? { code: w.code, message: `shard ${r.shard.index}/${r.shard.count}: ${w.message}` } : w);
    }
  }
  if (facts.missing.length > 0) {
    out.push({
      code: 'MERGE_PARTIAL',
      message: `shard${facts.missing.length > 1 ? 's' : ''} ${facts.missing.map((i) => `${i}/${facts.count}`).join(', ')} missing (--allow-partial): every number covers only ${results.length} of ${facts.count} shards, so the load was lower than the scenario's`,
    });
  }
  const spreadMs = Math.max(...facts.starts) - Math.min(...facts.starts);
  if (spreadMs > START_SPREAD_WARN_MS) {
    out.push({
      code: 'MERGE_STARTS_APART',
      message: `the shards' phases began ${(spreadMs / 1000).toFixed(1)} s apart: their timelines are aligned on the wall clock to the nearest second, but the load they added up to was not the scenario's at any one time; give every shard the same --start-at`,
    });
  }
  const skews = results.flatMap((r) => (r.shard?.clockSkewMs === undefined ? [] : [r.shard.clockSkewMs]));
  if (skews.length > 1 && Math.max(...skews) - Math.min(...skews) > CLOCK_SKEW_WARN_MS) {
    out.push({
      code: 'MERGE_CLOCK_SKEW',
      message: `the shards' clocks disagree by about ${((Math.max(...skews) - Math.min(...skews)) / 1000).toFixed(0)} s (each against the target's Date header, 1 s resolution): a common --start-at meant different instants; sync the machines' clocks (NTP)`,
    });
  }
  const delays = delaysExact(results.map((r) => r.engine));
  out.push({
    code: 'MERGE_BOUNDS',
    message:
      `merged exactly: counts, codes, error kinds, latency and service-time histograms${delays ? ', the engine\'s send-lag and connection-wait histograms' : ''} and every percentile computed from them, invocation totals. ` +
      `Upper bounds, not exact: per-second timeline percentiles, cold-start INIT percentiles${delays ? '' : ' and the engine\'s send-lag and connection-wait percentiles (the highest shard\'s: a shard made before they were kept has no histogram of them)'}, ` +
      `and in-flight, concurrency and environment peaks (the shards' peaks added: they may not have coincided)`,
  });
  if (results.some((r) => r.evidence)) {
    out.push({ code: 'MERGE_EVIDENCE_DROPPED', message: 'CloudWatch evidence not merged: each shard read the same account-wide metrics over its own window, so adding them would count each invocation once per shard' });
  }
  return out;
}
