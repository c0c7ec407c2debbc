import { definePlan } from 'lambdaload';

/**
 * A day of a typical API: quiet at night, a morning and an evening peak, two routes on two functions. Durations
 * assumed at 1,024 MB; the sweep tries other sizes (scaled by CPU share), both architectures, both API types and
 * a provisioned level, and marks the cheapest configuration meeting the p99 target.
 */
export default definePlan({
  name: 'daily',
  description: 'A day of traffic, 20–400 req/s, two routes',
  region: 'eu-west-1',
  traffic: { type: 'daily', hourlyRps: [20, 15, 12, 10, 10, 15, 40, 120, 300, 400, 380, 350, 330, 340, 350, 360, 380, 390, 300, 200, 120, 80, 50, 30] },
  api: { type: 'http' },
  functions: {
    read: { memoryMb: 1024, duration: { p50: 25, p99: 120 }, init: { p50: 300, p99: 700 }, timeout: '6s' },
    write: { memoryMb: 1024, duration: { p50: 60, p99: 300 }, init: { p50: 320, p99: 800 }, timeout: '6s' },
  },
  routes: [
    { name: 'GET /items', function: 'read', share: 9 },
    { name: 'POST /items', function: 'write', share: 1 },
  ],
  thresholds: { p99Ms: 800, maxColdStartRate: 0.001 },
  sweep: { memoryMb: [512, 1024, 1769], architectures: ['x86_64', 'arm64'], apiTypes: ['rest', 'http'], provisioned: [0] },
});
