/**
 * The scaling model's rules one at a time, on plans small enough to count by hand: reserved and account concurrency,
 * provisioned concurrency first, the INIT limit, the integration timeout (the environment stays busy), idle
 * reclaim, API Gateway stage and route buckets, the statuses clients see, and the same answer for the same seed.
 */
import { describe, expect, it } from 'vitest';
import { simulatePlan } from '../../../src/plan/simulate.js';
import { summarizeOutcome } from '../../../src/plan/summarize.js';
import type { Plan } from '../../../src/plan/types.js';
import { simulate } from './helpers.js';

const base = (over: Partial<Plan> = {}): Plan => ({
  name: 'model',
  region: 'us-east-1',
  arrivals: 'uniform',
  traffic: { type: 'steady', rps: 30, duration: '20s' },
  functions: { f: { memoryMb: 1769, duration: 200, init: 100, timeout: '3s' } },
  ...over,
});

describe('concurrency', () => {
  it('reserved concurrency 3 under 30 req/s of 200 ms: never more than 3 environments, about half throttled (500 behind REST)', () => {
    const plan = base({ functions: { f: { memoryMb: 1769, duration: 200, init: 100, timeout: '3s', reservedConcurrency: 3 } } });
    const { out, resolved } = simulate(plan);
    expect(out.functions[0].peakEnvironments).toBe(3);
    expect(out.throttles.lambdaConcurrency / out.arrivals).toBeGreaterThan(0.45);
    expect(out.throttles.lambdaConcurrency / out.arrivals).toBeLessThan(0.55);
    const outcome = summarizeOutcome(plan, resolved, out);
    expect(outcome.statuses).toEqual({ 500: out.throttles.lambdaConcurrency });
  });

  it('the account limit is shared by functions without reserved concurrency', () => {
    const { out } = simulate(
      base({
        traffic: { type: 'steady', rps: 100, duration: '10s' },
        functions: {
          a: { memoryMb: 1769, duration: 2_000, init: 10, timeout: '5s' },
          b: { memoryMb: 1769, duration: 2_000, init: 10, timeout: '5s' },
        },
      }),
    );
    // Each function needs about 100 (50 req/s × 2 s): under the default 1,000 nothing is refused.
    expect(out.functions[0].peakConcurrency + out.functions[1].peakConcurrency).toBeLessThanOrEqual(202);
    expect(out.throttles.lambdaConcurrency).toBe(0);
    // With 150 for the account, the two together never pass 150 and the rest is throttled.
    const { out: tight } = simulate(base({ account: { concurrency: 150 }, traffic: { type: 'steady', rps: 100, duration: '10s' }, functions: { a: { memoryMb: 1769, duration: 2_000, init: 10, timeout: '5s' }, b: { memoryMb: 1769, duration: 2_000, init: 10, timeout: '5s' } } }));
    expect(tight.throttles.lambdaConcurrency).toBeGreaterThan(0);
    expect(Math.max(...tight.timeline.busyPeak)).toBe(150);
  });

  it('provisioned environments serve first: with 10 provisioned for a need of 6, no cold start at all', () => {
    const { out } = simulate(base({ functions: { f: { memoryMb: 1769, duration: 200, init: 100, timeout: '3s', provisionedConcurrency: 10 } } }));
    expect(out.coldStarts).toBe(0);
    expect(out.functions[0].provisionedInvocations).toBe(out.arrivals);
  });

  it('with 3 provisioned for a need of 6, the rest spill over to on-demand environments', () => {
    const { out } = simulate(base({ functions: { f: { memoryMb: 1769, duration: 200, init: 100, timeout: '3s', provisionedConcurrency: 3 } } }));
    expect(out.coldStarts).toBeGreaterThanOrEqual(3);
    expect(out.functions[0].provisionedInvocations).toBeGreaterThan(out.arrivals * 0.4);
    expect(out.functions[0].provisionedInvocations).toBeLessThan(out.arrivals);
  });
});

describe('timeouts and the INIT limit', () => {
  it('an INIT of 12 s is cut at 10 s and re-run in the invoke: the cold request takes 10 s + 12 s + the handler', () => {
    const { out } = simulate(base({ traffic: { type: 'steady', rps: 1, duration: '3s' }, functions: { f: { memoryMb: 1769, duration: 100, init: 12_000, timeout: '60s' } } , api: { type: 'rest', integrationTimeout: '29s' } }));
    expect(out.functions[0].initTimeouts).toBe(out.coldStarts);
    expect(out.latency.cold.getValueAtPercentile(100) / 1000).toBeGreaterThan(22_000);
    expect(out.latency.cold.getValueAtPercentile(100) / 1000).toBeLessThan(22_200);
  });

  it('a 35 s handler behind a REST API: 504 at 29 s, and the environment stays busy until the handler ends', () => {
    const plan = base({ traffic: { type: 'steady', rps: 1, duration: '10s' }, functions: { f: { memoryMb: 1769, duration: 35_000, init: 10, timeout: '60s' } } });
    const { out, resolved } = simulate(plan);
    expect(out.integrationTimeouts).toBe(10);
    expect(out.functions[0].peakEnvironments).toBe(10); // none is free before 35 s
    expect(summarizeOutcome(plan, resolved, out).statuses).toEqual({ 504: 10 });
  });

  it('environments idle longer than idleReclaim are dropped: a request after the gap is cold again', () => {
    const plan = base({ idleReclaim: '5s', traffic: { type: 'steady', rps: 1, duration: '10s' } });
    const loaded = simulate(plan).resolved;
    const perSecond = new Float64Array(20);
    perSecond[0] = 1;
    perSecond[3] = 1; // 3 s idle: reused
    perSecond[15] = 1; // 12 s idle: reclaimed
    const out = simulatePlan({ ...loaded.config, perSecond });
    expect(out.coldStarts).toBe(2);
  });
});

describe('API Gateway stage and route buckets', () => {
  it('a route throttle of 10 req/s, burst 5, under 20 req/s for 10 s passes 5 + 100 requests', () => {
    const { out } = simulate(base({ traffic: { type: 'steady', rps: 20, duration: '10s' }, routes: [{ name: 'GET /x', function: 'f', throttle: { rateRps: 10, burst: 5 } }] }));
    expect(Math.abs(out.arrivals - out.throttles.apiRoute - 105)).toBeLessThanOrEqual(1);
  });

  it('the stage throttle applies to all routes together', () => {
    const { out } = simulate(
      base({
        traffic: { type: 'steady', rps: 40, duration: '10s' },
        api: { type: 'http', stageThrottle: { rateRps: 20, burst: 10 } },
        functions: { f: { memoryMb: 1769, duration: 10, init: 10, timeout: '3s' } },
        routes: [
          { name: 'a', function: 'f', share: 1 },
          { name: 'b', function: 'f', share: 1 },
        ],
      }),
    );
    expect(Math.abs(out.arrivals - out.throttles.apiStage - 210)).toBeLessThanOrEqual(2);
  });
});

describe('determinism', () => {
  it('the same plan and seed give the same counts; another seed gives other Poisson arrivals', () => {
    const plan = base({ arrivals: 'poisson', traffic: { type: 'steady', rps: 500, duration: '30s' }, functions: { f: { memoryMb: 1769, duration: { p50: 50, p99: 400 }, init: { p50: 300, p99: 900 }, timeout: '3s' } } });
    const a = simulate(plan).out;
    const b = simulate(plan).out;
    const c = simulate({ ...plan, seed: 2 }).out;
    expect([a.arrivals, a.coldStarts, a.latency.all.getValueAtPercentile(99)]).toEqual([b.arrivals, b.coldStarts, b.latency.all.getValueAtPercentile(99)]);
    expect(c.arrivals).not.toBe(a.arrivals);
  });
});

