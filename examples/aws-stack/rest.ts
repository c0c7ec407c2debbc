import { defineScenario } from 'lambdaload';
import { apiTraffic, stackValue } from './stack.js';

/**
 * The sample stack's REST API (Prod stage), with CloudWatch's REPORT lines and metrics joined after the run. The
 * function is wrapped (lambdaload/wrapper), so every response says cold or warm. Costs a few cents at most.
 */
export default defineScenario({
  name: 'aws-stack-rest',
  target: {
    type: 'url',
    url: stackValue('LAMBDALOAD_STACK_REST_URL'),
    api: { type: 'rest' },
    function: { name: stackValue('LAMBDALOAD_STACK_FUNCTION'), region: stackValue('AWS_REGION'), memoryMb: 512 },
  },
  ...apiTraffic,
  // SAM names the implicit REST API after the stack.
  evidence: { source: 'cloudwatch', api: { name: process.env.LAMBDALOAD_STACK_NAME ?? 'lambdaload-sample', stage: 'Prod' } },
  safety: { maxCostUsd: 0.5, assumedDuration: '100ms' },
  projection: { monthlyRequests: 10_000_000, peakRps: 200, region: stackValue('AWS_REGION') },
});
