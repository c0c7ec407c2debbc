import { describe, expect, it } from 'vitest';
import { LambdaloadError } from '../../../src/errors.js';
import { parseShard, rateShare, shardPhases, shareOf } from '../../../src/merge/shard.js';
import { scenarioHash } from '../../../src/merge/scenario-hash.js';
import { assertStartAtAhead, parseStartAt } from '../../../src/merge/start-at.js';
import type { ResolvedPhase } from '../../../src/target/resolve-scenario.js';

const shards = (count: number) => Array.from({ length: count }, (_, i) => ({ index: i + 1, count }));

describe('the phase split', () => {
  it('gives the remainder of a count, one each, to the lowest indices', () => {
    expect(shards(3).map((s) => shareOf(10, s))).toEqual([4, 3, 3]);
    expect(shards(4).map((s) => shareOf(10, s))).toEqual([3, 3, 2, 2]);
    expect(shards(3).map((s) => shareOf(1, s))).toEqual([1, 0, 0]);
  });

  it('shares sum exactly to the scenario for every rate and shard count', () => {
    for (const count of [1, 2, 3, 5, 7, 16]) {
      for (const rate of [0, 1, 7, 10, 99, 1000, 2.5, 0.01, 33.333]) {
        const sum = shards(count).reduce((total, s) => total + Math.round(rateShare(rate, s) * 1000), 0);
        expect(sum, `${rate} over ${count}`).toBe(Math.round(rate * 1000));
      }
    }
    expect(shards(2).map((s) => rateShare(2.5, s))).toEqual([1.25, 1.25]);
    expect(shards(3).map((s) => rateShare(0.01, s))).toEqual([0.004, 0.003, 0.003]);
  });

  it('splits every open rate and closed connection count, keeping names and times; a 0-connection share pauses', () => {
    const phases: ResolvedPhase[] = [
      { type: 'constant', name: 'c', durationMs: 1000, rate: 10, arrivals: 'uniform' },
      { type: 'ramp', name: 'r', durationMs: 2000, rate: 1, rampTo: 11, arrivals: 'poisson' },
      { type: 'spike', name: 's', durationMs: 3000, rate: 5, spikeRate: 50, spikeAtMs: 1000, spikeDurationMs: 500, arrivals: 'uniform' },
      { type: 'closed', name: 'k', durationMs: 1000, connections: 2 },
      { type: 'pause', name: 'p', durationMs: 500 },
    ];
    const [one, two, three] = shards(3).map((s) => shardPhases(phases, s));
    expect(one).toEqual([
      { ...phases[0], rate: 4 },
      { ...phases[1], rate: 1, rampTo: 4 },
      { ...phases[2], rate: 2, spikeRate: 17 },
      { ...phases[3], connections: 1 },
      phases[4],
    ]);
    expect(three![1]).toEqual({ ...phases[1], rate: 0, rampTo: 3 });
    expect(three![3]).toEqual({ type: 'pause', name: 'k', durationMs: 1000 });
    expect(two!.map((p) => [p.name, p.durationMs])).toEqual(phases.map((p) => [p.name, p.durationMs]));
  });

  it('parses i/N and refuses anything else with a usage error', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1', 'a/b', '1/0', '-1/2']) {
      expect(() => parseShard(bad)).toThrow(LambdaloadError);
      expect(() => parseShard(bad)).toThrow(/expected i\/N with 1 ≤ i ≤ N/);
    }
  });
});

describe('--start-at', () => {
  it('takes epoch ms or an ISO time, and refuses a start more than a few seconds past', () => {
    expect(parseStartAt('1777636800000')).toBe(1777636800000);
    expect(parseStartAt('2026-05-01T12:00:00Z')).toBe(Date.parse('2026-05-01T12:00:00Z'));
    expect(() => parseStartAt('soon')).toThrow(/not a time/);
    expect(() => assertStartAtAhead(1_000, 3_000)).not.toThrow();
    expect(() => assertStartAtAhead(1_000, 60_000)).toThrow(/59\.0 s in the past/);
  });
});

describe('scenarioHash', () => {
  const base = { name: 'x', phases: [{ type: 'pause' as const, name: 'p', durationMs: 1 }], requests: [], target: { type: 'url' as const, url: 'http://a' } };
  it('is stable under key order and changes with what runs', () => {
    const reordered = { target: { url: 'http://a', type: 'url' as const }, requests: [], phases: [{ durationMs: 1, name: 'p', type: 'pause' as const }], name: 'x' };
    expect(scenarioHash(reordered)).toBe(scenarioHash(base));
    expect(scenarioHash({ ...base, target: { type: 'url', url: 'http://b' } })).not.toBe(scenarioHash(base));
    expect(scenarioHash({ ...base, phases: [{ type: 'pause', name: 'p', durationMs: 2 }] })).not.toBe(scenarioHash(base));
  });
});
