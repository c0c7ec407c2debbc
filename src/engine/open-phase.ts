/**
 * Runs one open-model phase: wakes when the next arrival is due and hands out, in one batch, every arrival whose
 * intended time has come. The target's speed never changes the schedule (no coordinated omission): a slow target
 * shows up as latency from the intended time, as in-flight growth, and past the cap as drops. How punctually it wakes
 * is the waker's business (waker.ts: a helper thread to well under a millisecond; libuv timers to about one).
 */
import { performance } from 'node:perf_hooks';
import type { PhaseSchedule } from './schedule.js';
import { createTimerWaker, type Waker } from './waker.js';

export interface OpenPhaseRun {
  /** Resolves when the phase's last arrival has been handed out and its end time has passed, or on `stop`. */
  readonly done: Promise<void>;
  /** Stops scheduling now (the arrivals not yet due are never scheduled). */
  stop(): void;
}

/**
 * Starts handing out the arrivals of `schedule`, whose time 0 is `startAtMs` (a `performance.now()` time).
 * `arrive(intendedAtMs)` is called for each arrival, in order, as soon as possible after its intended time.
 */
export function runOpenPhase(
  schedule: PhaseSchedule,
  startAtMs: number,
  arrive: (intendedAtMs: number) => void,
  waker: Waker = createTimerWaker(),
): OpenPhaseRun {
  const endAtMs = startAtMs + schedule.phase.durationMs;
  const cursor = schedule.cursor();
  let nextOffsetMs = cursor.next();
  let nextAtMs = nextOffsetMs < 0 ? Infinity : startAtMs + nextOffsetMs;
  let finish!: () => void;
  let stopped = false;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const pump = (): void => {
    if (stopped) return;
    const nowMs = performance.now();
    while (nextAtMs <= nowMs) {
      arrive(nextAtMs);
      if (stopped) return;
      nextOffsetMs = cursor.next();
      nextAtMs = nextOffsetMs < 0 ? Infinity : startAtMs + nextOffsetMs;
    }
    if (nextAtMs === Infinity && nowMs >= endAtMs) {
      stopped = true;
      finish();
      return;
    }
    waker.wakeAt(nextAtMs < endAtMs ? nextAtMs : endAtMs, pump);
  };

  pump();
  return {
    done,
    stop() {
      if (stopped) return;
      stopped = true;
      waker.cancel();
      finish();
    },
  };
}
