import { describe, expect, it } from 'vitest';
import { createRecentRecordRing } from '../../../src/emulator/lambda/recent-records.js';
import type { InvocationRecord } from '../../../src/records/invocation.js';

const record = (n: number): InvocationRecord => ({
  requestId: `r${n}`,
  functionName: 'fn',
  cold: false,
  provisioned: false,
  startedAtMs: n,
  durationMs: 1,
  billedMs: 1,
  memoryMb: 128,
  maxMemoryUsedMb: 30,
  outcome: 'success',
});

describe('recent record ring', () => {
  it('keeps the last records in completion order and counts the ones let go', () => {
    const ring = createRecentRecordRing(3);
    expect(ring.snapshot()).toEqual({ records: [], dropped: 0 });
    for (let n = 1; n <= 2; n++) ring.push(record(n));
    expect(ring.snapshot().records.map((r) => r.requestId)).toEqual(['r1', 'r2']);
    for (let n = 3; n <= 7; n++) ring.push(record(n));
    expect(ring.snapshot()).toEqual({ records: [record(5), record(6), record(7)], dropped: 4 });
  });

  it('keeps nothing with a limit of 0', () => {
    const ring = createRecentRecordRing(0);
    ring.push(record(1));
    expect(ring.snapshot()).toEqual({ records: [], dropped: 1 });
  });
});
