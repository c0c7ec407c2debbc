/**
 * `lambdaload merge` of 100 shard results of a 1-hour run, in its own process. The shards are built as a run builds
 * its result (samples through the real recorder, then the result builder): 3,600 seconds of timeline each, two
 * phases × two requests × cold/warm × 2xx/5xx histograms for latency and service time, with latencies from a few ms
 * to seconds, each shard from its own seed and starting within the same second. Building them is not timed. Timed:
 * the merge in memory, and JSON parse + merge (what `lambdaload merge` does with the files, reading from disk aside).
 * Prints one JSON line.
 */
import { createRecorder } from '../../dist/measure/recorder.js';
import { buildRunResult } from '../../dist/run/build-result.js';
import { mergeShards } from '../../dist/merge/merge.js';

const SHARDS = Number(process.argv[2] ?? 100);
const DURATION_S = 3600;
/** Samples per second per shard: enough to fill every histogram's range; the merge's cost is in buckets and seconds. */
const PER_SECOND = Number(process.env.MERGE_PROBE_PER_SECOND ?? 5);
const PHASES = ['ramp', 'steady'];
const REQUESTS = ['GET /a', 'POST /b'];

function shard(index) {
  const recorder = createRecorder({ phaseNames: PHASES, requestNames: REQUESTS, t0Ms: 0 });
  let x = index * 7919 + 1;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < DURATION_S * PER_SECOND; i++) {
    const at = (i * 1000) / PER_SECOND + next() * 150;
    const cold = next() < 0.01;
    // A long-tailed latency: mostly 5–60 ms, a tail to seconds; cold starts add an INIT of 150–900 ms.
    const u = next();
    const latency = 5 + 55 * u + (u > 0.99 ? 2000 * next() : 0) + (cold ? 150 + 750 * next() : 0);
    const status = next() < 0.02 ? 503 : 200;
    recorder.record(
      { phaseIndex: at < 600_000 ? 0 : 1, requestIndex: i % 2, intendedAtMs: at, sentAtMs: at + next(), endedAtMs: at + latency, status, bytesSent: 40, bytesReceived: 300, ...(status === 503 ? { expectationFailed: true, failedCheck: 'status', errorBody: '{"message":"Service Unavailable"}' } : {}) },
      cold ? { start: 'cold', source: 'emulator-header', initMs: 150 + 750 * next() } : { start: 'warm', source: 'emulator-header' },
    );
  }
  const startedAt = new Date(Date.UTC(2026, 4, 1, 12, 0, 0, index % 1000)).toISOString();
  const sent = DURATION_S * PER_SECOND;
  return buildRunResult({
    toolVersion: '0.1.0',
    aborted: false,
    scenario: {
      name: 'bench-merge',
      file: 'bench/merge.ts',
      target: { type: 'url', region: 'us-east-1', url: 'http://127.0.0.1:1/prod', accountConcurrency: 1000, functions: [], routes: [], defaults: [] },
      phases: [
        { name: 'ramp', type: 'ramp', durationMs: 600_000, rate: 1, rampTo: PER_SECOND },
        { name: 'steady', type: 'constant', durationMs: 3_000_000, rate: PER_SECOND },
      ],
      requests: REQUESTS.map((name) => ({ name, method: name.split(' ')[0], path: name.split(' ')[1], weight: 1 })),
    },
    environment: { node: process.version, platform: process.platform, arch: process.arch, cpus: 2, hostname: `shard-${index}` },
    timing: { startedAt, endedAt: new Date(Date.parse(startedAt) + DURATION_S * 1000).toISOString(), durationMs: DURATION_S * 1000 },
    drive: { scheduled: sent, sent, dropped: 0, lateSends: 3, sendLagMs: { p50: 0.1, p99: 0.8, max: 4 }, connectionWaits: 0, connectionWaitMs: { p50: 0, p90: 0, p99: 0, max: 0 }, maxInFlight: 4, aborted: false },
    achievedRps: PER_SECOND,
    measurements: recorder.finish(),
    quotas: [],
    thresholds: [],
    warnings: [],
    shard: { index, count: SHARDS, scenarioHash: 'sha256:bench', startAt: '2026-05-01T12:00:00.000Z' },
  });
}

const texts = Array.from({ length: SHARDS }, (_, i) => JSON.stringify(shard(i + 1)));
const bytes = texts.reduce((sum, t) => sum + t.length, 0);
const parsedAt = performance.now();
const inputs = texts.map((text, i) => ({ file: `shard-${i + 1}.json`, result: JSON.parse(text) }));
const mergeAt = performance.now();
const merged = mergeShards(inputs);
const doneAt = performance.now();
process.stdout.write(
  `${JSON.stringify({
    shards: SHARDS,
    requests: merged.requests.completed,
    timelineSeconds: merged.timeline.length,
    histograms: merged.histograms.length,
    bytes,
    parseMs: mergeAt - parsedAt,
    mergeMs: doneAt - mergeAt,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);
