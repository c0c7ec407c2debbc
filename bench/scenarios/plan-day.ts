import { definePlan } from 'lambdaload';

/** The plan benchmark's day: 1,000 req/s of Poisson arrivals for 24 h (86.4 M requests), two routes. */
export default definePlan({
  name: 'bench-plan-day',
  region: 'us-east-1',
  traffic: { type: 'steady', rps: 1_000, duration: '24h' },
  functions: { read: { memoryMb: 1024, duration: { p50: 40, p99: 250 }, init: { p50: 300, p99: 900 }, timeout: '10s' }, write: { memoryMb: 1024, duration: { p50: 80, p99: 400 }, init: 400, timeout: '10s' } },
  routes: [{ name: 'GET /items', function: 'read', share: 4 }, { name: 'POST /items', function: 'write', share: 1 }],
});
