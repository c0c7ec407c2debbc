import { defineScenario } from 'lambdaload';

/**
 * A starter from `lambdaload init`: two hello functions, one in Node.js and one in Python, each on its own route of a
 * REST API stage, on lambdaload's local emulator (no AWS account needed). Run it with `npx lambdaload run scenario.ts`.
 */
export default defineScenario({
  name: 'starter',
  description: 'A Node.js and a Python hello function behind a REST API on the local emulator',
  target: {
    type: 'emulator',
    api: { type: 'rest', stage: 'dev' },
    functions: {
      helloNode: { code: './functions/hello-node', handler: 'index.handler', runtime: 'nodejs22.x', memoryMb: 128 },
      helloPython: { code: './functions/hello-python', handler: 'app.handler', runtime: 'python3.12', memoryMb: 128 },
    },
    routes: [
      { method: 'GET', path: '/node', function: 'helloNode' },
      { method: 'GET', path: '/python', function: 'helloPython' },
    ],
  },
  // A few seconds at a low rate: enough to see cold and warm starts of both functions. Raise both to load-test.
  phases: [{ type: 'constant', duration: '4s', rate: 5 }],
  requests: [
    { name: 'node', path: '/node', expect: { status: 200, bodyContains: 'Hello from Node.js' } },
    { name: 'python', path: '/python', expect: { status: 200, bodyContains: 'Hello from Python' } },
  ],
  // A failed threshold makes `lambdaload run` exit with code 3 (handy in CI).
  thresholds: [
    { metric: 'errorRate', max: 0.01 },
    { metric: 'latency', percentile: 'p99', start: 'warm', maxMs: 1000 },
  ],
  // Prices a month at this traffic and checks the quotas it would meet.
  projection: { monthlyRequests: 1_000_000, peakRps: 20, region: 'us-east-1' },
});
