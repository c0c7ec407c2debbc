import { defineScenario } from 'lambdaload';

/**
 * The README's main job: a Node hello handler behind a REST API stage on the local emulator.
 * A ramp brings up the first environments (cold starts), a steady phase runs warm, and a spike forces new
 * environments (more cold starts) while the steady ones stay warm.
 */
export default defineScenario({
  name: 'hello',
  description: 'Node.js hello handler behind a REST API (stage dev) on the local emulator',
  target: {
    type: 'emulator',
    api: { type: 'rest', stage: 'dev' },
    functions: {
      hello: { code: './functions/hello', handler: 'index.handler', runtime: 'nodejs22.x', memoryMb: 128 },
    },
    routes: [{ method: 'GET', path: '/hello', function: 'hello' }],
  },
  phases: [
    { name: 'ramp', type: 'ramp', duration: '4s', rate: 10, rampTo: 100 },
    { name: 'steady', type: 'constant', duration: '6s', rate: 100 },
    { name: 'spike', type: 'spike', duration: '4s', rate: 100, spikeRate: 200, spikeDuration: '1s' },
  ],
  requests: [{ path: '/hello', expect: { status: 200, bodyContains: 'Hello from Lambda!' } }],
  thresholds: [
    { metric: 'errorRate', max: 0.01 },
    { metric: 'latency', percentile: 'p99', start: 'warm', maxMs: 250 },
  ],
  projection: { monthlyRequests: 10_000_000, peakRps: 200, region: 'us-east-1' },
});
