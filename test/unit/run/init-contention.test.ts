import { describe, expect, it } from 'vitest';
import { CPU_WAIT_NOTICE_MS, totalsFromRecords, type LedgerRecord } from '../../../src/measure/invocation-ledger.js';
import { coldStartsOf, mergeInvocationTotals } from '../../../src/measure/invocation-totals.js';
import {
  CPU_WAIT_WARN_TOTAL_MS,
  HOST_WAIT_NOTICE_MS,
  hostContentionWarnings,
  hostCpuWaitWarning,
  initContentionWarning as warningOfColdStarts,
  sparesExhaustedWarning,
} from '../../../src/run/init-contention.js';

const base = { functionName: 'fn', provisioned: false, durationMs: 5, billedMs: 5, memoryMb: 128, maxMemoryUsedMb: 40, outcome: 'success' } as const;
/** A cold start that spawned its runtime process (no spare). */
const cold = (startedAtMs: number, initMs: number, simulatedInitMs?: number): LedgerRecord => ({
  ...base,
  cold: true,
  startedAtMs,
  initMs,
  simulatedInitMs,
  initBreakdown: { runtimeStartMs: simulatedInitMs ?? 0, runtimeStart: simulatedInitMs ? 'profile' : 'included', functionInitMs: initMs - (simulatedInitMs ?? 0) },
});
/** A cold start that took a spare runtime and waited `hostWaitMs` for it beyond its boot. */
const spare = (startedAtMs: number, initMs: number, hostWaitMs: number): LedgerRecord => ({
  ...base,
  cold: true,
  startedAtMs,
  initMs,
  initBreakdown: { runtimeStartMs: initMs - 3, runtimeStart: 'measured', functionInitMs: 3, hostWaitMs },
});
const warm = (startedAtMs: number): LedgerRecord => ({ ...base, cold: false, startedAtMs });

/** The warning from records as the run sees them: through the ledger's cold-start entries. */
function initContentionWarning(records: LedgerRecord[], cores: number) {
  return warningOfColdStarts(coldStartsOf(totalsFromRecords(records)), cores);
}

describe('initContentionWarning', () => {
  it('warns when many environments started at once and start-ups slowed down, with the numbers', () => {
    // 10 start-ups overlapping on 2 cores, the fastest 70 ms, the others ~1 s.
    const records = [cold(0, 70), ...Array.from({ length: 9 }, (_, i) => cold(10 + i, 900 + i * 10)), warm(2_000)];
    const w = initContentionWarning(records, 2);
    expect(w?.code).toBe('EMULATOR_INIT_CONTENTION');
    expect(w?.message).toMatch(/^up to 10 environments were starting at once on this machine's 2 CPU cores/);
    expect(w?.message).toContain('init median 930 ms, the fastest 70 ms');
    expect(w?.message).toContain('(10 cold starts)');
  });

  it('says nothing when start-ups overlap little, even if some were slow', () => {
    const records = [cold(0, 70), cold(1_000, 400), cold(2_000, 500), cold(3_000, 450)];
    expect(initContentionWarning(records, 2)).toBeUndefined();
  });

  it('says nothing when many started at once but none slowed down (more cores than start-ups need)', () => {
    const records = Array.from({ length: 10 }, (_, i) => cold(i, 80 + i));
    expect(initContentionWarning(records, 2)).toBeUndefined();
  });

  it("leaves the aws profile's simulated delay out: it is a sleep, not CPU", () => {
    // Reported inits of ~1 s, of which 950 ms simulated: the processes themselves started in 50–60 ms.
    const records = Array.from({ length: 10 }, (_, i) => cold(i, 1_000 + i, 950));
    expect(initContentionWarning(records, 2)).toBeUndefined();
  });

  it('needs at least two cold starts', () => {
    expect(initContentionWarning([cold(0, 3_000), warm(10)], 1)).toBeUndefined();
  });

  it('leaves out cold starts that took a spare runtime: their start-up ran before, in the background', () => {
    const records = [cold(0, 70), ...Array.from({ length: 9 }, (_, i) => spare(10 + i, 900 + i * 10, 0))];
    expect(initContentionWarning(records, 2)).toBeUndefined();
  });
});

describe('sparesExhaustedWarning', () => {
  const warningOf = (records: LedgerRecord[]) => sparesExhaustedWarning(coldStartsOf(totalsFromRecords(records)));

  it('counts the cold starts that waited for a spare, with the median and longest wait', () => {
    const records = [spare(0, 90, 0), spare(1, 90, 2), spare(2, 90, 40), spare(3, 90, 120), spare(4, 90, 300), warm(10)];
    const w = warningOf(records);
    expect(w?.code).toBe('EMULATOR_SPARES_EXHAUSTED');
    expect(w?.message).toMatch(/^3 of 5 cold starts found no spare runtime process ready/);
    expect(w?.message).toContain('median 120 ms, max 300 ms');
  });

  it('says nothing when no cold start waited (or only within scheduling noise)', () => {
    expect(warningOf([spare(0, 90, 0), spare(1, 90, HOST_WAIT_NOTICE_MS - 1), cold(2, 500)])).toBeUndefined();
  });
});

describe('hostCpuWaitWarning', () => {
  const waited = (startedAtMs: number, durationMs: number, cpuWaitMs: number, functionName = 'fn'): LedgerRecord => ({
    ...base,
    functionName,
    cold: false,
    startedAtMs,
    durationMs,
    cpuWaitMs,
  });

  it('counts per function the invocations that waited for the CPU at least a tenth of their own time, with the total wait', () => {
    const totals = totalsFromRecords([
      waited(0, 1_000, 100), // a tenth: slowed
      waited(1, 100, 9), // under a tenth
      waited(2, 20, CPU_WAIT_NOTICE_MS - 1), // a quarter, but within the scheduler's noise
      waited(3, 50, 1_500, 'other'),
      warm(4), // no figure (not Linux, or the process was gone)
    ]);
    const fn = totals.functions.find((f) => f.functionName === 'fn')!;
    expect(fn.cpuWait?.invocationsSlowed).toBe(1);
    expect(fn.cpuWait?.msSum).toBeCloseTo(113);
    const w = hostCpuWaitWarning(totals);
    expect(w?.code).toBe('EMULATOR_HOST_CPU_WAIT');
    expect(w?.message).toContain('fn: 1 of 4 invocations, 113 ms waited in all; other: 1 of 1 invocations, 1.5 s waited in all');
    expect(hostContentionWarnings(totals, 2).map((x) => x.code)).toEqual(['EMULATOR_HOST_CPU_WAIT']);
  });

  it('says nothing of a few slowed invocations in many (a quiet machine\'s noise) unless they waited a second in all', () => {
    const many = (n: number, wait: number) => [waited(0, 10, wait), ...Array.from({ length: n }, (_, i) => warm(i + 1))];
    expect(hostCpuWaitWarning(totalsFromRecords(many(20, 150)))).toBeUndefined();
    expect(hostCpuWaitWarning(totalsFromRecords(many(19, 150)))?.message).toContain('fn: 1 of 20 invocations, 150 ms waited in all');
    expect(hostCpuWaitWarning(totalsFromRecords(many(4, 34)))).toBeUndefined();
    expect(hostCpuWaitWarning(totalsFromRecords(many(199, CPU_WAIT_WARN_TOTAL_MS)))?.message).toContain('1 of 200 invocations, 5.0 s');
  });

  it('says nothing when no invocation was slowed, and merged totals add the waits', () => {
    const a = totalsFromRecords([waited(0, 100, 3), warm(1)]);
    expect(hostCpuWaitWarning(a)).toBeUndefined();
    const merged = mergeInvocationTotals(a, totalsFromRecords([waited(0, 100, 50)]));
    expect(merged.functions[0]!.cpuWait).toEqual({ msSum: 53, invocationsSlowed: 1 });
  });
});
