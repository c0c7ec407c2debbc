/** A plan simulated in-process, without a file: the plan object is validated, resolved and simulated as the CLI does. */
import { expect } from 'vitest';
import { resolvePlan, type PlanOverrides } from '../../../src/plan/resolve.js';
import { simulatePlan } from '../../../src/plan/simulate.js';
import { validatePlan } from '../../../src/plan/validate.js';
import type { Plan } from '../../../src/plan/types.js';

export function simulate(plan: Plan, overrides: PlanOverrides = {}) {
  expect(validatePlan(plan)).toEqual([]);
  const loaded = { plan, dir: process.cwd(), results: new Map() };
  const resolved = resolvePlan(loaded, overrides);
  return { resolved, out: simulatePlan(resolved.config) };
}

/** First second at which the per-second series reaches `value`, or -1. */
export function firstSecondReaching(series: Float64Array, value: number): number {
  return series.findIndex((v) => v >= value);
}
