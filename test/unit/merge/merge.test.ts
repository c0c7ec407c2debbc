import { describe, expect, it } from 'vitest';
import { DriveCounters } from '../../../src/engine/counters.js';
import { mergeShards } from '../../../src/merge/merge.js';
import { resultProblems } from '../../../src/result/validate.js';
import type { ThresholdResult } from '../../../src/result/types.js';
import { measure, samples, shardResult } from './fixtures.js';

const a = samples(400, 1);
const b = samples(300, 2);
const c = samples(5, 3);
const shardA = shardResult(a, { shard: { index: 1, count: 3 } });
const shardB = shardResult(b, { shard: { index: 2, count: 3 } });
const shardC = shardResult(c, { shard: { index: 3, count: 3 } });
const merged = mergeShards([
  { file: 'b.json', result: shardB },
  { file: 'a.json', result: shardA },
  { file: 'c.json', result: shardC },
]);
// One process that saw every sample: what the merge must equal.
const reference = measure([...a, ...b, ...c]);

describe('mergeShards', () => {
  it('is a valid result, marked merged (shard absent), files in shard order', () => {
    expect(resultProblems(merged)).toEqual([]);
    expect(merged.shard).toBeUndefined();
    expect(merged.merged).toEqual({ shards: 3, of: 3, partial: false, files: ['a.json', 'b.json', 'c.json'] });
  });

  it('sums every counter exactly', () => {
    expect(merged.requests).toEqual(reference.requests);
    expect(merged.requests.completed).toBe(705);
    expect(merged.statusCodes).toEqual(reference.statusCodes);
    expect(merged.labelSources).toEqual(reference.labelSources);
    expect(merged.coldStarts.count).toBe(reference.coldStarts.count);
    expect(merged.coldStarts.rate).toBe(reference.coldStarts.rate);
    expect(merged.engine.sent).toBe(705);
    expect(merged.engine.lateSends).toBe(3);
  });

  it('adds the histograms exactly: every latency section equals the one-process reference', () => {
    expect(merged.latency).toEqual(reference.latency);
    expect(merged.serviceTime).toEqual(reference.serviceTime);
    const key = (h: { metric: string; key: object }) => JSON.stringify([h.metric, h.key]);
    const refByKey = new Map(reference.histograms.map((h) => [key(h), h.stats]));
    expect(merged.histograms).toHaveLength(reference.histograms.length);
    for (const h of merged.histograms) expect(h.stats).toEqual(refByKey.get(key(h)));
  });

  it('unites error kinds with their counts summed, most frequent first', () => {
    expect(merged.errorKinds.requests.map((k) => [k.request, k.kind, k.count])).toEqual(reference.errorKinds.requests.map((k) => [k.request, k.kind, k.count]));
    const twoKinds = mergeShards([
      { file: '1', result: { ...shardA, errorKinds: { requests: [{ request: 'r', source: 'http', kind: 'HTTP 404', status: 404, example: 'x', count: 2 }], functions: [], otherCount: 1 } } },
      { file: '2', result: { ...shardB, errorKinds: { requests: [{ request: 'r', source: 'client', kind: 'ECONNRESET', example: 'y', count: 3 }, { request: 'r', source: 'http', kind: 'HTTP 404', status: 404, example: 'z', count: 2 }], functions: [{ function: 'f', errorType: 'TypeError', count: 1, example: 'e' }], otherCount: 2 } } },
      { file: '3', result: shardC },
    ]).errorKinds;
    expect(twoKinds.requests.map((k) => [k.kind, k.count, k.example])).toEqual([['HTTP 404', 4, 'x'], ['ECONNRESET', 3, 'y']]);
    expect(twoKinds.functions).toEqual([{ function: 'f', errorType: 'TypeError', count: 1, example: 'e' }]);
    expect(twoKinds.otherCount).toBe(3);
  });

  it('sums the timelines second by second on the wall clock; percentiles are the highest shard\'s, and said so', () => {
    expect(merged.timeline.map((s) => [s.sent, s.completed, s.errors, s.coldStarts, s.inFlight])).toEqual(reference.timeline.map((s) => [s.sent, s.completed, s.errors, s.coldStarts, s.inFlight]));
    const p99 = merged.timeline.map((s, i) => Math.max(...[shardA, shardB, shardC].map((r) => r.timeline[i]?.p99Ms ?? 0)));
    expect(merged.timeline.map((s) => s.p99Ms)).toEqual(p99);
    expect(merged.warnings.find((w) => w.code === 'MERGE_BOUNDS')?.message).toMatch(/per-second timeline percentiles/);
    // A shard that started 2 s later lands 2 s later.
    const late = mergeShards([
      { file: '1', result: shardA },
      { file: '2', result: shardResult(b, { shard: { index: 2, count: 2 }, startedAt: '2026-05-01T12:00:02.000Z' }) },
    ].map((s, i) => (i === 0 ? { ...s, result: { ...s.result, shard: { ...s.result.shard!, count: 2 } } } : s)));
    expect(late.timeline[2]!.sent).toBe(shardA.timeline[2]!.sent + shardResult(b).timeline[0]!.sent);
    expect(late.timing.durationMs).toBe(5000);
    expect(late.warnings.map((w) => w.code)).toContain('MERGE_STARTS_APART');
  });

  it('adds the phases back into the scenario\'s', () => {
    expect(merged.scenario.phases.map((p) => [p.name, p.rate, p.connections])).toEqual([['warm-up', 15, undefined], ['steady', undefined, 6]]);
  });

  it('unites warnings (one per code and message) and adds what the merge must say', () => {
    const w = { code: 'LATE_SENDS', message: 'x' };
    const m = mergeShards([
      { file: '1', result: shardResult(a, { shard: { index: 1 }, warnings: [w, { code: 'SHARD_START_LATE', message: 'late 2 s' }] }) },
      { file: '2', result: shardResult(b, { shard: { index: 2 }, warnings: [w] }) },
    ]);
    expect(m.warnings.filter((x) => x.code === 'LATE_SENDS')).toHaveLength(1);
    expect(m.warnings.map((x) => x.code)).toEqual(['LATE_SENDS', 'SHARD_START_LATE', 'MERGE_BOUNDS', 'MERGE_QUOTAS']);
    expect(m.warnings[0]).toEqual(w);
    // The same code with each shard's own numbers: both kept, each saying whose it is.
    const differ = mergeShards([
      { file: '1', result: shardResult(a, { shard: { index: 1 }, warnings: [{ code: 'LATE_SENDS', message: '3 late' }] }) },
      { file: '2', result: shardResult(b, { shard: { index: 2 }, warnings: [{ code: 'LATE_SENDS', message: '5 late' }] }) },
    ]);
    expect(differ.warnings.slice(0, 2)).toEqual([{ code: 'LATE_SENDS', message: 'shard 1/2: 3 late' }, { code: 'LATE_SENDS', message: 'shard 2/2: 5 late' }]);
  });

  it('warns when the shards\' clocks disagree by more than a second', () => {
    const skewed = (index: number, clockSkewMs: number) => ({ file: String(index), result: shardResult(a, { shard: { index, clockSkewMs } }) });
    expect(mergeShards([skewed(1, 0), skewed(2, 3000)]).warnings.map((w) => w.code)).toContain('MERGE_CLOCK_SKEW');
    expect(mergeShards([skewed(1, 0), skewed(2, 1000)]).warnings.map((w) => w.code)).not.toContain('MERGE_CLOCK_SKEW');
  });

  it('judges the thresholds again on the merged numbers', () => {
    const judged = (passed: boolean, actual: number): ThresholdResult[] => [
      { threshold: { metric: 'errorRate', max: 0.03 }, description: 'error rate ≤ 3%', actual, passed },
      { threshold: { metric: 'latency', percentile: 'max', maxMs: 1 }, description: 'max latency ≤ 1 ms', actual: 200, passed: false },
    ];
    const m = mergeShards([
      { file: '1', result: shardResult(a, { shard: { index: 1 }, thresholds: judged(false, 0.1) }) },
      { file: '2', result: shardResult(b, { shard: { index: 2 }, thresholds: judged(false, 0.1) }) },
    ]);
    const all = measure([...a, ...b]);
    expect(m.thresholds[0]!.actual).toBe(all.requests.errors / all.requests.completed);
    expect(m.thresholds[1]!.actual).toBe(all.latency.overall.all.maxMs);
    expect(m.thresholds[1]!.passed).toBe(false);
  });

  it('checks quotas again rather than keeping a shard\'s, and drops a cost it cannot price again, with a warning saying why', () => {
    const priced = { ...shardA, quotas: [{ id: 'q' } as never], shard: { ...shardA.shard!, count: 1 } };
    const m = mergeShards([{ file: '1', result: priced }]);
    expect(m.cost).toBeUndefined();
    expect(m.quotas.map((q) => q.id)).toEqual(['lambda.invocation-rate', 'lambda.payload.request', 'lambda.payload.response']);
    expect(m.warnings.find((w) => w.code === 'MERGE_QUOTAS')?.message).toMatch(/quota checks run again on the merged numbers/);
    // A url target's cost came from CloudWatch evidence: not priced again, the shards' own costs named.
    const cost = (totalUsd: number) => ({ region: 'us-east-1', run: { estimate: { totalUsd } }, comparison: { monthlyRequests: 1, rows: [], notes: [] } }) as never;
    const fromEvidence = mergeShards([
      { file: '1', result: { ...shardA, cost: cost(0.25), shard: { ...shardA.shard!, count: 2 } } },
      { file: '2', result: { ...shardB, cost: cost(0.5), shard: { ...shardB.shard!, count: 2 } } },
    ]);
    expect(fromEvidence.cost).toBeUndefined();
    expect(fromEvidence.warnings.find((w) => w.code === 'MERGE_COST_DROPPED')?.message).toMatch(/CloudWatch evidence .* add up to \$0\.750000/);
  });
});

describe('mergeShards: requests written again on a fresh connection', () => {
  it('adds the shards\' retries, and leaves the field out when none retried', () => {
    const withRetries = (result: typeof shardA, retries: number | undefined) => ({ ...result, engine: { ...result.engine, ...(retries === undefined ? {} : { retries }) } });
    const both = mergeShards([
      { file: 'a.json', result: withRetries(shardA, 4) },
      { file: 'b.json', result: withRetries(shardB, undefined) },
      { file: 'c.json', result: withRetries(shardC, 3) },
    ]);
    expect(both.engine.retries).toBe(7);
    expect(merged.engine.retries).toBeUndefined();
  });
});

describe('mergeShards: the generators\' own load', () => {
  const withLoad = (result: typeof shardA, generator: { cpuMs: number; wallMs: number; eventLoopBusy: number; processes: number } | undefined) => ({
    ...result,
    engine: { ...result.engine, ...(generator ? { generator } : {}) },
  });

  it('sums CPU time and processes, keeps the longest window and the busiest event loop', () => {
    const all = mergeShards([
      { file: 'a.json', result: withLoad(shardA, { cpuMs: 1_200, wallMs: 20_010, eventLoopBusy: 0.31, processes: 1 }) },
      { file: 'b.json', result: withLoad(shardB, { cpuMs: 900.5, wallMs: 20_050, eventLoopBusy: 0.12, processes: 1 }) },
      { file: 'c.json', result: withLoad(shardC, { cpuMs: 40, wallMs: 19_990, eventLoopBusy: 0.55, processes: 3 }) },
    ]);
    expect(all.engine.generator).toEqual({ cpuMs: 2_140.5, wallMs: 20_050, eventLoopBusy: 0.55, processes: 5 });
    expect(resultProblems(all)).toEqual([]);
  });

  it('leaves it out when a shard did not measure it (a part would pass for the whole)', () => {
    const some = mergeShards([
      { file: 'a.json', result: withLoad(shardA, { cpuMs: 1_200, wallMs: 20_010, eventLoopBusy: 0.31, processes: 1 }) },
      { file: 'b.json', result: withLoad(shardB, undefined) },
      { file: 'c.json', result: withLoad(shardC, { cpuMs: 40, wallMs: 19_990, eventLoopBusy: 0.55, processes: 1 }) },
    ]);
    expect(some.engine.generator).toBeUndefined();
  });
});

describe('mergeShards: the engine\'s send-lag and connection-wait percentiles', () => {
  /** A shard's engine as the driver's counters give it, from its own sends' delays (ms). */
  const engineOf = (lags: readonly number[], waits: readonly number[]) => {
    const counters = new DriveCounters();
    lags.forEach((lag, i) => counters.recordOpenSend(100, 100 + lag, 100 + lag + waits[i]!));
    return counters.summary(false);
  };
  const withEngine = (result: typeof shardA, engine: ReturnType<typeof engineOf> | undefined) => ({
    ...result,
    engine: engine ? { ...result.engine, ...engine, achievedRps: result.engine.achievedRps } : { ...result.engine, delayHistograms: undefined },
  });
  // Shard 1 punctual, shard 2 with a slow tail: the highest p99 of the two is far above the p99 of all sends.
  const lags1 = Array.from({ length: 990 }, (_, i) => 0.05 + (i % 10) * 0.01);
  const lags2 = Array.from({ length: 10 }, (_, i) => 5 + i);
  const waits1 = lags1.map(() => 0.002);
  const waits2 = lags2.map((_, i) => 1 + i * 0.5);

  it('are those of every send together (the delay histograms added), said exact, not the highest shard\'s', () => {
    const m = mergeShards([
      { file: 'a.json', result: withEngine(shardA, engineOf(lags1, waits1)) },
      { file: 'b.json', result: withEngine(shardB, engineOf(lags2, waits2)) },
      { file: 'c.json', result: withEngine(shardC, engineOf([], [])) },
    ]);
    const all = engineOf([...lags1, ...lags2], [...waits1, ...waits2]);
    expect(m.engine.sendLagMs).toEqual(all.sendLagMs);
    expect(m.engine.connectionWaitMs).toEqual(all.connectionWaitMs);
    // The highest shard's p99 would have been 14 ms; every send's p99 is a punctual one's.
    expect(engineOf(lags2, waits2).sendLagMs.p99).toBeGreaterThan(10);
    expect(m.engine.sendLagMs.p99).toBeLessThan(0.2);
    expect(m.engine.sendLagMs.max).toBeCloseTo(14, 1);
    expect(m.engine.delayHistograms).toEqual(all.delayHistograms);
    expect(resultProblems(m)).toEqual([]);
    const bounds = m.warnings.find((w) => w.code === 'MERGE_BOUNDS')!.message;
    expect(bounds).toContain('send-lag and connection-wait histograms');
    expect(bounds).not.toContain('the highest shard');
  });

  it('fall back to the highest shard\'s, and say so, when a shard kept no histograms (made before they were kept)', () => {
    const m = mergeShards([
      { file: 'a.json', result: withEngine(shardA, engineOf(lags1, waits1)) },
      { file: 'b.json', result: withEngine(shardB, engineOf(lags2, waits2)) },
      { file: 'c.json', result: withEngine(shardC, undefined) },
    ]);
    expect(m.engine.sendLagMs.p99).toBe(Math.max(engineOf(lags1, waits1).sendLagMs.p99, engineOf(lags2, waits2).sendLagMs.p99, shardC.engine.sendLagMs.p99));
    expect(m.engine.delayHistograms).toBeUndefined();
    expect(m.warnings.find((w) => w.code === 'MERGE_BOUNDS')!.message).toContain('the highest shard');
  });
});
