import { definePlan } from 'lambdaload';

/**
 * A Python API whose INIT loads heavy libraries (~2.5 s, p99 4 s), meeting a burst of traffic: 0 → 150 req/s in 15 s.
 * The plan asks for the two setups that change cold starts, each simulated again on the same traffic.
 *
 * What you should see: the alternatives table. SnapStart keeps the cold starts but each one restores in the 300 ms
 * given (not measured: take Billed Restore Duration from a SnapStart function's REPORT lines), and adds the cache and
 * restore charges; Managed Instances has no cold start on the request path, and costs the instance hours given.
 */
export default definePlan({
  name: 'slow-init',
  description: 'a burst of 0 → 150 req/s in 15 s, 1,024 MB Python handler with a 2.5 s INIT, HTTP API',
  region: 'us-east-1',
  traffic: { type: 'spike', fromRps: 0, toRps: 150, ramp: '15s', hold: '3m' },
  monthlyRequests: 50_000_000,
  api: { type: 'http' },
  functions: {
    api: { memoryMb: 1024, runtime: 'python3.13', duration: { p50: 60, p99: 250 }, init: { p50: 2500, p99: 4000 }, timeout: '10s' },
  },
  thresholds: { p99Ms: 1500 },
  alternatives: {
    snapStart: { restoreDuration: '300ms' },
    // Two instances all month; the hourly price is an input (illustrative here): your instance type's On-Demand price.
    managedInstances: { instanceHours: 1440, instanceType: 'm7g.large', ec2OnDemandHourlyUsd: 0.0816 },
  },
});
