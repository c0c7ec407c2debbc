import { defineScenario } from 'lambdaload';

/**
 * The API Gateway tutorial's "Lambda function" (non-proxy) integration: a callback-style Node handler behind a POST
 * route. With no mapping template the JSON request body is passed through as the event, and the handler's return
 * value, JSON-serialised, is the 200 response body (`"success lambda api test: 7"`, quotes included).
 */
export default defineScenario({
  name: 'post-echo',
  description: 'Callback-style Node handler behind a REST POST route with the non-proxy Lambda integration',
  target: {
    type: 'emulator',
    api: { type: 'rest', stage: 'test' },
    functions: {
      echo: { code: './functions/post-echo', handler: 'index.handler', runtime: 'nodejs20.x', memoryMb: 128 },
    },
    routes: [{ method: 'POST', path: '/echo', function: 'echo', integration: 'lambda' }],
  },
  phases: [
    { name: 'ramp', type: 'ramp', duration: '2s', rate: 5, rampTo: 30 },
    { name: 'steady', type: 'constant', duration: '4s', rate: 30 },
  ],
  requests: [
    {
      name: 'echo',
      method: 'POST',
      path: '/echo',
      json: { val01: 'request {{seq}}' },
      expect: { status: 200, bodyContains: 'success lambda api test: request ' },
    },
  ],
  thresholds: [
    { metric: 'errorRate', max: 0.01 },
    { metric: 'latency', percentile: 'p99', start: 'warm', maxMs: 500 },
  ],
  projection: { monthlyRequests: 1_000_000, peakRps: 50, region: 'ap-northeast-2' },
});
