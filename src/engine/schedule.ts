/**
 * Arrival times of open-model phases, computed lazily one at a time (a 5-minute run at 5,000 req/s never holds its
 * 1.5 M times in memory). Pure: the same phase and seed give the same times.
 *
 * Both arrival processes go through the integrated rate Λ(t) of the phase (see `phases.ts`):
 * - uniform: the k-th arrival (k = 0, 1, ...) is at Λ⁻¹(k), so a ramp's spacing shrinks smoothly with the rate
 *   rather than in per-second steps;
 * - Poisson: arrivals at Λ⁻¹(S₁), Λ⁻¹(S₂), ... with Sᵢ the partial sums of unit exponentials, i.e. a
 *   non-homogeneous Poisson process by time rescaling (Çinlar 1975; see e.g.
 *   https://en.wikipedia.org/wiki/Poisson_point_process#Inhomogeneous_Poisson_point_process).
 */
import { arrivalsBy, createRateProfile, invertInSegment, rateAt, type RateProfile, type ResolvedOpenPhase } from './phases.js';
import { createRandom, type RandomSource } from './random.js';

/** Hands out a phase's arrival offsets in order. */
export interface ArrivalCursor {
  /** The next arrival, in ms from the phase start, or -1 when the phase has no more arrivals. */
  next(): number;
}

export interface PhaseSchedule {
  readonly phase: ResolvedOpenPhase;
  readonly profile: RateProfile;
  /** Arrivals the phase will produce: exact for uniform arrivals, the mean for Poisson arrivals. */
  readonly expectedCount: number;
  /** Target rate (req/s) at `elapsedMs` into the phase. */
  targetRpsAt(elapsedMs: number): number;
  /** Expected arrivals in the first `elapsedMs` of the phase (Λ(t)), for progress. */
  expectedBy(elapsedMs: number): number;
  /** A fresh cursor over the phase's arrivals (the same times every call). */
  cursor(): ArrivalCursor;
}

export interface ScheduleOptions {
  /** Seed of the Poisson process. Default 1. */
  seed?: number;
}

/** Λ values within this of the phase total count as its end, so float sums never add a phantom arrival. */
const END_EPSILON = 1e-9;

export function createPhaseSchedule(phase: ResolvedOpenPhase, options: ScheduleOptions = {}): PhaseSchedule {
  const profile = createRateProfile(phase);
  const poisson = phase.type !== 'pause' && phase.arrivals === 'poisson';
  const seed = options.seed ?? 1;
  return {
    phase,
    profile,
    expectedCount: poisson ? profile.totalArrivals : uniformCount(profile.totalArrivals),
    targetRpsAt: (elapsedMs) => rateAt(profile, elapsedMs),
    expectedBy: (elapsedMs) => arrivalsBy(profile, elapsedMs),
    cursor: () => createCursor(profile, poisson ? createRandom(seed) : undefined),
  };
}

/** All arrival offsets (ms from the phase start) of a phase, lazily. */
export function* arrivalTimes(phase: ResolvedOpenPhase, options: ScheduleOptions = {}): Generator<number, void, undefined> {
  const cursor = createPhaseSchedule(phase, options).cursor();
  for (let t = cursor.next(); t >= 0; t = cursor.next()) yield t;
}

/** Uniform arrivals sit at Λ = 0, 1, 2, ... below the total: ⌈total⌉ of them. */
function uniformCount(total: number): number {
  const end = total - END_EPSILON * Math.max(1, total);
  return end > 0 ? Math.ceil(end) : 0;
}

function createCursor(profile: RateProfile, random: RandomSource | undefined): ArrivalCursor {
  const { segments } = profile;
  const end = profile.totalArrivals - END_EPSILON * Math.max(1, profile.totalArrivals);
  let segmentIndex = 0;
  // Λ value of the next arrival: 0, 1, 2, ... (uniform) or a running sum of Exp(1) draws (Poisson).
  let lambda = random === undefined ? 0 : -Math.log(1 - random());
  return {
    next() {
      if (!(lambda < end)) return -1;
      const x = lambda;
      lambda += random === undefined ? 1 : -Math.log(1 - random());
      let s = segments[segmentIndex];
      while (x >= s.arrivalsBefore + s.arrivals && segmentIndex < segments.length - 1) s = segments[++segmentIndex];
      return s.startMs + invertInSegment(s, x - s.arrivalsBefore);
    },
  };
}
