/**
 * Scale-out on one machine: three real `lambdaload run --shard i/3` processes with a common `--start-at` against one
 * local HTTP server, then `lambdaload merge`. The merged counts equal the sum of the shards' and what the server
 * received, exactly; its percentiles equal those of a histogram the test builds itself by decoding and adding every
 * shard's histograms; `report` and `compare` read the merged file.
 * In the project 'alone' of vitest.config.ts: no other test file beside it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHistogram, mergeHistograms } from '../../../src/measure/histogram.js';
import { summarizeHistogram } from '../../../src/measure/stats.js';
import type { RunResult } from '../../../src/result/types.js';
import { ensureBuilt, readResult, runCli } from '../cli/helpers.js';

const SHARDS = 3;
let dir: string;
let server: Server;
let received = 0;
let url: string;
let shards: RunResult[];
let merged: RunResult;
const file = (name: string) => path.join(dir, `${name}.json`);

beforeAll(async () => {
  await ensureBuilt();
  server = createServer((req, res) => {
    received++;
    const ms = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('ms') ?? '0');
    req.resume();
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain', 'x-lambdaload-start': 'warm; env=e-1' }).end('hello'), ms);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prod`;
  dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-shards-'));
  // Prepare: far enough ahead for three CLIs to start on a 2-core machine.
  const startAt = String(Date.now() + 5_000);
  const runs = await Promise.all(
    Array.from({ length: SHARDS }, (_, i) =>
      runCli(['run', 'test/fixtures/cli/shards.ts', '--quiet', '--shard', `${i + 1}/${SHARDS}`, '--start-at', startAt, '--out', file(`shard-${i + 1}`)], { LAMBDALOAD_TEST_URL: url }, 60_000),
    ),
  );
  for (const ran of runs) expect(ran.code, ran.stderr).toBe(0);
  shards = await Promise.all(Array.from({ length: SHARDS }, (_, i) => readResult(file(`shard-${i + 1}`))));
  const merging = await runCli(['merge', ...shards.map((_, i) => file(`shard-${i + 1}`)), '--out', file('merged'), '--format', 'md']);
  expect(merging.code, merging.stderr).toBe(0);
  expect(merging.stdout).toMatch(/cli-shards/);
  merged = await readResult(file('merged'));
}, 120_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('run --shard i/N, then merge', () => {
  it('each shard drove its share of every phase, marked with the common start and one scenario hash', () => {
    expect(shards.map((s) => s.scenario.phases.map((p) => p.rate ?? p.connections ?? p.type))).toEqual([
      [17, 1],
      [17, 1],
      [16, 'pause'],
    ]);
    expect(new Set(shards.map((s) => s.shard!.scenarioHash)).size).toBe(1);
    expect(new Set(shards.map((s) => s.shard!.startAt)).size).toBe(1);
    expect(shards.map((s) => s.shard!.index)).toEqual([1, 2, 3]);
  });

  it('the merged counts are the sums of the shards\' and what the server received, exactly', () => {
    const sum = (pick: (r: RunResult) => number) => shards.reduce((total, r) => total + pick(r), 0);
    expect(merged.requests.completed).toBe(sum((r) => r.requests.completed));
    expect(merged.requests.completed).toBe(received);
    expect(merged.engine.sent).toBe(sum((r) => r.engine.sent));
    expect(merged.statusCodes['200']).toBe(received);
    expect(merged.timeline.reduce((total, s) => total + s.completed, 0)).toBe(received);
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
    const [report, compare] = await Promise.all([runCli(['report', file('merged'), '--format', 'md']), runCli(['compare', file('merged'), file('merged')])]);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toMatch(/cli-shards/);
    expect(compare.code, compare.stderr).toBe(0);
  });
});
