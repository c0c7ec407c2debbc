/**
 * Pricing a deployed API's test per route before the run: each request is matched to its route (API Gateway's
 * matching, through the emulator's router) and priced with that route's function, by its weight's share; checked by
 * hand against the us-east-1 list prices the remote-gate tests use.
 */
import { describe, expect, it } from 'vitest';
import { planRemoteRun } from '../../../src/run/remote-gate.js';
import { functionShares } from '../../../src/run/request-functions.js';
import type { Scenario, UrlTarget } from '../../../src/scenario/types.js';
import { resolveScenario } from '../../../src/target/resolve-scenario.js';

const target: UrlTarget = {
  type: 'url',
  url: 'https://abc123defg.execute-api.us-east-1.amazonaws.com/prod',
  api: { type: 'rest', lookup: false },
  functions: { small: { memoryMb: 128 }, big: { memoryMb: 1024 } },
  routes: [
    { method: 'GET', path: '/hello', function: 'small' },
    { method: 'ANY', path: '/items/{proxy+}', function: 'big' },
  ],
};

function scenario(requests: Scenario['requests'], over: Partial<UrlTarget> = {}) {
  const s: Scenario = { name: 'routes', target: { ...target, ...over }, phases: [{ type: 'constant', duration: '10s', rate: 100 }], requests, safety: { assumedDuration: '100ms' } };
  return resolveScenario({ file: 'routes.ts', dir: '.', scenario: s });
}

describe('functionShares', () => {
  it("gives each request's weight to the function behind its route", () => {
    const s = scenario([{ path: '/hello', weight: 3 }, { method: 'POST', path: '/items/{{seq}}?x=1', weight: 1 }]);
    expect(functionShares(s, s.resolvedTarget)).toEqual(new Map([['small', 0.75], ['big', 0.25]]));
  });

  it('a request no route serves leaves the shares unknown', () => {
    const s = scenario([{ path: '/nowhere' }]);
    expect(functionShares(s, s.resolvedTarget)).toBeUndefined();
  });
});

describe('the plan prices per route', () => {
  it('1,000 requests, 750 at 128 MB and 250 at 1,024 MB for 100 ms each', () => {
    const plan = planRemoteRun(scenario([{ path: '/hello', weight: 3 }, { path: '/items/1', weight: 1 }]));
    // REST 1,000 × 3.5e-6, Lambda 1,000 × 0.2e-6, GB-s: 750 × 0.125 × 0.1 + 250 × 1 × 0.1 = 34.375 at 0.0000166667.
    expect(plan.costUsd).toBeCloseTo(0.0035 + 0.0002 + 34.375 * 0.0000166667, 9);
    expect(plan.costNote).toContain('small 128 MB, big 1024 MB');
  });

  it("a function whose memory nobody gave is named, and the cost is not guessed", () => {
    const plan = planRemoteRun(scenario([{ path: '/items/1' }], { functions: { small: { memoryMb: 128 }, big: {} } }));
    expect(plan.costUsd).toBeUndefined();
    expect(plan.costNote).toMatch(/memory size of function big is unknown/);
  });
});
