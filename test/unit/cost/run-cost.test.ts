import { describe, expect, it } from 'vitest';
import { estimateRunCost, type MeasuredInvocations, type ProjectionBasis } from '../../../src/cost/run-cost.js';
import { totalsFromRecords, type LedgerRecord } from '../../../src/measure/invocation-ledger.js';
import { projectMonthlyCost, monthlyRequestsOf } from '../../../src/cost/projection.js';
import { compareCosts } from '../../../src/cost/compare.js';
import { sumLines } from '../../../src/cost/estimate.js';

const cents = (usd: number) => Math.round(usd * 100) / 100;

/** REPORT facts as the emulator records them: Billed Duration = ceil(Duration + Init Duration) on cold starts. */
function record(over: Partial<LedgerRecord>): LedgerRecord {
  return { functionName: 'api', memoryMb: 1024, cold: false, provisioned: false, outcome: 'success', durationMs: 50.1, billedMs: 51, startedAtMs: 0, maxMemoryUsedMb: 60, ...over };
}

// 2 cold starts (100.2 ms + 300.5 ms INIT → 401 ms billed), 8 warm (50.1 → 51 ms), 1 throttled (never ran).
const records: LedgerRecord[] = [
  record({ cold: true, durationMs: 100.2, initMs: 300.5, billedMs: 401 }),
  record({ cold: true, durationMs: 100.2, initMs: 300.5, billedMs: 401 }),
  ...Array.from({ length: 8 }, () => record({})),
  record({ outcome: 'throttled', billedMs: 0, durationMs: 0 }),
];
const measured: MeasuredInvocations = { region: 'us-east-1', totals: totalsFromRecords(records), api: { type: 'http', requests: 10, requestBytesTotal: 10 * 2048 } };

describe('estimateRunCost', () => {
  const run = estimateRunCost(measured);

  it('prices the run from measured billed durations, without free tier', () => {
    // 2 × 401 + 8 × 51 = 1,210 ms at 1 GB = 1.21 GB-s; 10 Lambda requests; 10 HTTP API requests.
    expect(run.invocations).toBe(10);
    expect(run.estimate.compute.onDemandGbSeconds).toBeCloseTo(1.21, 9);
    expect(run.estimate.totalUsd).toBeCloseTo(1.21 * 0.0000166667 + 10 * 0.2e-6 + 10 * 1e-6, 12);
    expect(cents(run.costPerMillionUsd)).toBe(3.22);
    expect(run.costPerRequestUsd * 1e6).toBeCloseTo(run.costPerMillionUsd, 9);
  });

  it('gives each line of the run cost its stable id (the run result stores these lines)', () => {
    expect(run.estimate.lines.map((l) => l.id)).toEqual(['lambda.requests', 'lambda.compute.x86_64.tier1', 'apigw.http.requests.tier1']);
  });

  it('meters a run\'s HTTP request sizes band by band when it knows them, not on their average', () => {
    // 9 requests of 20 KB and 1 of 1.2 MB: 9 + 3 = 12 metered; the 141 KB average would meter 10.
    const sizes = { requestSizeDistribution: [{ sizeKb: 20, share: 0.9 }, { sizeKb: 1228.8, share: 0.1 }] };
    const mixed = estimateRunCost({ ...measured, api: { ...measured.api!, ...sizes } });
    expect(mixed.estimate.lines.find((l) => l.id === 'apigw.http.requests.tier1')!.quantity).toBeCloseTo(12, 9);
    expect(mixed.basis.api!.meteredPerRequest).toBeCloseTo(1.2, 9);
  });

  it('gives the share of compute spent on billed INIT', () => {
    // Billed INIT = 401 − ceil(100.2) = 300 ms per cold start: 600 of 1,210 billed ms.
    expect(run.coldStarts).toMatchObject({ count: 2, billedInitMs: 600 });
    expect(run.coldStarts.shareOfCompute).toBeCloseTo(600 / 1210, 9);
    expect(run.coldStarts.initUsd).toBeCloseTo(0.6 * 0.0000166667, 12);
  });

  it('re-bills under the rules of an earlier date: no INIT before 2025-08-01', () => {
    const before = estimateRunCost(measured, { billing: { date: '2025-07-31' } });
    expect(before.estimate.compute.onDemandGbSeconds).toBeCloseTo(0.61, 9);
    expect(before.coldStarts.shareOfCompute).toBe(0);
    expect(before.coldStarts.count).toBe(2);
  });

  it('re-bills at 100 ms granularity from the whole-ms histograms, with and without INIT', () => {
    // Warm 50.1 ms → 100 ms. Cold 100.2 ms + 300.5 ms INIT → 500 ms with INIT billed, of which
    // 500 − roundUp(100.2) = 300 ms are INIT; 200 ms without INIT billed.
    const withInit = estimateRunCost(measured, { billing: { granularityMs: 100 } });
    expect(withInit.estimate.compute.onDemandGbSeconds).toBeCloseTo((8 * 100 + 2 * 500) / 1000, 9);
    expect(withInit.coldStarts.billedInitMs).toBe(600);
    const before2020 = estimateRunCost(measured, { billing: { date: '2020-06-01' } });
    expect(before2020.estimate.compute.onDemandGbSeconds).toBeCloseTo((8 * 100 + 2 * 200) / 1000, 9);
    expect(before2020.coldStarts.billedInitMs).toBe(0);
    // A custom runtime paid for INIT before 2025-08-01 too.
    const custom = estimateRunCost({ ...measured, functions: { api: { initAlwaysBilled: true } } }, { billing: { date: '2020-06-01' } });
    expect(custom.coldStarts.billedInitMs).toBe(600);
  });

  it('prices provisioned invocations at the PC duration price and warns when the allocation is unknown', () => {
    const pc = estimateRunCost({ region: 'us-east-1', totals: totalsFromRecords([record({ provisioned: true, billedMs: 1000, durationMs: 999.5 })]) });
    expect(sumLines(pc.estimate, 'Lambda PC duration')).toBeCloseTo(0.0000097222, 12);
    expect(pc.estimate.warnings.map((w) => w.code)).toContain('PC_ALLOCATION_UNKNOWN');
    const known = estimateRunCost({
      region: 'us-east-1',
      totals: totalsFromRecords([record({ provisioned: true, billedMs: 1000, durationMs: 999.5 })]),
      functions: { api: { provisionedConcurrency: 2 } },
      runDurationMs: 60_000,
    });
    // 2 environments × 1 GB × 5 min (1 min rounded up) × $0.0000041667
    expect(sumLines(known.estimate, 'Lambda provisioned')).toBeCloseTo(2 * 300 * 0.0000041667, 12);
    expect(known.estimate.warnings).toEqual([]);
  });

  it('records the per-request basis for projections', () => {
    expect(run.basis.functions).toEqual([
      expect.objectContaining({ name: 'api', memoryMb: 1024, architecture: 'x86_64', invocationsPerRequest: 1, avgBilledMs: 61, coldStartRate: 0.2, avgBilledInitMs: 300 }),
    ]);
    expect(run.basis.api).toEqual({ type: 'http', meteredPerRequest: 1, responseBytesPerRequest: 0 });
  });
});

describe('projectMonthlyCost', () => {
  const { basis } = estimateRunCost(measured);

  it.each([
    { traffic: { monthlyRequests: 100e6 }, requests: 100e6 },
    { traffic: { dailyRequests: 1e6 }, requests: 30e6 },
    { traffic: { dailyRequests: 1e6, daysPerMonth: 31 }, requests: 31e6 },
    { traffic: { peakRps: 100, peakHoursPerDay: 8, offPeakRps: 10 }, requests: (100 * 8 + 10 * 16) * 3600 * 30 },
  ])('derives the monthly volume of $traffic', ({ traffic, requests }) => {
    expect(monthlyRequestsOf(traffic).requests).toBe(requests);
  });

  it('scales the run to a month: 100M requests', () => {
    // 100M × 61 ms + 20M cold × 300 ms = 12.1M GB-s → $201.67; requests $20.00; HTTP API $100.00.
    const p = projectMonthlyCost(basis, { monthlyRequests: 100e6 });
    expect(cents(p.estimate.totalUsd)).toBe(321.67);
    expect(cents(p.costPerMillionUsd)).toBe(3.22);
  });

  it('applies the free tier and a lower cold-start rate when asked', () => {
    expect(cents(projectMonthlyCost(basis, { monthlyRequests: 100e6 }, { freeTier: true }).estimate.totalUsd)).toBe(314.8);
    // 100M × 61 ms + 1M × 300 ms = 6.4M GB-s → $106.67
    expect(cents(projectMonthlyCost(basis, { monthlyRequests: 100e6 }, { coldStartRate: 0.01 }).estimate.totalUsd)).toBe(226.67);
  });

  it('applies tiers on the projected month, not per request', () => {
    const big: ProjectionBasis = { region: 'us-east-1', functions: [{ ...basis.functions[0]!, avgBilledMs: 1000, coldStartRate: 0 }] };
    // 20B requests × 1 s × 1 GB = 20B GB-s: $301,667.20 for duration, plus $4,000 requests.
    expect(cents(projectMonthlyCost(big, { monthlyRequests: 20e9 }).estimate.totalUsd)).toBe(305_667.2);
  });
});

describe('compareCosts', () => {
  const { basis } = estimateRunCost(measured);

  it('prices the same month on x86_64 / arm64 and REST / HTTP API', () => {
    const c = compareCosts(basis, { monthlyRequests: 100e6 });
    const byLabel = Object.fromEntries(c.rows.map((r) => [r.label, r]));
    expect(Object.keys(byLabel)).toEqual(['x86_64 + REST', 'x86_64 + HTTP API', 'arm64 + REST', 'arm64 + HTTP API']);
    expect(byLabel['x86_64 + HTTP API']!.baseline).toBe(true);
    expect(cents(byLabel['x86_64 + HTTP API']!.monthlyUsd)).toBe(321.67);
    // 12.1M GB-s × $0.0000133334 = $161.33 + $20 + $100
    expect(cents(byLabel['arm64 + HTTP API']!.monthlyUsd)).toBe(281.33);
    // REST: $350 for 100M requests instead of $100
    expect(cents(byLabel['x86_64 + REST']!.monthlyUsd)).toBe(571.67);
    expect(cents(byLabel['x86_64 + REST']!.deltaUsd)).toBe(250);
    expect(c.notes.join(' ')).toContain('reuse the durations measured on x86_64');
  });

  it('adds a row per memory size the run measured', () => {
    const fn = basis.functions[0]!;
    const twoSizes: ProjectionBasis = {
      region: 'us-east-1',
      functions: [
        { ...fn, name: 'api', memoryMb: 512, invocationsPerRequest: 0.5, avgBilledMs: 200, coldStartRate: 0 },
        { ...fn, name: 'api', memoryMb: 2048, invocationsPerRequest: 0.5, avgBilledMs: 40, coldStartRate: 0 },
      ],
    };
    const rows = compareCosts(twoSizes, { monthlyRequests: 10e6 }).rows.filter((r) => r.memoryMb !== undefined);
    // 512 MB: 10M × 0.2 s × 0.5 GB = 1M GB-s; 2048 MB: 10M × 0.04 s × 2 GB = 0.8M GB-s; + $2 requests each.
    expect(rows.map((r) => [r.label, cents(r.monthlyUsd)])).toEqual([
      ['512 MB (measured)', cents(1e6 * 0.0000166667 + 2)],
      ['2048 MB (measured)', cents(0.8e6 * 0.0000166667 + 2)],
    ]);
  });

  it('does not treat two different functions of different memory sizes as memory variants', () => {
    const fn = basis.functions[0]!;
    const chain: ProjectionBasis = {
      region: 'us-east-1',
      functions: [
        { ...fn, name: 'caller', memoryMb: 256, invocationsPerRequest: 1 },
        { ...fn, name: 'callee', memoryMb: 128, invocationsPerRequest: 1 },
      ],
    };
    expect(compareCosts(chain, { monthlyRequests: 1e6 }).rows.filter((r) => r.memoryMb !== undefined)).toEqual([]);
  });
});
