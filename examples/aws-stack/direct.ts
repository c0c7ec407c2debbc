import { defineScenario } from 'lambdaload';
import { stackValue } from './stack.js';

/** The sample stack's function invoked directly (no API Gateway): cold/warm from each Invoke's REPORT tail. */
export default defineScenario({
  name: 'aws-stack-direct',
  target: { type: 'lambda', functionName: stackValue('LAMBDALOAD_STACK_FUNCTION'), region: stackValue('AWS_REGION') },
  phases: [{ type: 'constant', duration: '30s', rate: 10 }],
  requests: [{ name: 'hello', json: { rawPath: '/hello' }, expect: { bodyContains: 'hello' } }],
  thresholds: [{ metric: 'errorRate', max: 0.01 }],
  safety: { maxCostUsd: 0.5 },
});
