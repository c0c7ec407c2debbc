/**
 * The simulator against published facts, each test naming its source:
 * - Lambda scaling rate: "for each function … 1,000 execution environment instances every 10 seconds", refilled
 *   continuously, never accrued (docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html, aws-facts §3.1);
 * - Little's law, L = λW (Little 1961), and the M/G/∞ queue whose number in service is Poisson(λW);
 * - API Gateway's account throttle: 10,000 req/s with a token bucket of 5,000 (API Gateway quotas, aws-facts §3.2).
 */
import { describe, expect, it } from 'vitest';
import { simulatePlan } from '../../../src/plan/simulate.js';
import type { Duration, Plan } from '../../../src/plan/types.js';
import { firstSecondReaching, simulate } from './helpers.js';

const lifted = { concurrency: 100_000, apiThrottle: { rateRps: 1_000_000, burst: 1_000_000 } };

/** One function behind a REST API in us-east-1, evenly spaced arrivals unless `over` says otherwise. */
function steadyPlan(name: string, rps: number, duration: Duration, fn: Plan['functions'][string], over: Partial<Plan> = {}): Plan {
  return { name, region: 'us-east-1', arrivals: 'uniform', traffic: { type: 'steady', rps, duration }, functions: { f: fn }, ...over };
}

describe('Lambda scaling rate (scaling-behavior.html, 2023-11)', () => {
  it('a jump to 5,000 concurrent needs about 40–50 s of ramp: 1,000 at once, then 100 new environments a second', () => {
    // 5,000 req/s of 1 s requests need 5,000 environments (Little's law); from zero Lambda adds 1,000 at once.
    const { out } = simulate(steadyPlan('jump', 5_000, '90s', { memoryMb: 1769, duration: 1_000, init: 200, timeout: '10s' }, { account: lifted }));
    const reached = firstSecondReaching(out.timeline.busyPeak, 4_950);
    expect(reached).toBeGreaterThanOrEqual(38);
    expect(reached).toBeLessThanOrEqual(50);
    expect(out.throttles.lambdaScalingRate).toBeGreaterThan(0);
    // After the ramp nothing more is refused: the traffic is served by the environments built.
    const late = out.timeline.throttles.lambdaScalingRate.slice(55).reduce((a, b) => a + b, 0);
    expect(late).toBe(0);
    // In the first second at most the bucket (1,000) plus one second of refill (100) environments start.
    expect(out.timeline.coldStarts[0]).toBeLessThanOrEqual(1_100);
  });

  it('unused scaling rate does not accrue: after a quiet minute a jump to 3,000 still gets 1,000 at once, then 100 a second', () => {
    const { resolved } = simulate(steadyPlan('quiet-then-jump', 3_000, '100s', { memoryMb: 1769, duration: 1_000, init: 200, timeout: '10s' }, { account: lifted }));
    const perSecond = new Float64Array(100);
    perSecond.fill(3_000, 60); // a minute of nothing, then 3,000 req/s of 1 s requests
    const out = simulatePlan({ ...resolved.config, perSecond });
    // The full bucket (1,000) and one second of refill (100): not the 6,000 a minute of accrual would give.
    expect(out.timeline.coldStarts[60]).toBeGreaterThanOrEqual(1_000);
    expect(out.timeline.coldStarts[60]).toBeLessThanOrEqual(1_100);
    const reached = firstSecondReaching(out.timeline.busyPeak, 2_950) - 60;
    expect(reached).toBeGreaterThanOrEqual(18);
    expect(reached).toBeLessThanOrEqual(25);
  });
});

describe("Little's law (L = λW) at steady state", () => {
  it('evenly spaced 200 req/s of 100 ms requests keep 20 environments busy, and 20 is all that is built', () => {
    const { out } = simulate(steadyPlan('little', 200, '60s', { memoryMb: 512, duration: 100, init: 1, timeout: '3s' }));
    expect(out.functions[0].peakEnvironments).toBeGreaterThanOrEqual(20);
    expect(out.functions[0].peakEnvironments).toBeLessThanOrEqual(21);
    expect(out.coldStarts).toBe(out.functions[0].peakEnvironments);
    expect(Array.from(out.timeline.busyPeak.slice(10, 60)).every((busy) => busy >= 20 && busy <= 21)).toBe(true);
  });

  it('Poisson 1,000 req/s of 50 ms requests: the busy count is Poisson(50), so its peak over 5 minutes stays under 50 + 6σ', () => {
    const { out } = simulate(steadyPlan('little-poisson', 1_000, '5m', { memoryMb: 512, duration: 50, init: 1, timeout: '3s' }, { arrivals: 'poisson' }));
    const L = 1_000 * 0.05;
    const peak = out.functions[0].peakConcurrency;
    expect(peak).toBeGreaterThan(L);
    expect(peak).toBeLessThan(L + 6 * Math.sqrt(L));
    // The time average of the per-second peaks sits above L, and not far: mean + about 2σ.
    const busy = Array.from(out.timeline.busyPeak.slice(10));
    const mean = busy.reduce((a, b) => a + b, 0) / busy.length;
    expect(mean).toBeGreaterThan(L);
    expect(mean).toBeLessThan(L + 4 * Math.sqrt(L));
  });
});

describe('API Gateway account throttle (10,000 req/s, burst 5,000; API Gateway quotas)', () => {
  it('15,000 req/s for 10 s: the bucket passes its 5,000 burst plus 10,000 a second, and answers the rest 429', () => {
    const { out } = simulate(steadyPlan('apigw', 15_000, '10s', { memoryMb: 1769, duration: 1, init: 1, timeout: '3s' }, { account: { concurrency: 100_000 } }));
    expect(out.arrivals).toBe(150_000);
    const passed = 150_000 - out.throttles.apiAccount;
    expect(Math.abs(passed - (5_000 + 10_000 * 10))).toBeLessThanOrEqual(2);
    // The first second is (all but the edge of) whole: the burst and a second's refill cover 15,000.
    expect(out.timeline.throttles.apiAccount[0]).toBeLessThanOrEqual(1);
    expect(out.timeline.throttles.apiAccount[5]).toBeGreaterThan(4_900);
  });

  it('a newer Region (eu-south-1) has 2,500 / 1,250', () => {
    const { out } = simulate(steadyPlan('apigw-milan', 3_000, '10s', { memoryMb: 1769, duration: 1, init: 1, timeout: '3s' }, { region: 'eu-south-1', account: { concurrency: 100_000 } }));
    expect(Math.abs(30_000 - out.throttles.apiAccount - (1_250 + 2_500 * 10))).toBeLessThanOrEqual(2);
  });
});
