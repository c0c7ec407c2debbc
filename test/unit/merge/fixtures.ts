/**
 * Shard results for the merge tests, built the way a run builds them: samples through the real recorder, then the
 * result builder. `allOf` records every shard's samples in one recorder: the reference a merge must equal.
 */
import type { SampleLabel } from '../../../src/coldstart/label.js';
import { createRecorder } from '../../../src/measure/recorder.js';
import type { Sample } from '../../../src/records/sample.js';
import type { RunResult, ShardInfo } from '../../../src/result/types.js';
import { buildRunResult } from '../../../src/run/build-result.js';
import { trafficSummary } from '../../../src/run/quotas.js';
import { TrafficShape } from '../../../src/run/traffic-shape.js';

export const PHASES = ['warm-up', 'steady'];
export const REQUESTS = ['GET /a', 'GET /b'];

export type Labelled = [Sample, SampleLabel];

const warm: SampleLabel = { start: 'warm', source: 'wrapper-header' };
const cold: SampleLabel = { start: 'cold', source: 'wrapper-header', initMs: 150 };

/** `n` samples over 3 s with a spread of latencies; every 10th cold, every 7th a 503 on GET /b, seeded by `seed`. */
export function samples(n: number, seed: number): Labelled[] {
  const out: Labelled[] = [];
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const at = (i * 3000) / n;
    const latency = 2 + (x % 5000) / 37;
    const requestIndex = i % 2;
    const status = requestIndex === 1 && i % 7 === 0 ? 503 : 200;
    out.push([
      { phaseIndex: at < 1000 ? 0 : 1, requestIndex, intendedAtMs: at, sentAtMs: at + 0.3, endedAtMs: at + latency, status, bytesSent: 5, bytesReceived: 11, ...(status === 503 ? { expectationFailed: true, failedCheck: 'status' as const, errorBody: '{"message":"Service Unavailable"}' } : {}) },
      i % 10 === 0 ? cold : warm,
    ]);
  }
  return out;
}

export function measure(all: readonly Labelled[]) {
  const recorder = createRecorder({ phaseNames: PHASES, requestNames: REQUESTS, t0Ms: 0 });
  for (const [s, l] of all) recorder.record(s, l);
  return recorder.finish();
}

export interface ShardOptions {
  shard?: Partial<ShardInfo> | null;
  startedAt?: string;
  rate?: number;
  warnings?: RunResult['warnings'];
  thresholds?: RunResult['thresholds'];
  target?: RunResult['scenario']['target'];
  phases?: RunResult['scenario']['phases'];
  emulator?: RunResult['emulator'];
  quotas?: RunResult['quotas'];
  /** The scenario's `projection.peakRps`. */
  projectedPeakRps?: number;
  /** Leave the `traffic` section out, as results saved before it was added do. */
  noTraffic?: boolean;
}

/** The result's `traffic` section as a run builds it from its samples. */
export function traffic(data: readonly Labelled[], projectedPeakRps?: number): NonNullable<RunResult['traffic']> {
  const shape = new TrafficShape();
  for (const [sample] of data) shape.add(sample);
  return trafficSummary(shape, projectedPeakRps === undefined ? {} : { projection: { peakRps: projectedPeakRps } });
}

export function shardResult(data: readonly Labelled[], options: ShardOptions = {}): RunResult {
  const measurements = measure(data);
  const startedAt = options.startedAt ?? '2026-05-01T12:00:00.000Z';
  const sent = data.length;
  return buildRunResult({
    toolVersion: '0.1.0',
    aborted: false,
    scenario: {
      name: 'shards',
      file: '/x/shards.ts',
      target: options.target ?? { type: 'url', region: 'us-east-1', url: 'http://127.0.0.1:1/prod', accountConcurrency: 1000, functions: [], routes: [], defaults: [] },
      phases: options.phases ?? [
        { name: 'warm-up', type: 'constant', durationMs: 1000, rate: options.rate ?? 5 },
        { name: 'steady', type: 'closed', durationMs: 2000, connections: 2 },
      ],
      requests: REQUESTS.map((name) => ({ name, method: 'GET', path: name.slice(4), weight: 1 })),
    },
    environment: { node: 'v20', platform: 'linux', arch: 'x64', cpus: 2, hostname: 'h' },
    timing: { startedAt, endedAt: new Date(Date.parse(startedAt) + 3000).toISOString(), durationMs: 3000 },
    drive: { scheduled: sent, sent, dropped: 0, lateSends: 1, sendLagMs: { p50: 0.1, p99: 0.5, max: 1 }, connectionWaits: 0, connectionWaitMs: { p50: 0, p90: 0, p99: 0, max: 0 }, maxInFlight: 3, aborted: false },
    achievedRps: sent / 3,
    measurements,
    emulator: options.emulator,
    quotas: options.quotas ?? [],
    ...(options.noTraffic ? {} : { traffic: traffic(data, options.projectedPeakRps) }),
    thresholds: options.thresholds ?? [],
    warnings: options.warnings ?? [],
    ...(options.shard === null ? {} : { shard: { index: 1, count: 2, scenarioHash: 'sha256:abc', ...options.shard } }),
  });
}
