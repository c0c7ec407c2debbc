/** The simulator's per-second series: one Float64Array per measure, sized once for the whole simulated duration. */
import type { SimTimeline } from './sim-types.js';
import { THROTTLE_CAUSES, type ThrottleCause } from './types.js';

export function createSimTimeline(durationS: number): SimTimeline {
  const series = () => new Float64Array(durationS);
  const throttles = {} as Record<ThrottleCause, Float64Array>;
  for (const cause of THROTTLE_CAUSES) throttles[cause] = series();
  return {
    arrivals: series(),
    served: series(),
    coldStarts: series(),
    integrationTimeouts: series(),
    throttles,
    busyPeak: series(),
    idleEnd: series(),
    initialisingEnd: series(),
    latencySumMs: series(),
    latencyMaxMs: series(),
  };
}

export function emptyThrottleCounts(): Record<ThrottleCause, number> {
  const counts = {} as Record<ThrottleCause, number>;
  for (const cause of THROTTLE_CAUSES) counts[cause] = 0;
  return counts;
}
