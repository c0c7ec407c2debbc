/**
 * The gate before a target beyond this machine (src/run/remote-gate.ts): which URLs are loopback, the plan's request
 * count and peak rate from the phases, the test's own AWS cost (checked by hand against the us-east-1 list prices of
 * aws-facts §1.1 and §2.1), and the refusals. Nothing here opens a socket.
 */
import { describe, expect, it } from 'vitest';
import { isLambdaloadError } from '../../../src/errors.js';
import { checkRemoteGate, isLoopbackHost, isLoopbackUrl, planRemoteRun } from '../../../src/run/remote-gate.js';
import { resolveScenario } from '../../../src/target/resolve-scenario.js';
import type { Scenario } from '../../../src/scenario/types.js';

const REMOTE = 'https://abc123defg.execute-api.us-east-1.amazonaws.com/prod';

function scenario(over: Partial<Scenario> = {}): ReturnType<typeof resolveScenario> {
  const base: Scenario = {
    name: 'remote',
    target: { type: 'url', url: REMOTE, api: { type: 'rest' }, function: { name: 'hello', region: 'us-east-1', memoryMb: 128 } },
    phases: [{ type: 'constant', duration: '10s', rate: 100 }],
    requests: [{ path: '/hello' }],
    ...over,
  };
  return resolveScenario({ file: 'remote.ts', dir: '.', scenario: base });
}

function refusal(fn: () => unknown): { code: string; exitCode: number; problems: string[]; message: string } {
  try {
    fn();
  } catch (error) {
    if (isLambdaloadError(error)) return { code: error.code, exitCode: error.exitCode, problems: error.problems ?? [], message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('loopback', () => {
  it.each([
    ['http://127.0.0.1:3000/dev', true],
    ['http://127.10.0.5/', true],
    ['http://localhost:8080/', true],
    ['http://api.localhost/', true],
    ['http://[::1]:3000/', true],
    ['http://[::ffff:127.0.0.1]/', true],
    ['http://10.0.0.5/', false],
    ['http://192.168.1.20:3000/', false],
    ['http://[2001:db8::1]/', false],
    ['http://localhost.example.com/', false],
    [REMOTE, false],
  ])('%s → %s', (url, loopback) => {
    expect(isLoopbackUrl(url)).toBe(loopback);
  });
});

describe('bind addresses (serve warns beyond loopback)', () => {
  it.each([
    ['127.0.0.1', true],
    ['::1', true],
    ['[::1]', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.20', false],
  ])('%s → %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe('the plan', () => {
  it('counts the requests and the peak rate of every open phase', () => {
    const plan = planRemoteRun(
      scenario({
        phases: [
          { type: 'ramp', duration: '10s', rate: 10, rampTo: 50 },
          { type: 'pause', duration: '5s' },
          { type: 'spike', duration: '10s', rate: 20, spikeRate: 200, spikeDuration: '2s' },
        ],
      }),
    );
    // Ramp: (10 + 50) / 2 × 10 s = 300; spike: 20 × 8 s + 200 × 2 s = 560.
    expect(plan.totalRequests).toBe(860);
    expect(plan.peakRps).toBe(200);
  });

  it('prices the test by hand: REST $3.50/M, Lambda $0.20/M, 128 MB for the assumed 100 ms at $0.0000166667/GB-s', () => {
    const plan = planRemoteRun(scenario({ safety: { assumedDuration: '100ms' } }));
    expect(plan.totalRequests).toBe(1_000);
    // 1,000 × 3.5e-6 + 1,000 × 0.2e-6 + 1,000 × 0.125 GB × 0.1 s × 0.0000166667 $/GB-s
    expect(plan.costUsd).toBeCloseTo(0.0035 + 0.0002 + 12.5 * 0.0000166667, 9);
    expect(plan.costNote).toMatch(/1000 requests through a REST API in us-east-1, each invocation at 128 MB for safety\.assumedDuration 100ms/);
  });

  it('without an assumed duration, every invocation runs to the HTTP timeout: an upper bound, and it says so', () => {
    const plan = planRemoteRun(scenario());
    expect(plan.costUsd).toBeCloseTo(0.0035 + 0.0002 + 1_000 * 0.125 * 60 * 0.0000166667, 9);
    expect(plan.costNote).toMatch(/the 1m timeout \(set safety\.assumedDuration/);
  });

  it('has no cost bound for a closed phase or an undescribed function', () => {
    const closed = planRemoteRun(scenario({ phases: [{ type: 'closed', duration: '5s', connections: 2 }] }));
    expect(closed.totalRequests).toBeUndefined();
    expect(closed.costUsd).toBeUndefined();
    expect(planRemoteRun(scenario({ target: { type: 'url', url: REMOTE, api: { type: 'http' } } })).costNote).toMatch(/set target\.function/);
  });
});

describe('the gate', () => {
  it('lets a loopback target through without consent', () => {
    expect(checkRemoteGate(scenario({ target: { type: 'url', url: 'http://127.0.0.1:9/prod' } }))).toBeUndefined();
  });

  it('refuses a remote target without consent, with the plan, exit 5', () => {
    const r = refusal(() => checkRemoteGate(scenario()));
    expect(r).toMatchObject({ code: 'REMOTE_CONSENT_REQUIRED', exitCode: 5 });
    expect(r.problems).toEqual([`target ${REMOTE}`, 'peak 100 req/s · 1000 requests', expect.stringMatching(/^AWS cost of the test: at most \$0\.1/)]);
  });

  it('takes consent from the flag or the scenario', () => {
    expect(checkRemoteGate(scenario(), { allowRemote: true })?.totalRequests).toBe(1_000);
    expect(checkRemoteGate(scenario({ safety: { allowRemote: true } }))?.totalRequests).toBe(1_000);
  });

  it('refuses a plan over maxCostUsd (the flag wins over the scenario), and one whose cost cannot be bounded', () => {
    const over = refusal(() => checkRemoteGate(scenario({ safety: { allowRemote: true, maxCostUsd: 1 } }), { maxCostUsd: 0.01 }));
    expect(over).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', exitCode: 5 });
    expect(over.message).toMatch(/may cost \$0\.1\d+, over maxCostUsd \$0\.01/);
    expect(checkRemoteGate(scenario({ safety: { allowRemote: true, maxCostUsd: 1 } }))?.costUsd).toBeLessThan(1);
    const closed = refusal(() => checkRemoteGate(scenario({ phases: [{ type: 'closed', duration: '5s', connections: 2 }], safety: { allowRemote: true, maxCostUsd: 100 } })));
    expect(closed.message).toMatch(/cannot be bounded in advance \(a closed phase/);
  });
});
