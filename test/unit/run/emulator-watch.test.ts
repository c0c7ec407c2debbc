/**
 * What stops a run: the caller's signal or the emulator's death, the first one named as the cause; the warning says
 * how the emulator ended and when.
 */
import { describe, expect, it } from 'vitest';
import type { EmulatorDeath } from '../../../src/emulator/child/remote.js';
import { emulatorDiedWarning, missingIfDied, watchRun } from '../../../src/run/emulator-watch.js';

const startedAt = new Date('2025-01-01T00:00:00.000Z');

/** A stand-in for the remote emulator: only its death matters here. */
function fakeEmulator() {
  let listener: ((death: EmulatorDeath) => void) | undefined;
  return {
    onDeath: (l: (death: EmulatorDeath) => void) => (listener = l),
    die: (death: EmulatorDeath) => listener?.(death),
  };
}

describe('watchRun', () => {
  it('the emulator dies: the signal aborts, the cause carries its signal, exit code and time into the run', () => {
    const emulator = fakeEmulator();
    const stop = watchRun({ emulator, startedAt });
    expect(stop.signal.aborted).toBe(false);
    expect(stop.cause).toBeUndefined();
    const death = { code: null, signal: 'SIGKILL' as const, at: new Date('2025-01-01T00:00:12.500Z') };
    emulator.die(death);
    expect(stop.signal.aborted).toBe(true);
    expect(stop.death).toBe(death);
    expect(stop.cause).toEqual({ reason: 'emulator-died', exitCode: null, signal: 'SIGKILL', at: '2025-01-01T00:00:12.500Z', elapsedMs: 12_500 });
  });

  it("the caller's signal: the cause is an interruption, also when the emulator dies afterwards", () => {
    const controller = new AbortController();
    const emulator = fakeEmulator();
    const stop = watchRun({ signal: controller.signal, emulator, startedAt });
    controller.abort();
    expect(stop.signal.aborted).toBe(true);
    expect(stop.cause).toEqual({ reason: 'interrupted' });
    emulator.die({ code: 1, signal: null, at: new Date('2025-01-01T00:00:03.000Z') });
    expect(stop.cause).toEqual({ reason: 'interrupted' });
    // Its figures are gone all the same.
    expect(stop.death).toBeDefined();
  });

  it('an already-aborted signal stops the run at once; dispose() stops listening', () => {
    const stop = watchRun({ signal: AbortSignal.abort(), startedAt });
    expect(stop.signal.aborted).toBe(true);
    expect(stop.cause).toEqual({ reason: 'interrupted' });
    const controller = new AbortController();
    const later = watchRun({ signal: controller.signal, startedAt });
    later.dispose();
    controller.abort();
    expect(later.signal.aborted).toBe(false);
  });

  it('missingIfDied: a query that failed because of the death is missing, any other failure is thrown', () => {
    const emulator = fakeEmulator();
    const stop = watchRun({ emulator, startedAt });
    const failure = new Error('boom');
    expect(() => missingIfDied(stop)(failure)).toThrow(failure);
    emulator.die({ code: 1, signal: null, at: new Date('2025-01-01T00:00:01.000Z') });
    expect(missingIfDied(stop)(failure)).toBeUndefined();
  });
});

describe('emulatorDiedWarning', () => {
  it('names the signal, or the exit code, and when', () => {
    const killed = emulatorDiedWarning({ code: null, signal: 'SIGKILL', at: new Date('2025-01-01T00:00:12.500Z') }, startedAt);
    expect(killed.code).toBe('EMULATOR_DIED');
    expect(killed.message).toMatch(/^the emulator process was killed by SIGKILL 12\.5 s into the run \(2025-01-01T00:00:12\.500Z\): the run stopped there\./);
    expect(killed.message).toContain('the cost are missing');
    const crashed = emulatorDiedWarning({ code: 7, signal: null, at: new Date('2025-01-01T00:00:01.000Z') }, startedAt);
    expect(crashed.message).toMatch(/^the emulator process exited with code 7 1\.0 s into the run/);
  });
});
