/**
 * What a run does differently as a shard, in one place so the composition root (src/run/run.ts) only calls it: refuse
 * a `--start-at` already past, fingerprint the scenario and split its phases, wait for the common start once the
 * target is up, watch the answers' Date headers for the clock skew, and write the result's `shard` section.
 */
import type { Sample } from '../records/sample.js';
import type { ShardInfo, Warning } from '../result/types.js';
import type { ResolvedScenario } from '../target/resolve-scenario.js';
import { createClockSkewEstimator } from './clock-skew.js';
import { scenarioHash } from './scenario-hash.js';
import { shardPhases, type ShardSpec } from './shard.js';
import { assertStartAtAhead, lateStartWarning, waitUntil } from './start-at.js';

export function prepareShardRun(scenario: ResolvedScenario, shard: ShardSpec | undefined, startAtMs: number | undefined) {
  if (startAtMs !== undefined) assertStartAtAhead(startAtMs, Date.now());
  // Hashed before the split: every shard of one scenario carries the same fingerprint.
  const hash = shard && scenarioHash(scenario);
  const skew = shard && createClockSkewEstimator();
  return {
    scenario: shard ? { ...scenario, phases: shardPhases(scenario.phases, shard) } : scenario,
    /**
     * Waits for `--start-at`, or for `gateMs` when given (a start known only once the target is up); a start already
     * past by more than a second is a warning.
     */
    async awaitStart(signal: AbortSignal | undefined, warnings: Warning[], gateMs?: number): Promise<void> {
      if (gateMs !== undefined) startAtMs = gateMs;
      if (startAtMs === undefined) return;
      const late = lateStartWarning(startAtMs, Date.now());
      if (late) warnings.push(late);
      await waitUntil(startAtMs, signal);
    },
    noteSample(sample: Sample): void {
      if (skew && sample.date !== undefined) skew.add(sample.date, sample.sentAtMs, sample.endedAtMs);
    },
    /** The result's `shard` section (none for a run that is not a shard). */
    section(): { shard?: ShardInfo } {
      if (!shard || hash === undefined) return {};
      const clockSkewMs = skew?.estimateMs();
      return {
        shard: {
          index: shard.index,
          count: shard.count,
          scenarioHash: hash,
          ...(startAtMs === undefined ? {} : { startAt: new Date(startAtMs).toISOString() }),
          ...(clockSkewMs === undefined ? {} : { clockSkewMs }),
        },
      };
    },
  };
}
