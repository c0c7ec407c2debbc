import { defineScenario } from 'lambdaload';
import { apiTraffic, stackValue } from './stack.js';

/** The sample stack's HTTP API ($default stage): the same traffic as rest.ts, for the price and latency difference. */
export default defineScenario({
  name: 'aws-stack-http',
  target: {
    type: 'url',
    url: stackValue('LAMBDALOAD_STACK_HTTP_URL'),
    api: { type: 'http' },
    function: { name: stackValue('LAMBDALOAD_STACK_FUNCTION'), region: stackValue('AWS_REGION'), memoryMb: 512 },
  },
  ...apiTraffic,
  evidence: 'cloudwatch',
  safety: { maxCostUsd: 0.5, assumedDuration: '100ms' },
  projection: { monthlyRequests: 10_000_000, peakRps: 200, region: stackValue('AWS_REGION') },
});
