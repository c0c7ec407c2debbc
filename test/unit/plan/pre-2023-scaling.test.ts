/**
 * The pre-2023 account-level scaling rule, for replaying older incidents (Lambda DG 2023 invocation-scaling.md,
 * aws-facts §3.1 "Old model"): a burst of 3,000 / 1,000 / 500 new environments by Region for all functions together,
 * then 500 more a minute. Every figure below is read from src/facts/scaling.ts.
 */
import { describe, expect, it } from 'vitest';
import { PRE_2023_SCALING } from '../../../src/facts/scaling.js';
import { planCapacity } from '../../../src/plan/plan.js';
import type { Plan } from '../../../src/plan/types.js';
import { validatePlan } from '../../../src/plan/validate.js';
import { firstSecondReaching, simulate } from './helpers.js';

const lifted = { concurrency: 100_000, apiThrottle: { rateRps: 1_000_000, burst: 1_000_000 } };
const fn = { memoryMb: 1769, duration: 1_000, init: 200, timeout: '10s' as const };
const plan = (region: string, rps: number, over: Partial<Plan> = {}): Plan => ({
  name: 'old-rule',
  region,
  arrivals: 'uniform',
  scalingRule: 'pre-2023',
  account: lifted,
  traffic: { type: 'steady', rps, duration: '6m' },
  functions: { f: fn },
  ...over,
});
const perMinute = PRE_2023_SCALING.perMinuteAfterBurst.value;

describe('the pre-2023 scaling rule', () => {
  it("us-east-1: a jump to 5,000 concurrent gets the Region's burst at once, then needs (5,000 − burst) / 500 a minute", () => {
    const burst = PRE_2023_SCALING.burstByRegion.value['us-east-1'];
    const { out } = simulate(plan('us-east-1', 5_000));
    expect(out.timeline.coldStarts[0]).toBeGreaterThanOrEqual(burst);
    expect(out.timeline.coldStarts[0]).toBeLessThanOrEqual(burst + perMinute / 60 + 1);
    const expectedS = ((5_000 - burst) / perMinute) * 60; // 240 s in us-east-1
    const reached = firstSecondReaching(out.timeline.busyPeak, 4_990);
    expect(reached).toBeGreaterThanOrEqual(expectedS - 5);
    expect(reached).toBeLessThanOrEqual(expectedS + 5);
    // Under the current rule the same jump takes under a minute.
    const current = simulate({ ...plan('us-east-1', 5_000), scalingRule: 'current' }).out;
    expect(firstSecondReaching(current.timeline.busyPeak, 4_990)).toBeLessThan(60);
  });

  it('a Region the 2023 doc does not list gets the 500 of "other Regions"; the burst is shared by the functions', () => {
    const other = PRE_2023_SCALING.burstOtherRegions.value;
    const { out } = simulate(plan('eu-west-3', 600, { traffic: { type: 'steady', rps: 600, duration: '30s' }, functions: { a: fn, b: fn } }));
    expect(out.timeline.coldStarts[0]).toBeGreaterThanOrEqual(other);
    expect(out.timeline.coldStarts[0]).toBeLessThanOrEqual(other + perMinute / 60 + 1);
    expect(out.throttles.lambdaScalingRate).toBeGreaterThan(0);
  });

  it('the output says which rule, from which source, that it is an approximation, and what cannot be raised', () => {
    const result = planCapacity({ plan: plan('us-east-1', 5_000, { traffic: { type: 'steady', rps: 5_000, duration: '60s' } }), dir: process.cwd(), results: new Map() }, { file: 'old.ts' });
    expect(result.notes.join('\n')).toMatch(/pre-2023 account-level rule, a burst of 3,000 new environments in us-east-1 .* then 500 a minute \(Lambda DG 2023 invocation-scaling\.md/);
    expect(result.warnings.map((w) => w.code)).toContain('SCALING_RULE_PRE_2023');
    const quota = result.recommendations.quotas.find((q) => q.quota.startsWith('Lambda burst concurrency'));
    expect(quota).toMatchObject({ current: 3_000, adjustable: false });
  });

  it('an unknown rule is a problem with its key path', () => {
    expect(validatePlan({ ...plan('us-east-1', 1), scalingRule: '2019' as never })).toEqual([expect.objectContaining({ path: 'scalingRule' })]);
  });
});
