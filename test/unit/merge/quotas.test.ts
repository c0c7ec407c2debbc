/**
 * Quotas of a merged result, checked again on the merged numbers: the same findings as the one run that sent every
 * request would have, where the figures merge exactly; the shards' peaks added (upper bounds) where they cannot,
 * and a warning that says which; shards saved without a `traffic` section leave those checks undone, named.
 */
import { describe, expect, it } from 'vitest';
import { summariseInvocations } from '../../../src/measure/invocation-facts.js';
import { totalsFromRecords } from '../../../src/measure/invocation-ledger.js';
import { mergeShards } from '../../../src/merge/merge.js';
import { mergeTraffic } from '../../../src/merge/quotas.js';
import { analyseQuotas } from '../../../src/quota/index.js';
import type { InvocationRecord } from '../../../src/records/invocation.js';
import type { EmulatorSummary, PhaseSummary, RunResult, TargetSummary } from '../../../src/result/types.js';
import type { Threshold } from '../../../src/scenario/types.js';
import type { ResolvedScenario } from '../../../src/target/resolve-scenario.js';
import { buildWorkersResult } from '../../../src/workers/workers-result.js';
import { measure, shardResult, traffic, type Labelled } from './fixtures.js';

const T0 = Date.parse('2026-05-01T12:00:00.000Z');
const PROJECTED_PEAK_RPS = 200;

const target: TargetSummary = {
  type: 'emulator',
  region: 'us-east-1',
  url: 'http://127.0.0.1:1',
  apiType: 'rest',
  accountConcurrency: 1000,
  api: { type: 'rest', integrationTimeoutMs: 29_000, accountThrottle: { rateRps: 10_000, burst: 5_000 }, stageThrottle: { rateRps: 25, burst: 5 } },
  functions: [{ name: 'fn', memoryMb: 128, timeoutMs: 3_000, architecture: 'x86_64', ephemeralStorageMb: 512, provisionedConcurrency: 0, reservedConcurrency: 50 }],
  routes: [],
  defaults: [],
};

/** The scenario's phases at `share` of its rates: 1 for the whole run, 1/2 for each of two shards. */
const phases = (share: number): PhaseSummary[] => [
  { name: 'warm-up', type: 'ramp', durationMs: 1_000, rate: 0, rampTo: 20 * share },
  { name: 'steady', type: 'constant', durationMs: 2_000, rate: 20 * share },
];

// 20 req/s for 3 s; request i goes to shard 1 + i % 2, as a shard split interleaves the arrivals.
const all = Array.from({ length: 60 }, (_, i) => i);
const sample = (i: number): Labelled => {
  const at = i * 50;
  return [
    { phaseIndex: at < 1_000 ? 0 : 1, requestIndex: i % 2, intendedAtMs: at, sentAtMs: at + 0.2, endedAtMs: at + 5 + (i % 13), status: 200, bytesSent: 100 + i, bytesReceived: 1_000 + ((i * 7) % 300) },
    i < 2 ? { start: 'cold', source: 'emulator-header', initMs: 120 + 10 * i } : { start: 'warm', source: 'emulator-header' },
  ];
};
const record = (i: number): InvocationRecord => ({
  requestId: `r${i}`,
  functionName: 'fn',
  environmentId: `e${i % 2}`,
  cold: i < 2,
  ...(i < 2 ? { initMs: 120 + 10 * i } : {}),
  provisioned: false,
  startedAtMs: T0 + i * 50 + 1,
  durationMs: 20 + (i % 5),
  billedMs: 20 + (i % 5),
  memoryMb: 128,
  maxMemoryUsedMb: 40 + (i % 9),
  outcome: 'success',
});

function emulatorOf(records: InvocationRecord[]): EmulatorSummary {
  const totals = totalsFromRecords(records);
  return { ...summariseInvocations(totals).summary, maxEnvironments: 2, totals };
}

const ofShard = (index: number) => all.filter((i) => i % 2 === index - 1);
const shard = (index: number, extra: { noTraffic?: boolean; thresholds?: RunResult['thresholds'] } = {}) => ({
  file: `shard-${index}.json`,
  result: shardResult(ofShard(index).map(sample), {
    shard: { index, count: 2 },
    target,
    phases: phases(1 / 2),
    emulator: emulatorOf(ofShard(index).map(record)),
    projectedPeakRps: PROJECTED_PEAK_RPS,
    ...extra,
  }),
});

// The one run that sent every request, checked as src/run/quotas.ts checks a run.
const whole = measure(all.map(sample));
const reference = analyseQuotas({
  region: target.region,
  target,
  phases: phases(1),
  requests: whole.requests.completed,
  serviceTime: whole.serviceTime.overall.all,
  traffic: traffic(all.map(sample), PROJECTED_PEAK_RPS),
  invocations: summariseInvocations(totalsFromRecords(all.map(record))),
});

describe('quotas of a merged result', () => {
  it('the reference run has findings of every kind the checks make', () => {
    expect(reference.findings.map((f) => f.id).sort()).toEqual([
      'apigw.integration-timeout',
      'apigw.payload.request',
      'apigw.payload.response',
      'apigw.throttle.burst',
      'apigw.throttle.measured',
      'apigw.throttle.projected',
      'lambda.concurrency.measured',
      'lambda.concurrency.projected',
      'lambda.concurrency.reserved-total',
      'lambda.concurrency.reserved.fn',
      'lambda.init.fn',
      'lambda.invocation-rate',
      'lambda.memory.fn',
      'lambda.payload.request',
      'lambda.payload.response',
      'lambda.scaling.measured.fn',
      'lambda.scaling.ramp',
      'lambda.timeout.fn',
    ]);
  });

  it('with one emulator for every shard (run --workers), equal the one run\'s findings', () => {
    const merged = mergeShards([shard(1), shard(2)], { emulator: emulatorOf(all.map(record)) });
    expect(merged.quotas).toEqual(reference.findings);
    expect(merged.traffic).toEqual(traffic(all.map(sample), PROJECTED_PEAK_RPS));
    expect(merged.warnings.find((w) => w.code === 'MERGE_QUOTAS')?.message).toMatch(/Exact: .*concurrency and new environments per 10 s from the one emulator.*Upper bounds: the peak request rate over 1 s, the densest 100 ms \(/);
  });

  it('from shards with their own emulators, equal but for peak concurrency: the shards\' peaks added', () => {
    const merged = mergeShards([shard(1), shard(2)]);
    // The account's and the function's measured concurrency: each shard's own emulator saw only its share.
    const bounded = ['lambda.concurrency.measured', 'lambda.concurrency.reserved.fn'];
    const exact = (findings: RunResult['quotas']) => findings.filter((f) => !bounded.includes(f.id));
    expect(exact(merged.quotas)).toEqual(exact(reference.findings));
    expect(exact(merged.quotas)).toHaveLength(reference.findings.length - 2);
    const peaks = [1, 2].map((i) => emulatorOf(ofShard(i).map(record)).totals!.concurrency.peak);
    const wholePeak = summariseInvocations(totalsFromRecords(all.map(record))).peakConcurrency;
    expect(peaks[0]! + peaks[1]!).toBeGreaterThan(wholePeak);
    const evidence = (findings: RunResult['quotas'], id: string) => findings.find((f) => f.id === id)!.evidence;
    expect(evidence(reference.findings, bounded[0]!)).toMatch(new RegExp(`^${wholePeak} invocations in flight`));
    expect(evidence(merged.quotas, bounded[0]!)).toMatch(new RegExp(`^${peaks[0]! + peaks[1]!} invocations in flight`));
    expect(evidence(merged.quotas, bounded[1]!)).toMatch(new RegExp(`^${peaks[0]! + peaks[1]!} in flight measured`));
    expect(merged.warnings.find((w) => w.code === 'MERGE_QUOTAS')?.message).toMatch(/Upper bounds: .*peak concurrency \(the shards' peaks added/);
  });

  it('judge the quota headroom threshold on the merged findings', () => {
    const headroom: RunResult['thresholds'] = [{ threshold: { metric: 'quotaHeadroom', maxUsedFraction: 0.5 }, description: 'every quota used ≤ 50%', actual: 0.4, passed: true }];
    const merged = mergeShards([shard(1, { thresholds: headroom }), shard(2, { thresholds: headroom })]);
    expect(merged.thresholds[0]).toMatchObject({ actual: reference.maxUsedFraction, passed: false });
    expect(reference.maxUsedFraction).toBe(PROJECTED_PEAK_RPS / 25);
  });

  it('from shards saved without a traffic section, leave the rate, burst and payload checks undone and say so', () => {
    const merged = mergeShards([shard(1), shard(2, { noTraffic: true })]);
    const ids = merged.quotas.map((f) => f.id);
    expect(ids).not.toContain('apigw.throttle.measured');
    expect(ids).not.toContain('lambda.payload.request');
    expect(ids).toContain('lambda.memory.fn');
    expect(merged.traffic).toBeUndefined();
    expect(merged.warnings.find((w) => w.code === 'MERGE_QUOTAS_PARTIAL')?.message).toMatch(/^the peak request rate, burst and payload quota checks were not made: shard 2\/2 has no traffic section/);
  });
});

describe('quotas of a run --workers result', () => {
  it('judge the quota headroom threshold on the merged findings (a worker\'s own share is not the verdict)', () => {
    const headroom: Threshold = { metric: 'quotaHeadroom', maxUsedFraction: 0.5 };
    // What the parent knows of the scenario that this step reads: its thresholds (no shared emulator, no evidence).
    const scenario = { thresholds: [headroom], implicitThresholds: [], resolvedTarget: target } as unknown as ResolvedScenario;
    const result = buildWorkersResult({ scenario, region: 'us-east-1', count: 2, results: [shard(1), shard(2)], emulator: undefined, sharedEmulator: false, abort: undefined, warnings: [] });
    expect(result.quotas).toEqual(mergeShards([shard(1), shard(2)]).quotas);
    expect(result.thresholds).toEqual([expect.objectContaining({ threshold: headroom, actual: reference.maxUsedFraction, passed: false })]);
  });
});

describe('mergeTraffic', () => {
  it('adds the peaks, keeps the largest payloads and the scenario\'s projected peak; undefined when a part lacks it', () => {
    expect(
      mergeTraffic([
        { peakRps: 10, peakWindow: { windowMs: 100, requests: 2 }, maxRequestBytes: 50, maxResponseBytes: 900, projectedPeakRps: 200 },
        { peakRps: 11, peakWindow: { windowMs: 100, requests: 1 }, maxRequestBytes: 70, maxResponseBytes: 800, projectedPeakRps: 200 },
        { maxRequestBytes: 0, maxResponseBytes: 0, projectedPeakRps: 200 },
      ]),
    ).toEqual({ peakRps: 21, peakWindow: { windowMs: 100, requests: 3 }, maxRequestBytes: 70, maxResponseBytes: 900, projectedPeakRps: 200 });
    expect(mergeTraffic([{ maxRequestBytes: 1, maxResponseBytes: 1 }, undefined])).toBeUndefined();
  });
});
