import { describe, expect, it } from 'vitest';
import { totalsFromRecords, type LedgerRecord } from '../../../src/measure/invocation-ledger.js';
import { coldStartsOf } from '../../../src/measure/invocation-totals.js';
import { initContentionWarning as warningOfColdStarts } from '../../../src/run/init-contention.js';

const base = { functionName: 'fn', provisioned: false, durationMs: 5, billedMs: 5, memoryMb: 128, maxMemoryUsedMb: 40, outcome: 'success' } as const;
const cold = (startedAtMs: number, initMs: number, simulatedInitMs?: number): LedgerRecord => ({ ...base, cold: true, startedAtMs, initMs, simulatedInitMs });
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
});
