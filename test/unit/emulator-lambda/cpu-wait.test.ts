import { describe, expect, it } from 'vitest';
import { hostWaitMs } from '../../../src/emulator/lambda/cpu-wait.js';

describe("hostWaitMs: the run delay that was the host's, not the CPU share's", () => {
  const at = (runMs: number, delayMs: number) => ({ runMs, delayMs });

  it('is the whole delay without a quota (INIT, cpu: host, or a share of a CPU or more)', () => {
    expect(hostWaitMs(at(0, 0), at(40, 25), undefined)).toBe(25);
    expect(hostWaitMs(at(0, 0), at(40, 25), 1.7)).toBe(25);
  });

  it("takes off the throttle a share imposes on the CPU the thread used: 10 ms at a quarter CPU is held 30 ms", () => {
    expect(hostWaitMs(at(5, 5), at(15, 35), 0.25)).toBe(0);
    expect(hostWaitMs(at(5, 5), at(15, 55), 0.25)).toBe(20);
  });

  it('is never negative, and unknown when either sample is', () => {
    expect(hostWaitMs(at(0, 0), at(10, 2), 0.5)).toBe(0);
    expect(hostWaitMs(undefined, at(10, 2), 0.5)).toBeUndefined();
    expect(hostWaitMs(at(0, 0), undefined, undefined)).toBeUndefined();
  });
});
