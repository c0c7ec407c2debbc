import { describe, expect, it } from 'vitest';
import { arrivalsBy, createRateProfile, invertInSegment, rateAt, spikeWindow, type ResolvedOpenPhase } from '../../../src/engine/phases.js';

describe('rate profiles', () => {
  it('integrate each phase type to its expected arrival count', () => {
    const cases: Array<[ResolvedOpenPhase, number]> = [
      [{ type: 'constant', rate: 300, durationMs: 2_000 }, 600],
      [{ type: 'ramp', rate: 0, rampTo: 400, durationMs: 2_000 }, 400],
      [{ type: 'ramp', rate: 400, rampTo: 100, durationMs: 4_000 }, 1_000],
      [{ type: 'spike', rate: 50, spikeRate: 400, spikeAtMs: 500, spikeDurationMs: 500, durationMs: 2_000 }, 25 + 200 + 50],
      [{ type: 'pause', durationMs: 5_000 }, 0],
    ];
    for (const [phase, total] of cases) {
      const profile = createRateProfile(phase);
      expect(profile.totalArrivals, phase.type).toBeCloseTo(total, 9);
      expect(profile.durationMs).toBe(phase.durationMs);
      // Segments tile the phase and their running totals add up.
      let before = 0;
      let atMs = 0;
      for (const s of profile.segments) {
        expect(s.startMs).toBe(atMs);
        expect(s.arrivalsBefore).toBeCloseTo(before, 9);
        before += s.arrivals;
        atMs = s.endMs;
      }
      expect(atMs).toBe(phase.durationMs);
      expect(before).toBeCloseTo(total, 9);
    }
  });

  it('drops empty segments: a spike at the phase start has no leading segment', () => {
    const profile = createRateProfile({ type: 'spike', rate: 10, spikeRate: 100, spikeAtMs: 0, spikeDurationMs: 1_000, durationMs: 3_000 });
    expect(profile.segments.map((s) => [s.startMs, s.endMs, s.startRps])).toEqual([
      [0, 1_000, 100],
      [1_000, 3_000, 10],
    ]);
  });

  it('gives Λ(t) with the trapezoid rule, clamped to the phase', () => {
    const profile = createRateProfile({ type: 'ramp', rate: 0, rampTo: 400, durationMs: 2_000 });
    // Λ(t) = 100·t² with t in seconds.
    expect(arrivalsBy(profile, -5)).toBe(0);
    expect(arrivalsBy(profile, 500)).toBeCloseTo(25, 9);
    expect(arrivalsBy(profile, 1_000)).toBeCloseTo(100, 9);
    expect(arrivalsBy(profile, 1_500)).toBeCloseTo(225, 9);
    expect(arrivalsBy(profile, 2_000)).toBeCloseTo(400, 9);
    expect(arrivalsBy(profile, 9_000)).toBeCloseTo(400, 9);
    const spike = createRateProfile({ type: 'spike', rate: 50, spikeRate: 400, spikeAtMs: 500, spikeDurationMs: 500, durationMs: 2_000 });
    expect(arrivalsBy(spike, 750)).toBeCloseTo(25 + 100, 9);
    expect(arrivalsBy(spike, 1_500)).toBeCloseTo(25 + 200 + 25, 9);
  });

  it('reads the rate at t, interpolating ramps, 0 outside the phase', () => {
    const ramp = createRateProfile({ type: 'ramp', rate: 400, rampTo: 100, durationMs: 3_000 });
    expect(rateAt(ramp, 0)).toBe(400);
    expect(rateAt(ramp, 1_000)).toBeCloseTo(300, 9);
    expect(rateAt(ramp, 2_999.999)).toBeCloseTo(100, 3);
    expect(rateAt(ramp, 3_000)).toBe(0);
    expect(rateAt(ramp, -1)).toBe(0);
  });
});

describe('inverting Λ inside a segment', () => {
  const segments: Array<[number, number]> = [
    [300, 300],
    [0, 400],
    [400, 0],
    [1, 5_000],
    [5_000, 1],
  ];
  for (const [startRps, endRps] of segments) {
    it(`round-trips Λ for ${startRps} → ${endRps} req/s`, () => {
      const profile = createRateProfile({ type: 'ramp', rate: startRps, rampTo: endRps, durationMs: 2_000 });
      const [segment] = profile.segments;
      for (let k = 0; k <= 20; k++) {
        const x = (profile.totalArrivals * k) / 20;
        const tauMs = invertInSegment(segment, x);
        expect(tauMs).toBeGreaterThanOrEqual(0);
        expect(tauMs).toBeLessThanOrEqual(2_000);
        expect(arrivalsBy(profile, tauMs)).toBeCloseTo(x, 6);
      }
    });
  }

  it('clamps to the segment end past its arrivals, and to 0 below', () => {
    const [segment] = createRateProfile({ type: 'constant', rate: 10, durationMs: 1_000 }).segments;
    expect(invertInSegment(segment, 50)).toBe(1_000);
    expect(invertInSegment(segment, -1)).toBe(0);
    const [empty] = createRateProfile({ type: 'pause', durationMs: 1_000 }).segments;
    expect(invertInSegment(empty, 1)).toBe(1_000);
  });
});

describe('spike windows', () => {
  const spike = { type: 'spike' as const, rate: 1, spikeRate: 2, durationMs: 10_000 };
  it('centres the spike by default and keeps an explicit offset', () => {
    expect(spikeWindow({ ...spike, spikeDurationMs: 2_000 })).toEqual({ startMs: 4_000, endMs: 6_000 });
    expect(spikeWindow({ ...spike, spikeDurationMs: 2_000, spikeAtMs: 1_000 })).toEqual({ startMs: 1_000, endMs: 3_000 });
  });

  it('clamps a spike longer than the phase, or placed outside it', () => {
    expect(spikeWindow({ ...spike, spikeDurationMs: 30_000 })).toEqual({ startMs: 0, endMs: 10_000 });
    expect(spikeWindow({ ...spike, spikeDurationMs: 1_000, spikeAtMs: 9_500 })).toEqual({ startMs: 9_500, endMs: 10_000 });
    expect(spikeWindow({ ...spike, spikeDurationMs: 1_000, spikeAtMs: 20_000 })).toEqual({ startMs: 10_000, endMs: 10_000 });
    expect(spikeWindow({ ...spike, spikeDurationMs: 1_000, spikeAtMs: -500 })).toEqual({ startMs: 0, endMs: 1_000 });
  });
});
