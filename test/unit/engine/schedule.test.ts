import { describe, expect, it } from 'vitest';
import type { ResolvedOpenPhase } from '../../../src/engine/phases.js';
import { arrivalTimes, createPhaseSchedule } from '../../../src/engine/schedule.js';

const all = (phase: ResolvedOpenPhase, seed?: number): number[] => [...arrivalTimes(phase, { seed })];
const countIn = (times: number[], fromMs: number, toMs: number): number => times.filter((t) => t >= fromMs && t < toMs).length;

describe('uniform arrivals', () => {
  it('spaces a constant rate evenly from the phase start', () => {
    const times = all({ type: 'constant', rate: 10, durationMs: 1_000 });
    expect(times).toHaveLength(10);
    times.forEach((t, k) => expect(t).toBeCloseTo(k * 100, 9));
  });

  it('handles rates below 1 per second', () => {
    expect(all({ type: 'constant', rate: 0.5, durationMs: 10_000 }).map(Math.round)).toEqual([0, 2_000, 4_000, 6_000, 8_000]);
  });

  it('reports the exact count and never adds a phantom arrival from float sums', () => {
    const phase: ResolvedOpenPhase = { type: 'constant', rate: 3, durationMs: 10_000 };
    const schedule = createPhaseSchedule(phase);
    expect(schedule.expectedCount).toBe(30);
    expect(all(phase)).toHaveLength(30);
    expect(all({ type: 'constant', rate: 1_000 / 3, durationMs: 3_000 })).toHaveLength(1_000);
  });

  it('is lazy: a long high-rate phase is counted without materialising it', () => {
    const schedule = createPhaseSchedule({ type: 'constant', rate: 5_000, durationMs: 300_000 });
    expect(schedule.expectedCount).toBe(1_500_000);
    const cursor = schedule.cursor();
    let n = 0;
    let last = -1;
    for (let t = cursor.next(); t >= 0; t = cursor.next()) {
      if (t < last) throw new Error('arrivals out of order');
      last = t;
      n++;
    }
    expect(n).toBe(1_500_000);
    expect(last).toBeCloseTo(300_000 - 0.2, 6);
  });

  it('ramps by inverting the integrated rate, not in per-second steps', () => {
    // rate(t) = 10 t/s, so Λ(t) = 5 t²: arrival k at √(k/5) s, 500 in 10 s.
    const times = all({ type: 'ramp', rate: 0, rampTo: 100, durationMs: 10_000 });
    expect(times).toHaveLength(500);
    times.forEach((t, k) => expect(t).toBeCloseTo(Math.sqrt(k / 5) * 1_000, 6));
    expect(countIn(times, 0, 5_000)).toBe(125);
    expect(countIn(times, 5_000, 10_000)).toBe(375);
    // Within the first second the gaps already shrink (a per-second step would space them evenly).
    const gaps = times.slice(1, 6).map((t, i) => t - times[i]);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeLessThan(gaps[i - 1]);
  });

  it('ramps down as well as up', () => {
    const times = all({ type: 'ramp', rate: 100, rampTo: 0, durationMs: 10_000 });
    expect(times).toHaveLength(500);
    // Λ(5 s) = 375: arrivals 0..374 before the middle, arrival 375 exactly on it.
    expect(times[374]).toBeLessThan(5_000);
    expect(times[375]).toBeCloseTo(5_000, 6);
    expect(times.at(-1)!).toBeLessThan(10_000);
  });

  it('treats a ramp to the same rate as a constant rate', () => {
    expect(all({ type: 'ramp', rate: 20, rampTo: 20, durationMs: 1_000 })).toEqual(all({ type: 'constant', rate: 20, durationMs: 1_000 }));
  });

  it('puts the spike where asked, and in the middle by default', () => {
    const base = { type: 'spike' as const, rate: 10, spikeRate: 100, durationMs: 10_000, spikeDurationMs: 2_000 };
    const centred = all(base);
    expect(centred).toHaveLength(8 * 10 + 2 * 100);
    expect(countIn(centred, 4_000, 6_000)).toBe(200);
    expect(countIn(centred, 0, 4_000)).toBe(40);
    const early = all({ ...base, spikeAtMs: 1_000 });
    expect(countIn(early, 1_000, 3_000)).toBe(200);
    expect(countIn(early, 3_000, 10_000)).toBe(70);
  });

  it('clamps a spike that would run past the phase end', () => {
    const times = all({ type: 'spike', rate: 0, spikeRate: 100, durationMs: 2_000, spikeAtMs: 1_500, spikeDurationMs: 1_000 });
    expect(times).toHaveLength(50);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(1_500);
  });

  it('schedules nothing during a pause', () => {
    const schedule = createPhaseSchedule({ type: 'pause', durationMs: 5_000 });
    expect(schedule.expectedCount).toBe(0);
    expect(schedule.cursor().next()).toBe(-1);
    expect(schedule.targetRpsAt(1_000)).toBe(0);
  });
});

describe('progress helpers', () => {
  it('give the target rate and the expected arrivals at time t', () => {
    const ramp = createPhaseSchedule({ type: 'ramp', rate: 100, rampTo: 300, durationMs: 10_000 });
    expect(ramp.targetRpsAt(0)).toBe(100);
    expect(ramp.targetRpsAt(5_000)).toBe(200);
    expect(ramp.expectedBy(5_000)).toBeCloseTo(750, 9);
    expect(ramp.expectedBy(10_000)).toBeCloseTo(2_000, 9);
    expect(ramp.expectedBy(20_000)).toBeCloseTo(2_000, 9);
    const spike = createPhaseSchedule({ type: 'spike', rate: 10, spikeRate: 100, durationMs: 10_000, spikeDurationMs: 2_000 });
    expect(spike.targetRpsAt(3_999)).toBe(10);
    expect(spike.targetRpsAt(4_000)).toBe(100);
    expect(spike.targetRpsAt(6_000)).toBe(10);
  });
});

describe('Poisson arrivals', () => {
  it('keep the mean rate (seeded) with exponential gaps', () => {
    const times = all({ type: 'constant', rate: 200, durationMs: 60_000, arrivals: 'poisson' }, 42);
    // 12,000 expected, standard deviation √12,000 ≈ 110: 2% is more than 4 standard deviations.
    expect(Math.abs(times.length - 12_000)).toBeLessThan(240);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length);
    expect(mean).toBeCloseTo(5, 0);
    // Exponential gaps: coefficient of variation 1 (uniform arrivals would give 0).
    expect(sd / mean).toBeGreaterThan(0.95);
    expect(sd / mean).toBeLessThan(1.05);
  });

  it('follow a ramp', () => {
    const times = all({ type: 'ramp', rate: 0, rampTo: 1_000, durationMs: 10_000, arrivals: 'poisson' }, 7);
    // Λ = 5,000 in total and 1,250 in the first half; tolerances are about 4 standard deviations.
    expect(Math.abs(times.length - 5_000)).toBeLessThan(300);
    expect(Math.abs(countIn(times, 0, 5_000) - 1_250)).toBeLessThan(150);
  });

  it('replay with the same seed and differ with another', () => {
    const phase: ResolvedOpenPhase = { type: 'constant', rate: 50, durationMs: 1_000, arrivals: 'poisson' };
    expect(all(phase, 1)).toEqual(all(phase, 1));
    expect(all(phase, 1)).not.toEqual(all(phase, 2));
    expect(createPhaseSchedule(phase).expectedCount).toBe(50);
  });
});
