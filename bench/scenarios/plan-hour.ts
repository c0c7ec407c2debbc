import { definePlan } from 'lambdaload';

/** The plan benchmark's hour: 10,000 req/s of Poisson arrivals for 1 h (36 M requests). */
export default definePlan({
  name: 'bench-plan-hour',
  region: 'us-east-1',
  traffic: { type: 'steady', rps: 10_000, duration: '1h' },
  account: { concurrency: 3_000, apiThrottle: { rateRps: 20_000, burst: 5_000 } },
  functions: { api: { memoryMb: 1024, duration: { p50: 40, p99: 250 }, init: { p50: 300, p99: 900 }, timeout: '10s' } },
});
