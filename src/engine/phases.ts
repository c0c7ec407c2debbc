/**
 * Phases as the engine takes them (durations already resolved to ms), and the target arrival rate of each open
 * phase as a piecewise-linear rate profile: its integral Λ(t) (expected arrivals by t) and the inverse of Λ, from
 * which the schedule derives arrival times. Pure.
 */
import type { ClosedPhase, ConstantPhase, PausePhase, RampPhase, SpikePhase } from '../scenario/types.js';

type Resolved<P, Drop extends keyof P> = Omit<P, Drop | 'duration'> & { durationMs: number };

export type ResolvedConstantPhase = Resolved<ConstantPhase, never>;
export type ResolvedRampPhase = Resolved<RampPhase, never>;
export type ResolvedSpikePhase = Resolved<SpikePhase, 'spikeAt' | 'spikeDuration'> & {
  /** Offset of the spike from the phase start. Default: the middle of the phase minus half the spike. */
  spikeAtMs?: number;
  spikeDurationMs: number;
};
export type ResolvedPausePhase = Resolved<PausePhase, never>;
export type ResolvedClosedPhase = Resolved<ClosedPhase, never>;

/** Open-model phases: arrivals follow a schedule, whatever the target's speed. */
export type ResolvedOpenPhase = ResolvedConstantPhase | ResolvedRampPhase | ResolvedSpikePhase | ResolvedPausePhase;

/** A scenario `Phase` with every `Duration` converted to milliseconds (the lead's loader does the conversion). */
export type ResolvedPhase = ResolvedOpenPhase | ResolvedClosedPhase;

export function isOpenPhase(phase: ResolvedPhase): phase is ResolvedOpenPhase {
  return phase.type !== 'closed';
}

/** One piece of a rate profile: the rate moves linearly from `startRps` to `endRps` over [startMs, endMs). */
export interface RateSegment {
  startMs: number;
  endMs: number;
  startRps: number;
  endRps: number;
  /** Λ at `startMs`: expected arrivals before this segment. */
  arrivalsBefore: number;
  /** Expected arrivals inside this segment. */
  arrivals: number;
}

export interface RateProfile {
  durationMs: number;
  segments: RateSegment[];
  /** Λ(duration): expected arrivals over the whole phase. */
  totalArrivals: number;
}

/** The target rate of an open phase over time. A pause is one segment at rate 0. */
export function createRateProfile(phase: ResolvedOpenPhase): RateProfile {
  const d = phase.durationMs;
  const pieces: Array<[startMs: number, endMs: number, startRps: number, endRps: number]> = [];
  switch (phase.type) {
    case 'constant':
      pieces.push([0, d, phase.rate, phase.rate]);
      break;
    case 'ramp':
      pieces.push([0, d, phase.rate, phase.rampTo]);
      break;
    case 'pause':
      pieces.push([0, d, 0, 0]);
      break;
    case 'spike': {
      const { startMs, endMs } = spikeWindow(phase);
      pieces.push([0, startMs, phase.rate, phase.rate]);
      pieces.push([startMs, endMs, phase.spikeRate, phase.spikeRate]);
      pieces.push([endMs, d, phase.rate, phase.rate]);
      break;
    }
  }
  const segments: RateSegment[] = [];
  let total = 0;
  for (const [startMs, endMs, startRps, endRps] of pieces) {
    if (!(endMs > startMs)) continue;
    // Trapezoid area: mean rate (per s) × length (ms → s).
    const arrivals = (((startRps + endRps) / 2) * (endMs - startMs)) / 1000;
    segments.push({ startMs, endMs, startRps, endRps, arrivalsBefore: total, arrivals });
    total += arrivals;
  }
  return { durationMs: d, segments, totalArrivals: total };
}

/** Where the spike of a spike phase sits, clamped inside the phase. */
export function spikeWindow(phase: ResolvedSpikePhase): { startMs: number; endMs: number } {
  const d = phase.durationMs;
  const spikeMs = Math.min(Math.max(phase.spikeDurationMs, 0), d);
  const at = phase.spikeAtMs ?? d / 2 - spikeMs / 2;
  const startMs = Math.min(Math.max(at, 0), d);
  return { startMs, endMs: Math.min(startMs + spikeMs, d) };
}

/** Target rate (req/s) at `elapsedMs` into the phase; 0 outside the phase. */
export function rateAt(profile: RateProfile, elapsedMs: number): number {
  for (const s of profile.segments) {
    if (elapsedMs >= s.startMs && elapsedMs < s.endMs) {
      return s.startRps + ((s.endRps - s.startRps) * (elapsedMs - s.startMs)) / (s.endMs - s.startMs);
    }
  }
  return 0;
}

/** Λ(t): expected arrivals in [0, elapsedMs) of the phase. */
export function arrivalsBy(profile: RateProfile, elapsedMs: number): number {
  if (elapsedMs <= 0) return 0;
  if (elapsedMs >= profile.durationMs) return profile.totalArrivals;
  for (const s of profile.segments) {
    if (elapsedMs < s.endMs) {
      const tauMs = Math.max(elapsedMs - s.startMs, 0);
      return s.arrivalsBefore + integralMs(s, tauMs);
    }
  }
  return profile.totalArrivals;
}

/** Expected arrivals in the first `tauMs` of a segment. */
function integralMs(s: RateSegment, tauMs: number): number {
  const r0PerMs = s.startRps / 1000;
  const slopePerMs2 = (s.endRps - s.startRps) / 1000 / (s.endMs - s.startMs);
  return r0PerMs * tauMs + (slopePerMs2 * tauMs * tauMs) / 2;
}

/**
 * Λ⁻¹ inside one segment: the offset τ (ms from the segment start) at which `x` expected arrivals have accumulated.
 * Solves r0·τ + a·τ²/2 = x with the cancellation-free root τ = 2x / (r0 + √(r0² + 2ax)), which also covers a = 0
 * (constant rate) and ramps down (a < 0), and stays exact at r0 = 0.
 */
export function invertInSegment(s: RateSegment, x: number): number {
  if (x <= 0) return 0;
  const r0PerMs = s.startRps / 1000;
  const slopePerMs2 = (s.endRps - s.startRps) / 1000 / (s.endMs - s.startMs);
  const disc = Math.max(r0PerMs * r0PerMs + 2 * slopePerMs2 * x, 0);
  const denominator = r0PerMs + Math.sqrt(disc);
  if (denominator <= 0) return s.endMs - s.startMs;
  return Math.min((2 * x) / denominator, s.endMs - s.startMs);
}
