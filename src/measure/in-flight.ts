/**
 * Invocations in flight at once (Lambda's ConcurrentExecutions), counted two ways that agree:
 * - live: `createInFlightTracker` counts an invocation in when it starts and out when it ends, and keeps the peak per
 *   function and overall. It stores two counters per function, however long the run.
 * - after the fact: `intervalEdges` turns invocations known only by start and length (REPORT facts) into the same
 *   start / end events in time order, so a batch of records feeds the same tracker (`peakOverlap`).
 * An invocation covers [start, start + init + duration): a cold start's INIT keeps its environment busy before the
 * handler runs. Touching intervals are sequential: at the same instant an end counts before a start.
 */

/** What a tracker knows: the most in flight at once, overall and per function. */
export interface InFlightPeaks {
  peak: number;
  byFunction: Record<string, number>;
}

export interface InFlightTracker {
  started(functionName: string): void;
  ended(functionName: string): void;
  peaks(): InFlightPeaks;
}

export function createInFlightTracker(): InFlightTracker {
  const now = new Map<string, number>();
  const byFunction: Record<string, number> = {};
  let total = 0;
  let peak = 0;
  return {
    started(functionName) {
      const count = (now.get(functionName) ?? 0) + 1;
      now.set(functionName, count);
      if (count > (byFunction[functionName] ?? 0)) byFunction[functionName] = count;
      total++;
      if (total > peak) peak = total;
    },
    ended(functionName) {
      // A zero-length interval replayed by `intervalEdges` ends before it starts (ends first at the same instant):
      // the counts dip below their value for that moment and come back, raising no peak, as in a plain sweep.
      now.set(functionName, (now.get(functionName) ?? 0) - 1);
      total--;
    },
    peaks: () => ({ peak, byFunction: { ...byFunction } }),
  };
}

export interface Interval {
  startedAtMs: number;
  durationMs: number;
  initMs?: number;
}

export interface IntervalEdge<T extends Interval> {
  atMs: number;
  /** +1 at the start, −1 at the end. */
  delta: 1 | -1;
  interval: T;
}

/** Start and end events of the intervals in time order; at the same instant ends come first. */
export function intervalEdges<T extends Interval>(intervals: readonly T[]): Array<IntervalEdge<T>> {
  const edges: Array<IntervalEdge<T>> = [];
  for (const interval of intervals) {
    edges.push(
      { atMs: interval.startedAtMs, delta: 1, interval },
      { atMs: interval.startedAtMs + (interval.initMs ?? 0) + interval.durationMs, delta: -1, interval },
    );
  }
  return edges.sort((a, b) => a.atMs - b.atMs || a.delta - b.delta);
}

/** The most intervals overlapping at once. */
export function peakOverlap(intervals: readonly Interval[]): number {
  let now = 0;
  let peak = 0;
  for (const { delta } of intervalEdges(intervals)) {
    now += delta;
    if (now > peak) peak = now;
  }
  return peak;
}
