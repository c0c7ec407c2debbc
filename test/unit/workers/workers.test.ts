/** `--workers` parsing and the one live view the parent builds from its workers' progress snapshots. */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import type { RunProgress } from '../../../src/run/run.js';
import { parseWorkers, workerCount } from '../../../src/workers/parse-workers.js';
import { combineProgress } from '../../../src/workers/progress.js';

const snapshot = (over: Partial<RunProgress>): RunProgress => ({
  phaseIndex: 0,
  phaseName: 'steady',
  phaseCount: 2,
  elapsedMs: 1000,
  totalMs: 4000,
  targetRps: 25,
  achievedRps: 24,
  inFlight: 1,
  completed: 20,
  errors: 0,
  coldStarts: 1,
  dropped: 0,
  ...over,
});

describe('parseWorkers', () => {
  it('takes whole numbers ≥ 1 and auto', () => {
    expect(parseWorkers('1')).toBe(1);
    expect(parseWorkers(' 8 ')).toBe(8);
    expect(parseWorkers('auto')).toBe('auto');
  });

  it.each(['0', '-2', '2.5', 'many', '', '1e3'])('refuses %j with a usage error', (text) => {
    expect(() => parseWorkers(text)).toThrow(expect.objectContaining({ code: 'USAGE', message: expect.stringContaining('expected a whole number ≥ 1 or auto') }));
  });

  it('auto is one per core, one left to a local emulator', () => {
    const cores = os.availableParallelism();
    expect(workerCount('auto', 'url')).toBe(cores);
    expect(workerCount('auto', 'emulator')).toBe(Math.max(1, cores - 1));
    expect(workerCount(3, 'emulator')).toBe(3);
  });
});

describe('combineProgress', () => {
  it('adds the workers\' counts and rates; the clock and phase are the furthest worker\'s', () => {
    const combined = combineProgress([
      snapshot({}),
      snapshot({ elapsedMs: 2100, phaseIndex: 1, phaseName: 'closed', targetRps: undefined, achievedRps: 30, inFlight: 2, completed: 25, errors: 3, coldStarts: 0, dropped: 4 }),
    ]);
    expect(combined).toEqual({
      phaseIndex: 1,
      phaseName: 'closed',
      phaseCount: 2,
      elapsedMs: 2100,
      totalMs: 4000,
      targetRps: 25,
      achievedRps: 54,
      inFlight: 3,
      completed: 45,
      errors: 3,
      coldStarts: 1,
      dropped: 4,
    });
  });

  it('shows the workers heard from so far, nothing before the first', () => {
    expect(combineProgress([undefined, undefined])).toBeUndefined();
    expect(combineProgress([undefined, snapshot({ completed: 7 })])).toMatchObject({ completed: 7, targetRps: 25 });
  });
});
