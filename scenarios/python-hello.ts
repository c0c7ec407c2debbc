import { defineScenario } from 'lambdaload';

/**
 * The hello handler in Python 3 behind a REST API stage on the local emulator. The runtime name (python3.12) picks
 * the Python runtime and its pricing; the local `python3` runs the code. A short ramp brings up the first
 * environments (cold starts), then a steady phase runs warm.
 */
export default defineScenario({
  name: 'python-hello',
  description: 'Python 3 hello handler behind a REST API (stage dev) on the local emulator',
  target: {
    type: 'emulator',
    api: { type: 'rest', stage: 'dev' },
    functions: {
      hello: { code: './functions/python-hello', handler: 'app.handler', runtime: 'python3.12', memoryMb: 128 },
    },
    routes: [{ method: 'GET', path: '/hello', function: 'hello' }],
  },
  phases: [
    { name: 'ramp', type: 'ramp', duration: '3s', rate: 5, rampTo: 40 },
    { name: 'steady', type: 'constant', duration: '4s', rate: 40 },
  ],
  requests: [{ path: '/hello', expect: { status: 200, bodyContains: 'Hello from Lambda!' } }],
  thresholds: [
    { metric: 'errorRate', max: 0.01 },
    // Generous for a shared 2-core CI machine; warm Python invocations take a few ms.
    { metric: 'latency', percentile: 'p99', start: 'warm', maxMs: 500 },
  ],
  projection: { monthlyRequests: 5_000_000, peakRps: 100, region: 'us-east-1' },
});
