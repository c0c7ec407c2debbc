/** Plan validation reports every problem at once, each at its key path, in the scenario validator's style. */
import { describe, expect, it } from 'vitest';
import { LambdaloadError } from '../../../src/errors.js';
import { assertValidPlan, validatePlan } from '../../../src/plan/validate.js';

const paths = (value: unknown) => validatePlan(value).map((p) => `${p.path} ${p.message}`);

describe('validatePlan', () => {
  it('a valid plan has no problems', () => {
    expect(validatePlan({ name: 'ok', traffic: { type: 'steady', rps: 10, duration: '1m' }, functions: { f: { duration: 50, init: { p50: 200, p99: 600 } } } })).toEqual([]);
  });

  it('reports every problem of a bad plan at once, each at its key path', () => {
    const problems = paths({
      name: '',
      traffic: { type: 'spike', fromRps: 500, toRps: 100, ramp: '0s', rps: 3 },
      account: { concurrency: 500 },
      functions: {
        api: { memoryMb: 64, duration: { p50: 100, p99: 50 }, init: -1, reservedConcurrency: 450, provisionedConcurrency: 500, timout: '3s' },
      },
      routes: [{ name: 'GET /', function: 'nope', throttle: { rateRps: 0 } }],
      thresholds: { p99Ms: 0 },
      sweep: { memoryMb: [100], apiTypes: ['soap'] },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'name must not be empty',
        "traffic.rps belongs to traffic of type 'steady', not 'spike'",
        'traffic.fromRps must be <= toRps (100) for a spike (got 500)',
        'traffic.ramp must be longer than 0',
        "functions.api.timout is not a known key; did you mean timeout?",
        "functions.api.memoryMb must be from 128 to 10240 (Lambda's memory range; got 64)",
        'functions.api.duration.p99 must be >= p50 (100) (got 50)',
        'functions.api.init must be > 0 ms (got -1)',
        'functions.api.provisionedConcurrency must be <= reservedConcurrency (450): provisioned environments count against it (got 500)',
        'functions reserve 450 environments in total, more than account concurrency 500 − 100 always kept unreserved = 400',
        'routes[0].function names no function of this plan (functions: api)',
        'routes[0].throttle.rateRps must be > 0 (got 0)',
        'routes[0].throttle.burst is required',
        'thresholds.p99Ms must be > 0 (got 0)',
        'sweep.memoryMb[0] must be a memory size from 128 to 10240 MB (got 100)',
        'sweep.apiTypes[0] must be one of rest, http (got "soap")',
      ]),
    );
  });

  it('daily traffic needs 24 rates', () => {
    expect(paths({ name: 'd', traffic: { type: 'daily', hourlyRps: [1, 2, -3] }, functions: { f: { duration: 1, init: 1 } } })).toEqual([
      'traffic.hourlyRps must list 24 hourly rates, hour 0 first (got 3)',
      'traffic.hourlyRps[2] must be a rate >= 0 (got -3)',
    ]);
  });

  it('assertValidPlan throws PLAN_INVALID (exit 2) with file:line for each problem', () => {
    const source = "export default definePlan({\n  name: 'x',\n  traffic: {\n    type: 'steady',\n    rps: -1,\n    duration: '1m',\n  },\n  functions: { f: { duration: 1, init: 1 } },\n});\n";
    try {
      assertValidPlan({ name: 'x', traffic: { type: 'steady', rps: -1, duration: '1m' }, functions: { f: { duration: 1, init: 1 } } }, 'p.ts', source);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LambdaloadError);
      const e = error as LambdaloadError;
      expect(e.code).toBe('PLAN_INVALID');
      expect(e.exitCode).toBe(2);
      expect(e.problems).toEqual(['p.ts:5 traffic.rps must be > 0 (got -1)']);
    }
  });
});
