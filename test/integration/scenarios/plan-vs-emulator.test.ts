/**
 * The planner against the real emulator: three small plans run on the emulator (real runtime processes, real HTTP),
 * then the same traffic is simulated from the run's own result (its per-second sends, its warm service times, and
 * what a cold start added: cold service times less the warm median; `planFromResult`) with the same configuration. The simulator's cold starts, peak environments and
 * throttles must match the emulator's within the tolerances below.
 *
 * Tolerances, and why they hold on a busy machine: the simulator is given the durations the emulator measured in
 * that very run, so a slow machine (longer INITs, late timers) slows both alike; what remains is what the simulator
 * does not see: the order in which requests within one second meet environments that free up at nearly the same
 * moment, the client's send lag, and cold-start times drawn again from their distribution rather than replayed in
 * order. Each of those moves a count by a few environments at the edges of a cold-start wave (measured on a loaded
 * 2-core machine, load ~8: 26 vs 27, 67 vs 66 cold starts, 146 vs 147 throttles), so the bounds are absolute slack
 * plus a share: cold starts and peak environments within max(3, 35%), throttles within max(10, 25%) of the
 * emulator's (the throttle total follows Little's law: 30 req/s need 6 environments, 3 serve).
 * Each run is ≤ 10 s. In the project 'alone' of vitest.config.ts: no other test file beside them.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/result/types.js';
import { run } from '../../../src/run/run.js';
import type { Phase, Scenario } from '../../../src/scenario/types.js';
import { planFromResult } from '../../../src/plan/load.js';
import { resolvePlan } from '../../../src/plan/resolve.js';
import { simulatePlan } from '../../../src/plan/simulate.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SLEEP_MS = 200;

function scenario(name: string, phases: Phase[], reservedConcurrency?: number): Scenario {
  return {
    name,
    target: {
      type: 'emulator',
      api: { type: 'rest', stage: 'dev' },
      functions: {
        work: {
          code: path.join(ROOT, 'scenarios/functions/reserved-sleep'),
          handler: 'index.handler',
          runtime: 'nodejs22.x',
          memoryMb: 1769,
          timeout: '5s',
          environment: { SLEEP_MS: String(SLEEP_MS) },
          ...(reservedConcurrency === undefined ? {} : { reservedConcurrency }),
        },
      },
      routes: [{ method: 'GET', path: '/work', function: 'work' }],
    },
    phases,
    requests: [{ path: '/work' }],
  };
}

/** The emulator's run, and the simulator's prediction of the same traffic from that run's measurements. */
async function compare(name: string, phases: Phase[], reservedConcurrency?: number) {
  const result: RunResult = await run({ scenario: scenario(name, phases, reservedConcurrency), cwd: ROOT, seed: 1 });
  expect(result.status).toBe('completed');
  const plan = planFromResult(result, 'emulator-run', 1);
  plan.arrivals = 'uniform';
  plan.region = 'us-east-1';
  if (reservedConcurrency !== undefined) plan.functions.work.reservedConcurrency = reservedConcurrency;
  const resolved = resolvePlan({ plan, dir: ROOT, results: new Map([['emulator-run', result]]) });
  const out = simulatePlan(resolved.config);
  const emulator = result.emulator!;
  const simulated = {
    coldStarts: out.coldStarts,
    peakEnvironments: out.functions[0].peakEnvironments,
    throttles: out.throttles.lambdaConcurrency + out.throttles.lambdaScalingRate + out.throttles.lambdaInvocationRate,
  };
  const measured = { coldStarts: emulator.coldStarts, peakEnvironments: emulator.maxEnvironments, throttles: emulator.throttles };
  const why = JSON.stringify({ simulated, measured, sent: result.timeline.map((s) => s.sent), init: result.coldStarts.initMs });
  if (process.env.PLAN_VS_EMULATOR_DEBUG) process.stderr.write(`${name}: ${why}\n`);
  return { simulated, measured, why };
}

function within(actual: number, expected: number, slack: number, share: number): boolean {
  return Math.abs(actual - expected) <= Math.max(slack, share * expected);
}

describe('plan vs emulator (same traffic, the run\'s own durations)', () => {
  it('constant 20 req/s of 200 ms requests: cold starts and peak environments', async () => {
    const { simulated, measured, why } = await compare('plan-constant', [{ type: 'constant', duration: '8s', rate: 20, arrivals: 'uniform' }]);
    expect(within(simulated.coldStarts, measured.coldStarts, 3, 0.35), why).toBe(true);
    expect(within(simulated.peakEnvironments, measured.peakEnvironments, 3, 0.35), why).toBe(true);
    expect(measured.throttles, why).toBe(0);
    expect(simulated.throttles, why).toBe(0);
  }, 120_000);

  it('a spike 5 → 50 req/s: the spike\'s cold starts and peak environments', async () => {
    const { simulated, measured, why } = await compare('plan-spike', [
      { type: 'spike', duration: '9s', rate: 5, spikeRate: 50, spikeAt: '3s', spikeDuration: '3s', arrivals: 'uniform' },
    ]);
    // Little's law at the spike: 50 req/s × 0.2 s = 10 busy, more while the new ones initialise.
    expect(measured.peakEnvironments, why).toBeGreaterThanOrEqual(8);
    expect(within(simulated.coldStarts, measured.coldStarts, 3, 0.35), why).toBe(true);
    expect(within(simulated.peakEnvironments, measured.peakEnvironments, 3, 0.35), why).toBe(true);
  }, 120_000);

  it('reserved concurrency 3 under 30 req/s of 200 ms requests: throttles, and never more than 3 environments', async () => {
    const { simulated, measured, why } = await compare('plan-reserved', [{ type: 'constant', duration: '8s', rate: 30, arrivals: 'uniform' }], 3);
    expect(measured.peakEnvironments, why).toBeLessThanOrEqual(3);
    expect(simulated.peakEnvironments, why).toBe(3);
    // 30 req/s need 6 environments (Little's law); 3 serve about half, the rest are throttled.
    expect(measured.throttles, why).toBeGreaterThan(60);
    expect(within(simulated.throttles, measured.throttles, 10, 0.25), why).toBe(true);
    expect(within(simulated.coldStarts, measured.coldStarts, 3, 0.35), why).toBe(true);
  }, 120_000);
});
