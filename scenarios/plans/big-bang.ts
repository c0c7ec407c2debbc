import { definePlan } from 'lambdaload';

/**
 * A jump to 25,000 req/s of 200 ms requests in 5 s, with the account's default limits: it needs ~5,000 environments
 * (Little's law). What you should see: Lambda's scaling rate (1,000 new environments per 10 s, which cannot be
 * raised) makes the ramp take about 40 s; the account's 1,000 concurrency and API Gateway's 10,000 req/s throttle
 * the rest, and the recommendations name both quota increases with the values to ask for.
 */
export default definePlan({
  name: 'big-bang',
  description: '0 → 25,000 req/s in 5 s, 200 ms requests, default quotas',
  region: 'us-east-1',
  traffic: { type: 'spike', toRps: 25_000, ramp: '5s', hold: '55s' },
  functions: { checkout: { memoryMb: 1024, duration: 200, init: { p50: 400, p99: 1200 }, timeout: '5s' } },
  thresholds: { maxErrorRate: 0.01 },
});
