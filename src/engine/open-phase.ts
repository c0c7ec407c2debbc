/**
 * Runs one open-model phase: wakes when the next arrival is due and hands out, in one batch, every arrival whose
 * intended time has come. The target's speed never changes the schedule (no coordinated omission): a slow target
 * shows up as latency from the intended time, as in-flight growth, and past the cap as drops.
 *
 * Waking: libuv timers have 1 ms granularity and often fire up to 1 ms late, so a timer alone would make many sends
 * late at high rates. The loop sleeps on a timer until `SPIN_WINDOW_MS` before the next arrival, then polls with
 * `setImmediate` (which still lets the event loop handle sockets between polls). At rates above ~1/SPIN_WINDOW the
 * loop polls continuously; that costs CPU on the generator but keeps the send lag well under a millisecond.
 */
import { performance } from 'node:perf_hooks';
import type { PhaseSchedule } from './schedule.js';

/** How close to the next arrival the loop switches from a timer to polling. */
export const SPIN_WINDOW_MS = 2;

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
export function runOpenPhase(schedule: PhaseSchedule, startAtMs: number, arrive: (intendedAtMs: number) => void): OpenPhaseRun {
  const endAtMs = startAtMs + schedule.phase.durationMs;
  const cursor = schedule.cursor();
  let nextOffsetMs = cursor.next();
  let nextAtMs = nextOffsetMs < 0 ? Infinity : startAtMs + nextOffsetMs;
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  let finish!: () => void;
  let stopped = false;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const pump = (): void => {
    timer = undefined;
    immediate = undefined;
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
    const wakeAtMs = nextAtMs < endAtMs ? nextAtMs : endAtMs;
    const delayMs = wakeAtMs - performance.now();
    if (delayMs > SPIN_WINDOW_MS) timer = setTimeout(pump, delayMs - SPIN_WINDOW_MS);
    else immediate = setImmediate(pump);
  };

  pump();
  return {
    done,
    stop() {
      if (stopped) return;
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      if (immediate !== undefined) clearImmediate(immediate);
      finish();
    },
  };
}
