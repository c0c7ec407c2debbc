/**
 * Traffic shapes as expected arrivals per second (a Float64Array, one cell per simulated second), and arrival
 * streams drawn from them: Poisson (exponential gaps in the integrated rate, i.e. a non-homogeneous Poisson process)
 * or evenly spaced (gaps of exactly 1 in the integrated rate, as lambdaload's own open phases send).
 */
import { parseDurationMs } from '../scenario/duration.js';
import type { TrafficSpec } from './types.js';

/** `fileSeries`: the file's requests per second, for `{ type: 'result' }` (its sent counts) and `{ type: 'csv' }`. */
export function arrivalsPerSecond(spec: TrafficSpec, fileSeries?: ArrayLike<number>): Float64Array {
  switch (spec.type) {
    case 'steady':
      return new Float64Array(seconds(parseDurationMs(spec.duration))).fill(spec.rps);
    case 'spike': {
      const rampS = parseDurationMs(spec.ramp) / 1000;
      const holdS = spec.hold === undefined ? 60 : parseDurationMs(spec.hold) / 1000;
      const from = spec.fromRps ?? 0;
      // The mean rate over each second of the ramp (its midpoint on a straight line), so the integral is exact.
      return fill(seconds((rampS + holdS) * 1000), (mid) => (mid < rampS ? from + ((spec.toRps - from) * mid) / rampS : spec.toRps));
    }
    case 'daily': {
      const start = (spec.startHour ?? 0) * 3600;
      const durationMs = spec.duration === undefined ? 86_400_000 : parseDurationMs(spec.duration);
      const hourly = spec.hourlyRps;
      return fill(seconds(durationMs), (mid) => {
        // Each hourly figure is the rate at the start of its hour; straight lines between them, wrapping at midnight.
        const hour = ((start + mid) / 3600) % 24;
        const h = Math.floor(hour);
        return hourly[h] + (hourly[(h + 1) % 24] - hourly[h]) * (hour - h);
      });
    }
    case 'result':
    case 'csv': {
      const sent = fileSeries ?? [];
      const scale = spec.scale ?? 1;
      const total = spec.duration === undefined ? sent.length : seconds(parseDurationMs(spec.duration));
      return fill(total, (mid) => (sent.length === 0 ? 0 : sent[Math.floor(mid) % sent.length] * scale));
    }
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function fill(length: number, rateAt: (midSecond: number) => number): Float64Array {
  const out = new Float64Array(length);
  for (let s = 0; s < length; s++) out[s] = Math.max(0, rateAt(s + 0.5));
  return out;
}

export interface ArrivalStream {
  /** The next arrival time in ms, or Infinity when the traffic has ended. */
  next(): number;
}

/**
 * Arrivals of a `share` of the traffic. Inside one second the rate is taken as constant (its cell), so the inverse
 * of the integrated rate is a walk over cells plus one division.
 */
export function createArrivalStream(perSecond: Float64Array, share: number, mode: 'poisson' | 'uniform', random: () => number): ArrivalStream {
  let second = 0;
  let usedInSecond = 0; // integrated rate already consumed in the current cell
  // Evenly spaced streams start half a gap in, so a constant rate r sends r requests in every whole second.
  let pending = mode === 'uniform' ? 0.5 : -Math.log(1 - random());
  return {
    next() {
      for (;;) {
        if (second >= perSecond.length) return Infinity;
        const mass = perSecond[second] * share;
        if (usedInSecond + pending <= mass) {
          usedInSecond += pending;
          const t = (second + usedInSecond / mass) * 1000;
          pending = mode === 'uniform' ? 1 : -Math.log(1 - random());
          return t;
        }
        pending -= mass - usedInSecond;
        usedInSecond = 0;
        second++;
      }
    },
  };
}

/** The largest and the mean arrival rate of a profile. */
export function rateSummary(perSecond: Float64Array): { peakRps: number; meanRps: number; total: number } {
  let peak = 0;
  let total = 0;
  for (let s = 0; s < perSecond.length; s++) {
    total += perSecond[s];
    if (perSecond[s] > peak) peak = perSecond[s];
  }
  return { peakRps: peak, meanRps: total / perSecond.length, total };
}
