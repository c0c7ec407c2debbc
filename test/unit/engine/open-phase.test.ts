import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { runOpenPhase } from '../../../src/engine/open-phase.js';
import { createPhaseSchedule } from '../../../src/engine/schedule.js';
import { createThreadWaker, createTimerWaker, type Waker } from '../../../src/engine/waker.js';

/** Structural checks only (order, never early, counts); how late is the benchmarks' business. */
describe.each([
  ['helper thread', createThreadWaker],
  ['timers', async () => createTimerWaker()],
])('open phase loop (waker: %s)', (_name, createWaker) => {
  let waker: Waker;
  beforeEach(async () => {
    waker = await createWaker();
  });
  afterEach(() => waker.close());

  it('hands out every arrival in order, never before its intended time, then ends after the phase end', async () => {
    const schedule = createPhaseSchedule({ type: 'constant', rate: 100, durationMs: 200 });
    const startAtMs = performance.now() + 20;
    const calls: Array<{ intendedAtMs: number; calledAtMs: number }> = [];
    const run = runOpenPhase(schedule, startAtMs, (intendedAtMs) => calls.push({ intendedAtMs, calledAtMs: performance.now() }), waker);
    await run.done;
    expect(performance.now()).toBeGreaterThanOrEqual(startAtMs + 200);
    expect(calls).toHaveLength(20);
    calls.forEach((c, k) => {
      expect(c.intendedAtMs).toBeCloseTo(startAtMs + k * 10, 6);
      expect(c.calledAtMs).toBeGreaterThanOrEqual(c.intendedAtMs);
    });
  });

  it('hands out a backlog of due arrivals in one batch, with their own intended times', async () => {
    const schedule = createPhaseSchedule({ type: 'constant', rate: 1_000, durationMs: 50 });
    // The phase started 100 ms ago: all 50 arrivals are due at once.
    const startAtMs = performance.now() - 100;
    const intended: number[] = [];
    await runOpenPhase(schedule, startAtMs, (t) => intended.push(t), waker).done;
    expect(intended).toHaveLength(50);
    intended.forEach((t, k) => expect(t).toBeCloseTo(startAtMs + k, 6));
  });

  it('stops at once, also from inside arrive, and resolves done', async () => {
    const schedule = createPhaseSchedule({ type: 'constant', rate: 1_000, durationMs: 10_000 });
    let count = 0;
    // Starts a little later, so the first arrivals come from the loop, after `run` is assigned.
    const run = runOpenPhase(schedule, performance.now() + 5, () => {
      if (++count === 5) run.stop();
    }, waker);
    await run.done;
    expect(count).toBe(5);
    const later = runOpenPhase(schedule, performance.now(), () => count++, waker);
    later.stop();
    await later.done;
    const before = count;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(count).toBe(before);
  });

  it('waits out a pause with no arrivals', async () => {
    const startAtMs = performance.now();
    let count = 0;
    await runOpenPhase(createPhaseSchedule({ type: 'pause', durationMs: 100 }), startAtMs, () => count++, waker).done;
    expect(count).toBe(0);
    expect(performance.now()).toBeGreaterThanOrEqual(startAtMs + 100);
  });
});
