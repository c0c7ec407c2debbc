/**
 * Open model against a real local server: the engine sends what the schedule says, when it says, and every sample
 * carries its intended time. Timing bounds are loose on purpose (a loaded 2-core machine); counts are exact where
 * the schedule makes them exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveSeed } from '../../../src/engine/random.js';
import { arrivalTimes } from '../../../src/engine/schedule.js';
import type { ResolvedConstantPhase } from '../../../src/engine/phases.js';
import { byIntended, collect, countIn } from './collect.js';
import { answerOk, startServer, type TestServer } from './servers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer(answerOk());
});
afterAll(() => server.close());

describe('constant rate, uniform arrivals', () => {
  it('schedules and sends rate × duration requests, evenly spaced, each with intended ≤ sent ≤ ended', async () => {
    const before = server.received;
    const { summary, samples, ticks, runMs } = await collect({
      baseUrl: server.url,
      phases: [{ type: 'constant', rate: 300, durationMs: 2_000 }],
      // The default JIT warm-up, as a real run has.
      warmUpMs: undefined,
    });

    // Uniform arrivals make the count exact: 300/s × 2 s.
    expect(summary.scheduled).toBe(600);
    expect(summary.sent).toBe(600);
    expect(summary.dropped).toBe(0);
    expect(summary.aborted).toBe(false);
    expect(samples).toHaveLength(600);
    // The warm-up never reaches the target: the server saw exactly the run's requests.
    expect(server.received - before).toBe(600);

    for (const s of samples) {
      expect(s.status).toBe(200);
      expect(s.errorCode).toBeUndefined();
      expect(s.phaseIndex).toBe(0);
      expect(s.intendedAtMs).toBeLessThanOrEqual(s.sentAtMs);
      expect(s.sentAtMs).toBeLessThanOrEqual(s.endedAtMs);
    }
    const intended = byIntended(samples).map((s) => s.intendedAtMs);
    for (let i = 1; i < intended.length; i++) expect(intended[i] - intended[i - 1]).toBeCloseTo(1_000 / 300, 6);

    // Sent along the schedule, not in a late burst: each half-second window saw a fair part of its 150 sends (very
    // loose: on a loaded machine a stalled event loop moves sends into the next window; never into an earlier one).
    const t0 = intended[0];
    const sends = samples.map((s) => s.sentAtMs - t0);
    for (let w = 0; w < 4; w++) {
      expect(countIn(sends, w * 500, (w + 1) * 500), `sends in window ${w}`).toBeGreaterThan(150 * 0.4);
    }

    // The final progress tick is cumulative and agrees with the summary.
    const last = ticks.at(-1)!;
    expect(last).toMatchObject({ scheduled: 600, sent: 600, completed: 600, inFlight: 0, dropped: 0 });
    expect(summary.sendLagMs.p50).toBeLessThanOrEqual(summary.sendLagMs.p99);
    expect(summary.sendLagMs.p99).toBeLessThanOrEqual(summary.sendLagMs.max);
    expect(summary.maxInFlight).toBeGreaterThanOrEqual(1);

    // The generator's own load, over the phase and its drain: the 1 s warm-up before it left out.
    const g = summary.generator!;
    expect(g.processes).toBe(1);
    expect(g.wallMs).toBeGreaterThanOrEqual(2_000);
    expect(g.wallMs).toBeLessThanOrEqual(runMs - 1_000);
    expect(g.cpuMs).toBeGreaterThan(0);
    expect(g.eventLoopBusy).toBeGreaterThan(0);
    expect(g.eventLoopBusy).toBeLessThanOrEqual(1);
  });
});

describe('constant rate, Poisson arrivals', () => {
  const phase: ResolvedConstantPhase = { type: 'constant', rate: 300, durationMs: 1_500, arrivals: 'poisson' };
  const offsets = (intended: number[]): number[] => intended.map((t) => t - intended[0]);

  it('replays the same intended times with the same seed, near rate × duration, and differs with another seed', async () => {
    const runs = [];
    for (const seed of [42, 42, 7]) {
      const { summary, samples } = await collect({ baseUrl: server.url, phases: [phase], seed });
      expect(summary.dropped).toBe(0);
      expect(samples).toHaveLength(summary.sent);
      expect(summary.sent).toBe(summary.scheduled);
      runs.push(offsets(byIntended(samples).map((s) => s.intendedAtMs)));
    }
    const [first, again, other] = runs;

    // Mean 450; with this seed the count is fixed, the bound only says it is a Poisson count around the mean.
    expect(first.length).toBeGreaterThan(450 * 0.85);
    expect(first.length).toBeLessThan(450 * 1.15);
    expect(again).toHaveLength(first.length);
    again.forEach((t, i) => expect(t).toBeCloseTo(first[i], 6));

    // The engine plays phase 0's schedule with the phase's derived seed (offsets taken from the first arrival,
    // since a Poisson phase does not start with an arrival at 0).
    const expected = offsets([...arrivalTimes(phase, { seed: deriveSeed(42, 0) })]);
    expect(first).toHaveLength(expected.length);
    first.forEach((t, i) => expect(t).toBeCloseTo(expected[i], 6));

    expect(other.length === first.length && other.every((t, i) => Math.abs(t - first[i]) < 1e-6)).toBe(false);
    // Exponential gaps: far from evenly spaced (uniform gaps at this rate would all be 3.33 ms).
    const gaps = first.slice(1).map((t, i) => t - first[i]);
    expect(Math.max(...gaps)).toBeGreaterThan(10);
    expect(Math.min(...gaps)).toBeLessThan(1);
  });
});
