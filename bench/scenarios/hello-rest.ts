import { defineScenario } from 'lambdaload';

/**
 * scenarios/hello.ts's target with `cpu: 'host'`: the bench serves it with `lambdaload serve` to compare with
 * serverless-offline, which runs handlers on the host's whole CPU. Under the default `cpu: 'aws'` a 128 MB function
 * gets 128/1,769 of a CPU, and the comparison would measure Lambda's CPU share instead of the emulator.
 */
export default defineScenario({
  name: 'hello-rest-api',
  target: {
    type: 'emulator',
    api: { type: 'rest', stage: 'dev' },
    functions: {
      hello: { code: '../../scenarios/functions/hello', handler: 'index.handler', runtime: 'nodejs22.x', memoryMb: 128, cpu: 'host' },
    },
    routes: [{ method: 'GET', path: '/hello', function: 'hello' }],
  },
  phases: [{ type: 'constant', duration: '1s', rate: 1 }],
  requests: [{ path: '/hello' }],
});
