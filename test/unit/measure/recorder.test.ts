import { describe, expect, it } from 'vitest';
import { createRecorder } from '../../../src/measure/recorder.js';
import { decodeHistogram, mergeHistograms } from '../../../src/measure/histogram.js';
import type { Sample } from '../../../src/records/sample.js';
import type { SampleLabel } from '../../../src/coldstart/label.js';

const warm: SampleLabel = { start: 'warm', source: 'emulator-header' };
const cold: SampleLabel = { start: 'cold', source: 'emulator-header', initMs: 120 };
const none: SampleLabel = { start: 'unknown', source: 'none' };

function sample(over: Partial<Sample>): Sample {
  return { phaseIndex: 0, requestIndex: 0, intendedAtMs: 0, sentAtMs: 0, endedAtMs: 10, status: 200, bytesSent: 10, bytesReceived: 20, ...over };
}

describe('recorder', () => {
  it('measures latency from the intended send and service time from the actual send', () => {
    // Prepare: a request intended at 0 ms, sent late at 400 ms (the pool was blocked), answered at 410 ms.
    const recorder = createRecorder({ phaseNames: ['steady'], requestNames: ['GET /hello'], t0Ms: 0 });
    // Act
    recorder.record(sample({ intendedAtMs: 0, sentAtMs: 400, endedAtMs: 410 }), warm);
    const m = recorder.finish();
    // Assess: the user waited 410 ms; the server took 10 ms.
    expect(m.latency.overall.all.maxMs).toBeCloseTo(410, 0);
    expect(m.serviceTime.overall.all.maxMs).toBeCloseTo(10, 1);
  });

  it('splits buckets by cold, warm and unknown with the same stats keys in each', () => {
    const recorder = createRecorder({ phaseNames: ['p'], requestNames: ['a', 'b'], t0Ms: 0 });
    for (let i = 0; i < 90; i++) recorder.record(sample({ endedAtMs: 5 }), warm);
    for (let i = 0; i < 10; i++) recorder.record(sample({ requestIndex: 1, endedAtMs: 300 }), cold);
    recorder.record(sample({ endedAtMs: 50 }), none);
    const m = recorder.finish();
    expect(m.latency.overall.warm.count).toBe(90);
    expect(m.latency.overall.cold.count).toBe(10);
    expect(m.latency.overall.unknown.count).toBe(1);
    expect(m.latency.overall.all.count).toBe(101);
    expect(m.latency.byRequest.b!.cold.p50Ms).toBeCloseTo(300, 0);
    expect(m.latency.byRequest.a!.cold.count).toBe(0);
    expect(Object.keys(m.latency.overall.cold)).toEqual(['count', 'minMs', 'meanMs', 'p50Ms', 'p90Ms', 'p99Ms', 'p999Ms', 'maxMs']);
    expect(m.coldStarts.count).toBe(10);
    expect(m.coldStarts.initMs.p50Ms).toBeCloseTo(120, 0);
    expect(m.labelSources).toEqual({ 'emulator-header': 100, none: 1 });
  });

  it('counts errors: network failures and failed expectations, by status and code', () => {
    const recorder = createRecorder({ phaseNames: ['p'], requestNames: ['a'], t0Ms: 0 });
    recorder.record(sample({ status: 200 }), warm);
    recorder.record(sample({ status: 502, expectationFailed: true }), warm);
    recorder.record(sample({ status: 0, errorCode: 'ECONNRESET' }), none);
    const m = recorder.finish();
    expect(m.requests).toMatchObject({ completed: 3, ok: 1, errors: 2, expectationFailures: 1 });
    expect(m.statusCodes).toEqual({ '200': 1, '502': 1 });
    expect(m.errorCodes).toEqual({ ECONNRESET: 1 });
  });

  it('encodes histograms that decode and merge back to the same counts', () => {
    const recorder = createRecorder({ phaseNames: ['p1', 'p2'], requestNames: ['a'], t0Ms: 0 });
    for (let i = 1; i <= 100; i++) recorder.record(sample({ phaseIndex: i % 2, endedAtMs: i }), warm);
    const m = recorder.finish();
    const latency = m.histograms.filter((h) => h.metric === 'latency');
    expect(latency.map((h) => h.key.phase).sort()).toEqual(['p1', 'p2']);
    const merged = mergeHistograms(latency.map((h) => decodeHistogram(h.encoded)));
    expect(merged.totalCount).toBe(100);
    expect(merged.getValueAtPercentile(50) / 1000).toBeCloseTo(m.latency.overall.all.p50Ms, 1);
  });

  it('builds a per-second timeline with exact in-flight counts', () => {
    const recorder = createRecorder({ phaseNames: ['p'], requestNames: ['a'], t0Ms: 1000 });
    recorder.record(sample({ intendedAtMs: 1100, sentAtMs: 1100, endedAtMs: 1200 }), cold);
    recorder.record(sample({ intendedAtMs: 1500, sentAtMs: 1500, endedAtMs: 3100, status: 504, expectationFailed: true }), warm);
    const t = recorder.finish().timeline;
    expect(t.map((s) => [s.second, s.sent, s.completed, s.inFlight])).toEqual([
      [0, 2, 1, 1],
      [1, 0, 0, 1],
      [2, 0, 1, 0],
    ]);
    expect(t[0]!.coldStarts).toBe(1);
    expect(t[2]!.errors['5xx']).toBe(1);
    expect(t[2]!.p99Ms).toBeCloseTo(1600, -1);
  });
});
