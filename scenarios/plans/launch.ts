import { definePlan } from 'lambdaload';

/**
 * A launch: traffic climbs from 0 to 3,000 req/s in 20 s and stays there for 2 minutes. The handler takes ~40 ms
 * (p99 180 ms) at 512 MB; a cold start's INIT ~350 ms (p99 900 ms).
 *
 * What you should see: the first seconds are all cold starts (each new environment is one), concurrency reaching
 * rate × duration (Little's law, ~150 here) plus the environments still initialising; the recommendations price
 * the provisioned concurrency that would remove those cold starts.
 */
export default definePlan({
  name: 'launch',
  description: '0 → 3,000 req/s in 20 s, then 2 min steady, 512 MB handler behind a REST API',
  region: 'us-east-1',
  traffic: { type: 'spike', fromRps: 0, toRps: 3000, ramp: '20s', hold: '2m' },
  monthlyRequests: 2_000_000_000,
  api: { type: 'rest' },
  functions: {
    api: { memoryMb: 512, architecture: 'arm64', duration: { p50: 40, p99: 180 }, init: { p50: 350, p99: 900 }, timeout: '10s' },
  },
  thresholds: { p99Ms: 1000, maxErrorRate: 0.001 },
});
