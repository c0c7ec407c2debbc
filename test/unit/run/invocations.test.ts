import { describe, expect, it } from 'vitest';
import { peakOverlap } from '../../../src/measure/in-flight.js';
import { totalsFromRecords } from '../../../src/measure/invocation-ledger.js';
import { MAX_COLD_START_ENTRIES } from '../../../src/measure/invocation-totals.js';
import { coldStartEntriesWarning, densestWindow, summariseInvocations } from '../../../src/measure/invocation-facts.js';
import { steepestRamp } from '../../../src/quota/input.js';
import { TrafficShape } from '../../../src/run/traffic-shape.js';
import type { InvocationRecord } from '../../../src/records/invocation.js';

function record(overrides: Partial<InvocationRecord>): InvocationRecord {
  return {
    requestId: 'r',
    functionName: 'fn',
    environmentId: 'e1',
    cold: false,
    provisioned: false,
    startedAtMs: 0,
    durationMs: 10,
    billedMs: 10,
    memoryMb: 128,
    maxMemoryUsedMb: 40,
    outcome: 'success',
    ...overrides,
  };
}

describe('peakOverlap', () => {
  it('counts invocations in flight at once, init included, and treats touching intervals as sequential', () => {
    expect(peakOverlap([])).toBe(0);
    expect(peakOverlap([{ startedAtMs: 0, durationMs: 10 }, { startedAtMs: 10, durationMs: 10 }])).toBe(1);
    expect(peakOverlap([{ startedAtMs: 0, durationMs: 10 }, { startedAtMs: 5, durationMs: 10 }, { startedAtMs: 8, durationMs: 1 }])).toBe(3);
    // The init of a cold start keeps the environment busy before the handler runs.
    expect(peakOverlap([{ startedAtMs: 0, durationMs: 1, initMs: 100 }, { startedAtMs: 50, durationMs: 1 }])).toBe(2);
  });
});

describe('densestWindow', () => {
  it('finds the most timestamps within any window', () => {
    expect(densestWindow([], 10_000)).toBe(0);
    expect(densestWindow([0, 1_000, 9_999, 10_000, 10_001], 10_000)).toBe(4);
    expect(densestWindow([0, 10_000, 20_000], 10_000)).toBe(1);
    expect(densestWindow([30_000, 0, 5_000, 31_000], 10_000)).toBe(2);
  });
});

describe('summariseInvocations', () => {
  it('totals outcomes per function and excludes throttles from execution facts', () => {
    const facts = summariseInvocations(totalsFromRecords([
      record({ functionName: 'a', cold: true, initMs: 80, startedAtMs: 0, durationMs: 20, maxMemoryUsedMb: 50 }),
      record({ functionName: 'a', startedAtMs: 5, durationMs: 30, outcome: 'timeout' }),
      record({ functionName: 'a', outcome: 'throttled', startedAtMs: 6, durationMs: 0, billedMs: 0, maxMemoryUsedMb: 0 }),
      record({ functionName: 'b', outcome: 'function-error', startedAtMs: 200, durationMs: 4 }),
    ]));
    expect(facts.summary).toMatchObject({ invocations: 3, coldStarts: 1, throttles: 1, timeouts: 1, functionErrors: 1, maxMemoryUsedMb: 50 });
    expect(facts.executed).toBe(3);
    expect(facts.peakConcurrency).toBe(2);
    const a = facts.summary.functions.find((f) => f.name === 'a');
    expect(a).toMatchObject({ invocations: 2, coldStarts: 1, throttles: 1, timeouts: 1, peakConcurrency: 2, maxInitMs: 80 });
    expect(facts.byFunction.get('a')).toMatchObject({ invocations: 2, meanDurationMs: 25, maxNewEnvironmentsPer10s: 1 });
  });
});

describe('summariseInvocations: one function at two memory sizes (merged or REPORT totals)', () => {
  it('adds the sizes up into one function', () => {
    const facts = summariseInvocations(
      totalsFromRecords([
        record({ memoryMb: 128, durationMs: 30, maxMemoryUsedMb: 100, cold: true, initMs: 90, startedAtMs: 0 }),
        record({ memoryMb: 512, durationMs: 10, maxMemoryUsedMb: 120, startedAtMs: 200, cold: true, initMs: 60 }),
        record({ memoryMb: 512, outcome: 'throttled', durationMs: 0, billedMs: 0, maxMemoryUsedMb: 0 }),
      ]),
    );
    expect(facts.summary.functions).toEqual([
      {
        name: 'fn',
        invocations: 2,
        coldStarts: 2,
        throttles: 1,
        timeouts: 0,
        functionErrors: 0,
        peakConcurrency: 1,
        maxMemoryUsedMb: 120,
        maxInitMs: 90,
        // Both sizes' cold starts in one set of percentiles (nearest rank).
        initMs: { count: 2, p50Ms: 60, p90Ms: 90, p99Ms: 90, maxMs: 90 },
      },
    ]);
    expect(facts.byFunction.get('fn')).toEqual({ invocations: 2, maxMemoryUsedMb: 120, maxDurationMs: 30, maxInitMs: 90, meanDurationMs: 20, peakConcurrency: 1, maxNewEnvironmentsPer10s: 2 });
    expect(facts.totalDurationMs).toBe(40);
  });
});

describe('coldStartEntriesWarning', () => {
  it('says when cold starts went past the entries kept, and is quiet otherwise', () => {
    const colds = Array.from({ length: MAX_COLD_START_ENTRIES + 3 }, (_, i) => record({ cold: true, initMs: 50, startedAtMs: i }));
    expect(coldStartEntriesWarning(totalsFromRecords(colds.slice(0, 10)))).toBeUndefined();
    const warning = coldStartEntriesWarning(totalsFromRecords(colds));
    expect(warning?.code).toBe('COLD_STARTS_TRUNCATED');
    expect(warning?.message).toMatch(/^3 cold starts beyond the first 10000 of a function/);
  });
});

describe('steepestRamp', () => {
  it('picks the ramp or spike step that needs the most new capacity per 10 s', () => {
    const constant = { type: 'constant' as const, name: 'c', durationMs: 1000, rate: 10, arrivals: 'uniform' as const };
    expect(steepestRamp([constant])).toBeUndefined();
    const ramp = { type: 'ramp' as const, name: 'r', durationMs: 20_000, rate: 0, rampTo: 100, arrivals: 'uniform' as const };
    const spike = { type: 'spike' as const, name: 's', durationMs: 10_000, rate: 10, spikeRate: 80, spikeAtMs: 0, spikeDurationMs: 1000, arrivals: 'uniform' as const };
    expect(steepestRamp([ramp, spike])).toEqual({ fromRps: 10, toRps: 80, durationMs: 0 });
    expect(steepestRamp([ramp])).toEqual({ fromRps: 0, toRps: 100, durationMs: 20_000 });
  });
});

describe('TrafficShape', () => {
  it('keeps the peak 1 s rate, the densest 100 ms and the largest bodies', () => {
    const shape = new TrafficShape();
    expect(shape.peakRps()).toBeUndefined();
    for (let i = 0; i < 30; i++) shape.add({ intendedAtMs: 1000 + i * 10, endedAtMs: 1000 + i * 10 + 2, bytesSent: 100 + i, bytesReceived: 50, status: 200 });
    for (let i = 0; i < 5; i++) shape.add({ intendedAtMs: 5000 + i * 100, endedAtMs: 5001 + i * 100, bytesSent: 10, bytesReceived: 9_000, status: 0 });
    expect(shape.peakRps()).toBe(30);
    expect(shape.peakWindow()).toEqual({ windowMs: 100, requests: 10 });
    expect(shape.maxRequestBytes).toBe(129);
    // A failed request's bytes are not a response.
    expect(shape.maxResponseBytes).toBe(50);
    expect(shape.activeMs()).toBe(5401 - 1000);
  });
});
