/**
 * Ramp, spike and pause phases against a real local server: arrivals per sub-window follow the rate profile, and
 * phases follow each other on one clock. Counts by intended time are exact (the schedule is deterministic); counts
 * by actual send time get a loose tolerance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sample } from '../../../src/records/sample.js';
import { byIntended, collect, countIn } from './collect.js';
import { answerOk, startServer, type TestServer } from './servers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer(answerOk());
});
afterAll(() => server.close());

/** Intended and sent offsets from the phase start (uniform arrivals: the first arrival is at the phase start). */
function offsets(samples: readonly Sample[]): { intended: number[]; sent: number[] } {
  const sorted = byIntended(samples);
  const t0 = sorted[0].intendedAtMs;
  return { intended: sorted.map((s) => s.intendedAtMs - t0), sent: sorted.map((s) => s.sentAtMs - t0) };
}

/** `actual` within ±`fraction` of `expected`. */
function expectNear(actual: number, expected: number, fraction: number, label: string): void {
  expect(actual, label).toBeGreaterThanOrEqual(expected * (1 - fraction));
  expect(actual, label).toBeLessThanOrEqual(expected * (1 + fraction));
}

describe('ramp', () => {
  it('0 → 400 req/s over 2 s sends ~100 requests in the first second and ~300 in the second', async () => {
    const { summary, samples } = await collect({ baseUrl: server.url, phases: [{ type: 'ramp', rate: 0, rampTo: 400, durationMs: 2_000 }] });
    // Λ(t) = 100·t² (t in s): 400 in all, 100 by 1 s.
    expect(summary.scheduled).toBe(400);
    expect(samples).toHaveLength(400);
    const { intended, sent } = offsets(samples);
    expectNear(countIn(intended, 0, 1_000), 100, 0.01, 'intended, first second');
    expectNear(countIn(intended, 1_000, 2_000), 300, 0.01, 'intended, second second');
    // Quarters: Λ = 25, 75, 125, 175.
    [25, 75, 125, 175].forEach((n, q) => expectNear(countIn(intended, q * 500, (q + 1) * 500), n, 0.05, `intended, quarter ${q}`));
    // By send time, loosely: a loaded machine sends late (never early), so windows are widened at their end.
    expectNear(countIn(sent, 0, 1_000), 100, 0.5, 'sent, first second');
    expectNear(countIn(sent, 1_000, 2_500), 300, 0.5, 'sent, second second');
  });
});

describe('spike', () => {
  it('50 req/s with 400 req/s between 0.5 s and 1 s', async () => {
    const { summary, samples } = await collect({
      baseUrl: server.url,
      phases: [{ type: 'spike', rate: 50, spikeRate: 400, spikeAtMs: 500, spikeDurationMs: 500, durationMs: 2_000 }],
    });
    // 25 before, 200 during, 50 after.
    expect(summary.scheduled).toBeGreaterThanOrEqual(274);
    expect(summary.scheduled).toBeLessThanOrEqual(276);
    expect(samples).toHaveLength(summary.scheduled);
    const { intended, sent } = offsets(samples);
    expectNear(countIn(intended, 0, 500), 25, 0.05, 'intended, before');
    expectNear(countIn(intended, 500, 1_000), 200, 0.01, 'intended, spike');
    expectNear(countIn(intended, 1_000, 2_000), 50, 0.05, 'intended, after');
    expect(countIn(sent, 0, 500), 'sent, before').toBeLessThanOrEqual(25);
    expectNear(countIn(sent, 500, 1_250), 200, 0.5, 'sent, spike');
    expect(countIn(sent, 1_000, 2_500), 'sent, after').toBeGreaterThanOrEqual(50 * 0.5);
  });
});

describe('a sequence of phases', () => {
  it('chains constant, pause and ramp on one clock and tags samples with their phase', async () => {
    const { summary, samples, phaseStarts } = await collect({
      baseUrl: server.url,
      phases: [
        { type: 'constant', rate: 100, durationMs: 500 },
        { type: 'pause', durationMs: 500 },
        { type: 'ramp', rate: 100, rampTo: 200, durationMs: 500 },
      ],
    });
    // 50 + 0 + 75.
    expect(summary.scheduled).toBe(125);
    expect(samples.filter((s) => s.phaseIndex === 0)).toHaveLength(50);
    expect(samples.filter((s) => s.phaseIndex === 1)).toHaveLength(0);
    expect(samples.filter((s) => s.phaseIndex === 2)).toHaveLength(75);

    const sorted = byIntended(samples);
    const t0 = sorted[0].intendedAtMs;
    const firstOfRamp = sorted.find((s) => s.phaseIndex === 2)!;
    // Phase start times are planned from the first phase's start, not from when the previous phase returned.
    expect(firstOfRamp.intendedAtMs - t0).toBeCloseTo(1_000, 6);
    expect(countIn(sorted.map((s) => s.intendedAtMs - t0), 500, 1_000)).toBe(0);

    expect(phaseStarts.map((e) => e.phaseIndex)).toEqual([0, 1, 2]);
    expect(phaseStarts[0].elapsedMs).toBeLessThan(50);
    // A phase never starts early; late by a loaded event loop at most (loose).
    expect(phaseStarts[1].elapsedMs).toBeGreaterThanOrEqual(499);
    expect(phaseStarts[2].elapsedMs).toBeGreaterThanOrEqual(999);
    expect(phaseStarts[2].elapsedMs).toBeLessThan(2_000);
  });
});
