import { defineScenario } from 'lambdaload';

/**
 * A ramp past a function's reserved concurrency. The handler holds its environment for 100 ms, so 3 environments
 * serve about 30 req/s (Little's law: concurrency = rate × duration); from there on Lambda rejects the extra
 * invocations (TooManyRequestsException, ReservedFunctionConcurrentInvocationLimitExceeded) and the REST API
 * answers them with 500 {"message": "Internal server error"}, as API Gateway maps a Lambda throttle.
 *
 * What you should see: throttles in the emulator section growing with the rate, errors (500) in the second half of
 * the timeline, cold starts only in the first seconds, and never more than 3 environments. The requests that do get
 * an environment stay fast: reserved concurrency caps the function, it does not queue requests.
 */
export default defineScenario({
  name: 'reserved-ramp',
  description: 'Ramp 5 → 80 req/s into a 100 ms handler with reservedConcurrency 3: throttles (REST 500) past ~30 req/s',
  target: {
    type: 'emulator',
    api: { type: 'rest', stage: 'dev' },
    functions: {
      work: {
        code: './functions/reserved-sleep',
        handler: 'index.handler',
        runtime: 'nodejs22.x',
        memoryMb: 128,
        reservedConcurrency: 3,
        environment: { SLEEP_MS: '100' },
      },
    },
    routes: [{ method: 'GET', path: '/work', function: 'work' }],
  },
  phases: [{ name: 'ramp', type: 'ramp', duration: '6s', rate: 5, rampTo: 80 }],
  requests: [{ path: '/work', expect: { status: 200, bodyContains: 'slept' } }],
  thresholds: [
    // Throttles are the point of this scenario: about 40% of this ramp is above 3 environments' capacity. The
    // bound fails the run if the cap bites much earlier than Little's law says it should.
    { metric: 'errorRate', max: 0.6 },
    // Requests that got an environment are not queued behind the throttled ones.
    { metric: 'latency', percentile: 'p99', start: 'warm', maxMs: 600 },
  ],
  projection: { monthlyRequests: 20_000_000, peakRps: 80, region: 'us-east-1' },
});
