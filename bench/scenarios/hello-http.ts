import { defineScenario } from 'lambdaload';

/**
 * scenarios/hello.ts's handler behind an HTTP API ($default stage, payload 2.0) instead of a REST API: the bench
 * serves it with `lambdaload serve` to compare with serverless-offline's `httpApi` route. Only the target is used.
 * `cpu: 'host'` as serverless-offline has (see hello-rest.ts).
 */
export default defineScenario({
  name: 'hello-http-api',
  target: {
    type: 'emulator',
    api: { type: 'http' },
    functions: {
      hello: { code: '../../scenarios/functions/hello', handler: 'index.handler', runtime: 'nodejs22.x', memoryMb: 128, cpu: 'host' },
    },
    routes: [{ method: 'GET', path: '/hello', function: 'hello' }],
  },
  phases: [{ type: 'constant', duration: '1s', rate: 1 }],
  requests: [{ path: '/hello' }],
});
