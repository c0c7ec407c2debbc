import { defineScenario } from 'lambdaload';

/**
 * Direct invoke with no AWS account: the emulator's hello function driven through the Lambda Invoke API (the AWS
 * SDK's InvokeCommand, `LogType: 'Tail'`), with no API Gateway in front. Each request's `json` is the event.
 * Cold and warm come from the REPORT line of each invocation's log tail (Init Duration present ⇒ cold), as they do
 * against a deployed function (`target: { type: 'lambda', functionName, region }`, see the README's "Direct invoke").
 */
export default defineScenario({
  name: 'direct-invoke',
  description: 'The hello function invoked directly (Lambda Invoke API, no API Gateway) on the local emulator',
  target: {
    type: 'emulator',
    invoke: 'direct',
    functions: {
      hello: { code: './functions/hello', handler: 'index.handler', runtime: 'nodejs22.x', memoryMb: 128 },
    },
  },
  phases: [
    { name: 'ramp', type: 'ramp', duration: '3s', rate: 5, rampTo: 50 },
    { name: 'steady', type: 'constant', duration: '4s', rate: 50 },
  ],
  requests: [{ name: 'hello', json: { orderId: '{{seq}}' }, expect: { bodyContains: 'Hello from Lambda!' } }],
  thresholds: [{ metric: 'errorRate', max: 0.01 }],
  projection: { monthlyRequests: 10_000_000, region: 'us-east-1' },
});
