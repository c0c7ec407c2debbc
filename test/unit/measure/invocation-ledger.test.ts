import { describe, expect, it } from 'vitest';
import { roundUpMs } from '../../../src/cost/billing.js';
import { computeBilledMs } from '../../../src/emulator/lambda/billed-duration.js';
import { peakOverlap } from '../../../src/measure/in-flight.js';
import { createInvocationLedger, totalsFromRecords, type LedgerRecord } from '../../../src/measure/invocation-ledger.js';
import { MAX_ERROR_KINDS } from '../../../src/measure/error-kinds.js';
import { MAX_COLD_START_ENTRIES, mergeInvocationTotals, type InvocationTotals } from '../../../src/measure/invocation-totals.js';

function record(over: Partial<LedgerRecord>): LedgerRecord {
  return { functionName: 'api', memoryMb: 128, cold: false, provisioned: false, startedAtMs: 0, durationMs: 10, billedMs: 10, maxMemoryUsedMb: 40, outcome: 'success', ...over };
}

/** A repeatable generator (a linear congruential one): the same records on every run. */
const ERROR_TYPES = ['Runtime.ImportModuleError', 'Sandbox.Timedout', 'Runtime.ExitError', 'TypeError'] as const;

function randomOf(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

/** Records of every kind, with durations in quarter milliseconds so that sums are exact in any order. */
function randomRecords(count: number, random: () => number): LedgerRecord[] {
  const outcomes = ['success', 'success', 'success', 'function-error', 'timeout', 'crash', 'throttled'] as const;
  return Array.from({ length: count }, (_, i) => {
    const functionName = random() < 0.6 ? 'api' : 'worker';
    const outcome = outcomes[Math.floor(random() * outcomes.length)]!;
    const startedAtMs = i * 3 + Math.floor(random() * 50);
    if (outcome === 'throttled') return record({ functionName, outcome, startedAtMs, durationMs: 0, billedMs: 0, maxMemoryUsedMb: 0, throttleReason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    const provisioned = random() < 0.2;
    const cold = random() < 0.2;
    const initMs = cold && random() < 0.9 ? Math.floor(random() * 4_000) / 4 : undefined;
    const durationMs = Math.floor(random() * 2_000) / 4;
    return record({
      functionName,
      memoryMb: functionName === 'api' ? 128 : 1024,
      outcome,
      startedAtMs,
      provisioned,
      cold,
      initMs,
      durationMs,
      billedMs: computeBilledMs({ durationMs, initMs, provisioned }),
      maxMemoryUsedMb: Math.floor(random() * 300),
      ...(outcome === 'success' ? {} : { functionError: 'Unhandled' as const, error: { type: ERROR_TYPES[Math.floor(random() * ERROR_TYPES.length)]!, message: `failed at ${i}` } }),
    });
  });
}

describe('invocation ledger', () => {
  it('counts outcomes, throttles by reason, cold starts, provisioned invocations and billed durations per function × memory', () => {
    const totals = totalsFromRecords([
      record({ cold: true, initMs: 300.5, durationMs: 100.2, billedMs: 401, startedAtMs: 0, maxMemoryUsedMb: 60 }),
      record({ durationMs: 50.1, billedMs: 51, startedAtMs: 500 }),
      record({ provisioned: true, durationMs: 999.5, billedMs: 1000, startedAtMs: 600 }),
      record({ outcome: 'function-error', functionError: 'Unhandled', error: { type: 'TypeError', message: "Cannot read properties of undefined (reading 'id')" }, durationMs: 4, billedMs: 4, startedAtMs: 700 }),
      record({ outcome: 'throttled', throttleReason: 'ConcurrentInvocationLimitExceeded', durationMs: 0, billedMs: 0, maxMemoryUsedMb: 0 }),
      record({ memoryMb: 512, durationMs: 7.5, billedMs: 8 }),
    ]);
    expect(totals.version).toBe(1);
    expect(totals.functions).toEqual([
      {
        functionName: 'api',
        memoryMb: 128,
        outcomes: { success: 3, 'function-error': 1, throttled: 1 },
        throttleReasons: { ConcurrentInvocationLimitExceeded: 1 },
        invocations: 4,
        coldStarts: 1,
        onDemandColdStarts: 1,
        provisionedInvocations: 1,
        functionErrors: { Unhandled: 1 },
        errorTypes: { TypeError: { count: 1, example: "Cannot read properties of undefined (reading 'id')" } },
        errorTypesDropped: 0,
        // On demand 401 + 51 + 4; of the cold start's 401 ms, 300 are INIT (401 − ceil(100.2)).
        billedMs: { onDemand: 456, provisioned: 1000, onDemandInit: 300 },
        durationMsSum: 100.2 + 50.1 + 999.5 + 4,
        maxDurationMs: 999.5,
        maxMemoryUsedMb: 60,
        maxInitMs: 300.5,
        rebill: { onDemandMs: { 51: 1, 4: 1 }, onDemandWithInitMs: { '101:401': 1 }, provisionedMs: { 1000: 1 } },
        coldStartEntries: [{ startedAtMs: 0, provisioned: false, initMs: 300.5 }],
        coldStartEntriesDropped: 0,
      },
      expect.objectContaining({ functionName: 'api', memoryMb: 512, invocations: 1, rebill: { onDemandMs: { 8: 1 }, onDemandWithInitMs: {}, provisionedMs: {} } }),
    ]);
  });

  it('keeps one entry per cold start, provisioned or not, with or without a measured INIT', () => {
    const totals = totalsFromRecords([
      record({ cold: true, initMs: 120, simulatedInitMs: 100, startedAtMs: 5 }),
      record({ cold: true, provisioned: true, startedAtMs: 6 }),
      // Init re-run inside the invoke (suppressed init): cold, but no Init Duration of its own.
      record({ cold: true, startedAtMs: 7, durationMs: 900, billedMs: 900 }),
      record({ startedAtMs: 8 }),
    ]);
    const [api] = totals.functions;
    expect(api!.coldStartEntries).toEqual([
      { startedAtMs: 5, provisioned: false, initMs: 120, simulatedInitMs: 100 },
      { startedAtMs: 6, provisioned: true },
      { startedAtMs: 7, provisioned: false },
    ]);
    expect(api).toMatchObject({ coldStarts: 3, onDemandColdStarts: 2, maxInitMs: 120 });
    // Only a cold start with an Init Duration needs the duration + INIT pair to be re-billed.
    expect(api!.rebill).toEqual({ onDemandMs: { 10: 1, 900: 1 }, onDemandWithInitMs: { '10:130': 1 }, provisionedMs: { 10: 1 } });
  });

  it('stops keeping cold-start entries at the cap and counts the rest', () => {
    const records = Array.from({ length: MAX_COLD_START_ENTRIES + 5 }, (_, i) => record({ cold: true, initMs: 50, startedAtMs: i }));
    const [api] = totalsFromRecords(records).functions;
    expect(api!.coldStarts).toBe(MAX_COLD_START_ENTRIES + 5);
    expect(api!.coldStartEntries).toHaveLength(MAX_COLD_START_ENTRIES);
    expect(api!.coldStartEntries.at(-1)!.startedAtMs).toBe(MAX_COLD_START_ENTRIES - 1);
    expect(api!.coldStartEntriesDropped).toBe(5);
  });

  it('gives snapshots: later invocations do not change totals already taken', () => {
    const ledger = createInvocationLedger();
    ledger.add(record({}));
    const before = ledger.totals();
    ledger.add(record({ durationMs: 20, billedMs: 20 }));
    expect(before.functions[0]!.invocations).toBe(1);
    expect(before.functions[0]!.rebill.onDemandMs).toEqual({ 10: 1 });
    expect(ledger.totals().functions[0]!.invocations).toBe(2);
  });
});

describe('whole-millisecond histograms re-bill exactly', () => {
  const random = randomOf(7);
  // Handler durations as performance.now() gives them, sums with INIT, and the awkward ones: binary noise around
  // whole ms and durations just past a 100 ms boundary.
  const durations = [
    ...Array.from({ length: 20_000 }, () => random() * 5_000),
    ...Array.from({ length: 5_000 }, () => random() * 900_000),
    ...Array.from({ length: 5_000 }, () => random() * 300 + random() * 1_500),
    ...Array.from({ length: 2_000 }, (_, i) => i * 0.1 + 0.2),
    ...[100, 200, 116.99999999999999, 299.99999999999994, 300.00000000000006, 100.0000000001, 100.00000004, 100.0000006, 0.3 + 0.6, 250.06 + 100.77],
    ...Array.from({ length: 1_000 }, (_, i) => (i + 1) * 100 + 10 ** -(3 + (i % 8))),
  ];

  it.each([1, 100])('at %i ms granularity: roundUpMs(roundUpMs(d, 1), g) === roundUpMs(d, g)', (granularityMs) => {
    const wrong = durations.filter((d) => roundUpMs(roundUpMs(d, 1), granularityMs) !== roundUpMs(d, granularityMs));
    expect(wrong).toEqual([]);
  });
});

describe('peak concurrency', () => {
  it('counts invocations in from their start and out at their end, per function and overall', () => {
    const ledger = createInvocationLedger();
    const steps: Array<[('started' | 'ended'), string]> = [
      ['started', 'a'],
      ['started', 'a'],
      ['started', 'b'], // a 2, b 1: 3 in flight
      ['ended', 'a'],
      ['started', 'b'], // a 1, b 2: still 3
      ['ended', 'b'],
      ['started', 'a'],
      ['started', 'a'], // a 3, b 1: 4
      ['ended', 'a'],
      ['ended', 'a'],
      ['ended', 'a'],
      ['ended', 'b'],
    ];
    for (const [step, fn] of steps) ledger[step](fn);
    expect(ledger.totals().concurrency).toEqual({ peak: 4, byFunction: { a: 3, b: 2 }, exact: true });
  });

  it('replays records known after the fact to the same peak as sweeping their intervals (INIT included, touching = sequential)', () => {
    const random = randomOf(3);
    for (let round = 0; round < 50; round++) {
      const records = randomRecords(200, random);
      // Zero-length and touching intervals too.
      records.push(record({ startedAtMs: 100, durationMs: 0 }), record({ startedAtMs: 100, durationMs: 5 }), record({ startedAtMs: 105, durationMs: 5 }));
      const executed = records.filter((r) => r.outcome !== 'throttled');
      const totals = totalsFromRecords(records);
      expect(totals.concurrency.peak).toBe(peakOverlap(executed));
      for (const name of ['api', 'worker']) {
        expect(totals.concurrency.byFunction[name] ?? 0).toBe(peakOverlap(executed.filter((r) => r.functionName === name)));
      }
    }
    expect(totalsFromRecords([record({ startedAtMs: 0, durationMs: 10 }), record({ startedAtMs: 10, durationMs: 10 })]).concurrency.peak).toBe(1);
    expect(totalsFromRecords([record({ startedAtMs: 0, durationMs: 1, initMs: 100, cold: true }), record({ startedAtMs: 50, durationMs: 1 })]).concurrency.peak).toBe(2);
  });
});

describe('mergeInvocationTotals', () => {
  /** Everything but the in-flight peaks, which merging can only bound. */
  const withoutPeaks = (totals: InvocationTotals) => ({ ...totals, concurrency: undefined });

  it('merge(ledger(A), ledger(B)) equals ledger(A then B) for counts, sums, maxima, histograms and cold starts', () => {
    const random = randomOf(11);
    for (let round = 0; round < 20; round++) {
      const a = randomRecords(300, random);
      const b = randomRecords(300, random);
      const merged = mergeInvocationTotals(totalsFromRecords(a), totalsFromRecords(b));
      expect(withoutPeaks(merged)).toEqual(withoutPeaks(totalsFromRecords([...a, ...b])));
    }
  });

  it('keeps error types to MAX_ERROR_KINDS with their first message, counts the rest, and merges exactly', () => {
    const failed = (type: string, i: number) => record({ outcome: 'function-error', functionError: 'Unhandled', error: { type, message: `message ${i}` }, startedAtMs: i });
    // Each handler error names the request: a new "type" per invocation, as a careless handler would make.
    const a = Array.from({ length: MAX_ERROR_KINDS + 20 }, (_, i) => failed(`E${i}`, i));
    const b = [failed('E0', 1_000), failed('E5', 1_001), failed('New', 1_002)];
    const [api] = totalsFromRecords(a).functions;
    expect(Object.keys(api!.errorTypes!)).toHaveLength(MAX_ERROR_KINDS);
    expect(api!.errorTypes!.E0).toEqual({ count: 1, example: 'message 0' });
    expect(api!.errorTypesDropped).toBe(20);
    const merged = mergeInvocationTotals(totalsFromRecords(a), totalsFromRecords(b));
    expect(withoutPeaks(merged)).toEqual(withoutPeaks(totalsFromRecords([...a, ...b])));
    // Known types keep counting (with their first message); a new one past the cap is only counted.
    expect(merged.functions[0]!.errorTypes!.E0).toEqual({ count: 2, example: 'message 0' });
    expect(merged.functions[0]!.errorTypesDropped).toBe(21);
  });

  it('keeps the cold-start cap across a merge', () => {
    const cold = (startedAtMs: number) => record({ cold: true, initMs: 40, startedAtMs });
    const a = Array.from({ length: 6_000 }, (_, i) => cold(i));
    const b = Array.from({ length: 6_000 }, (_, i) => cold(10_000 + i));
    const merged = mergeInvocationTotals(totalsFromRecords(a), totalsFromRecords(b));
    expect(withoutPeaks(merged)).toEqual(withoutPeaks(totalsFromRecords([...a, ...b])));
    expect(merged.functions[0]!.coldStartEntriesDropped).toBe(12_000 - MAX_COLD_START_ENTRIES);
  });

  it('adds in-flight peaks as an upper bound and says they are no longer exact', () => {
    const a = totalsFromRecords([record({ functionName: 'a', startedAtMs: 0 }), record({ functionName: 'a', startedAtMs: 1 })]);
    const b = totalsFromRecords([record({ functionName: 'a', startedAtMs: 0 }), record({ functionName: 'b', startedAtMs: 0 })]);
    expect(mergeInvocationTotals(a, b).concurrency).toEqual({ peak: 4, byFunction: { a: 3, b: 1 }, exact: false });
    // With nothing on one side, the other's peaks stand as they were.
    const none = totalsFromRecords([]);
    expect(mergeInvocationTotals(none, a).concurrency).toEqual(a.concurrency);
    expect(mergeInvocationTotals(a, none).concurrency).toEqual(a.concurrency);
  });

  it('leaves its inputs unchanged', () => {
    const a = totalsFromRecords(randomRecords(50, randomOf(5)));
    const copy = structuredClone(a);
    mergeInvocationTotals(a, a);
    expect(a).toEqual(copy);
  });
});

describe('bounded size', () => {
  it('20,000 invocations of the same duration take no more room than 1,000', () => {
    const ledger = createInvocationLedger();
    let sizeAt1k = 0;
    for (let i = 0; i < 20_000; i++) {
      ledger.started('api');
      ledger.ended('api');
      ledger.add(record({ startedAtMs: i, cold: i === 0, initMs: i === 0 ? 150 : undefined, billedMs: i === 0 ? 160 : 10 }));
      if (i === 999) sizeAt1k = JSON.stringify(ledger.totals()).length;
    }
    const json = JSON.stringify(ledger.totals());
    expect(JSON.parse(json).functions[0].invocations).toBe(20_000);
    // Only the counts' digits grow.
    expect(json.length).toBeLessThan(sizeAt1k + 40);
    expect(json.length).toBeLessThan(2_048);
  });
});
