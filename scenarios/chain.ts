import { defineScenario } from 'lambdaload';

/**
 * Two functions in a chain: the API calls "caller", which calls "callee" through the Lambda Invoke API with the AWS
 * SDK (@aws-sdk/client-lambda), as deployed code does. The callee's INIT is slow (3 s of module-level work), longer
 * than the caller's 2 s timeout.
 *
 * What you should see:
 * - The first requests fail with 502 {"message": "Internal server error"}: the caller is still waiting on the cold
 *   callee when its own timeout hits. On AWS this is the same: INIT time of the function you call counts against
 *   your timeout, not its own. REST APIs answer a function timeout with 502 (an HTTP API would answer 500).
 * - The emulator section shows caller timeouts, and several callee cold starts: each request that arrives while the
 *   callee's only environments are still initialising needs a new one.
 * - Once the callee environments are warm, the caller answers in a few ms and the rest of the run succeeds. A caller
 *   environment whose invocation timed out is reset, as Lambda does: its next invocation re-runs the caller's INIT
 *   inside the invoke (cold, no Init Duration), under the same 2 s timeout.
 * Fixes to try: raise the caller's timeout above the callee's cold start, give the callee provisioned concurrency,
 * or make its INIT lighter.
 */
export default defineScenario({
  name: 'chain',
  description:
    'API → caller (2 s timeout) → Lambda Invoke → callee with a 3 s cold start: the first requests time out (REST 502) while the callee initialises, later ones succeed warm',
  target: {
    type: 'emulator',
    api: { type: 'rest', stage: 'dev' },
    functions: {
      caller: {
        code: './functions/chain-caller',
        handler: 'index.handler',
        runtime: 'nodejs22.x',
        // Memory sets CPU (cpu: 'aws'): at 256 MB a new caller's first SDK call (cold JIT at a quarter of a vCPU)
        // alone took most of the 2 s timeout on a busy machine, so caller environments replaced after a timeout
        // timed out again; 1,024 MB keeps the example about the callee's cold start.
        memoryMb: 1024,
        timeout: '2s',
        environment: { CALLEE_FUNCTION: 'callee' },
      },
      callee: {
        code: './functions/chain-callee',
        handler: 'index.handler',
        runtime: 'nodejs22.x',
        memoryMb: 128,
        environment: { INIT_DELAY_MS: '3000' },
      },
    },
    routes: [{ method: 'GET', path: '/chain', function: 'caller' }],
  },
  phases: [
    { name: 'cold', type: 'constant', duration: '4s', rate: 2 },
    { name: 'warm', type: 'constant', duration: '4s', rate: 8 },
  ],
  requests: [{ path: '/chain', expect: { status: 200, bodyContains: 'callee ok' } }],
  thresholds: [
    // The cold chain fails some requests by design, so the implicit 1% bound would fail every run; this replaces it.
    // Every request before the first callee environment is ready fails (about the 8 of the cold phase, 20%); 40%
    // leaves room for a slow machine's later INIT, and more means the warm phase fails too: exit 3. The error table
    // shows the failures as 502 Internal server error (gateway) and the caller's Sandbox.Timedout.
    { metric: 'errorRate', max: 0.4 },
    { metric: 'latency', percentile: 'p99', start: 'warm', maxMs: 500 },
  ],
  projection: { monthlyRequests: 2_000_000, peakRps: 20, region: 'us-east-1' },
});
