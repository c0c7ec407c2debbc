/**
 * Scale-out on one machine: three real `lambdaload run --shard i/3` processes with a common `--start-at` against one
 * local HTTP server, then `lambdaload merge`. The merged counts equal the sum of the shards' and what the server
 * received, exactly; its percentiles equal those of a histogram the test builds itself by decoding and adding every
 * shard's histograms; `report` and `compare` read the merged file.
 * In the project 'alone' of vitest.config.ts: no other test file beside it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHistogram, mergeHistograms } from '../../../src/measure/histogram.js';
import { summarizeHistogram } from '../../../src/measure/stats.js';
import type { RunResult } from '../../../src/result/types.js';
import { ensureBuilt, runCli } from '../cli/helpers.js';
import { runShards, startSleepServer, type ShardRuns, type SleepServer } from './shard-runs.js';

let server: SleepServer;
let runs: ShardRuns;
let shards: RunResult[];
let merged: RunResult;

beforeAll(async () => {
  await ensureBuilt();
  server = await startSleepServer();
  // Far enough ahead for three CLIs to start on a 2-core machine.
  runs = await runShards('test/fixtures/cli/shards.ts', 3, 15_000, { LAMBDALOAD_TEST_URL: server.url });
  ({ shards, merged } = runs);
  expect(runs.merging.stdout).toMatch(/cli-shards/);
}, 150_000);

afterAll(async () => {
  await server?.close();
  await runs?.cleanUp();
});

describe('run --shard i/N, then merge', () => {
  it('each shard drove its share of every phase, marked with the common start, one scenario hash and its clock skew', () => {
    expect(shards.map((s) => s.scenario.phases.map((p) => p.rate ?? p.connections ?? p.type))).toEqual([
      [17, 1],
      [17, 1],
      [16, 'pause'],
    ]);
    expect(new Set(shards.map((s) => s.shard!.scenarioHash)).size).toBe(1);
    expect(new Set(shards.map((s) => s.shard!.startAt)).size).toBe(1);
    expect(shards.map((s) => s.shard!.index)).toEqual([1, 2, 3]);
    // node:http stamps a Date header; the same machine's clock: no skew, within the header's 1 s resolution.
    for (const s of shards) expect(Math.abs(s.shard!.clockSkewMs!)).toBeLessThan(1000);
  });

  it('the merged counts are the sums of the shards\' and what the server received, exactly', () => {
    const sum = (pick: (r: RunResult) => number) => shards.reduce((total, r) => total + pick(r), 0);
    expect(merged.requests.completed).toBe(sum((r) => r.requests.completed));
    expect(merged.requests.completed).toBe(server.received);
    expect(merged.engine.sent).toBe(sum((r) => r.engine.sent));
    expect(merged.statusCodes['200']).toBe(server.received);
    expect(merged.timeline.reduce((total, s) => total + s.completed, 0)).toBe(server.received);
    // 3 s at 50 req/s, whatever the split.
    expect(merged.latency.byPhase.open!.all.count).toBe(150);
    expect(merged.scenario.phases.map((p) => p.rate ?? p.connections)).toEqual([50, 2]);
    expect(merged.shard).toBeUndefined();
    expect(merged.merged).toMatchObject({ shards: 3, of: 3, partial: false });
  });

  it('its percentiles are those of every shard\'s histogram added up, within the histogram\'s precision', () => {
    const reference = summarizeHistogram(mergeHistograms(shards.flatMap((s) => s.histograms.filter((h) => h.metric === 'latency').map((h) => decodeHistogram(h.encoded)))));
    const m = merged.latency.overall.all;
    expect(m.count).toBe(reference.count);
    for (const field of ['p50Ms', 'p90Ms', 'p99Ms', 'meanMs'] as const) {
      // 3 significant digits: 0.1% relative, plus the clamp to the exact min/max the encoded form does not keep.
      expect(Math.abs(m[field] - reference[field]), field).toBeLessThanOrEqual(reference[field] * 0.001 + 0.001);
    }
    expect(m.maxMs).toBe(Math.max(...shards.map((s) => s.latency.overall.all.maxMs)));
    expect(m.minMs).toBe(Math.min(...shards.map((s) => s.latency.overall.all.minMs)));
    expect(merged.thresholds[0]).toMatchObject({ passed: true, actual: m.p99Ms });
  });

  it('report and compare read the merged result', async () => {
    const [report, compare] = await Promise.all([runCli(['report', runs.file('merged'), '--format', 'md']), runCli(['compare', runs.file('merged'), runs.file('merged')])]);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toMatch(/cli-shards/);
    expect(compare.code, compare.stderr).toBe(0);
  });
});
