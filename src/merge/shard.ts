/**
 * `--shard i/N`: one of N processes (or machines) running a share of every phase, aligned to a common start, so
 * that `lambdaload merge` can add their results back into the scenario's run. Indices are 1-based (`1/3`, `2/3`,
 * `3/3`), as in test-runner sharding.
 *
 * The split is exact: the N shares of a rate (open model) or a connection count (closed model) sum to the
 * scenario's. A count that does not divide gives its remainder, one unit each, to the lowest indices (10 req/s over
 * 3 shards: 4, 3, 3). A rate with a fractional part is split the same way in thousandths of a request per second
 * (2.5 over 2: 1.25, 1.25; 0.01 over 3: 0.004, 0.003, 0.003). Shard 1 therefore always holds the largest share.
 * A closed phase whose share is 0 connections becomes a pause of the same name and length: the shard stays aligned.
 */
import { LambdaloadError } from '../errors.js';
import type { ResolvedPhase } from '../target/resolve-scenario.js';

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parses `i/N` (1 ≤ i ≤ N). */
export function parseShard(text: string): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new LambdaloadError('USAGE', `--shard ${JSON.stringify(text)}: expected i/N with 1 ≤ i ≤ N, e.g. 1/3`, {
      hint: 'Run N processes with --shard 1/N … N/N and the same --start-at, then `lambdaload merge` their results.',
    });
  }
  return { index, count };
}

/** The share of `total` units for shard `index` of `count`: floor(total / count), plus 1 for the lowest remainder indices. */
export function shareOf(total: number, shard: ShardSpec): number {
  const base = Math.floor(total / shard.count);
  return base + (shard.index <= total % shard.count ? 1 : 0);
}

/** A rate's share: whole requests per second when the rate is whole, else thousandths (see the module comment). */
export function rateShare(rate: number, shard: ShardSpec): number {
  if (Number.isInteger(rate)) return shareOf(rate, shard);
  return shareOf(Math.round(rate * 1000), shard) / 1000;
}

/** The phases this shard drives: every rate and connection count replaced by its share; names and times unchanged. */
export function shardPhases(phases: readonly ResolvedPhase[], shard: ShardSpec): ResolvedPhase[] {
  return phases.map((phase): ResolvedPhase => {
    switch (phase.type) {
      case 'constant':
        return { ...phase, rate: rateShare(phase.rate, shard) };
      case 'ramp':
        return { ...phase, rate: rateShare(phase.rate, shard), rampTo: rateShare(phase.rampTo, shard) };
      case 'spike':
        return { ...phase, rate: rateShare(phase.rate, shard), spikeRate: rateShare(phase.spikeRate, shard) };
      case 'closed': {
        const connections = shareOf(phase.connections, shard);
        return connections > 0 ? { ...phase, connections } : { type: 'pause', name: phase.name, durationMs: phase.durationMs };
      }
      case 'pause':
        return phase;
    }
  });
}
