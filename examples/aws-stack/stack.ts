import type { Phase, RequestSpec, Threshold } from 'lambdaload';

/**
 * The deployed sample stack's addresses, from the environment (README: "Trying it on AWS" shows how to export them
 * from the stack's outputs). A missing one stops the scenario with what to set.
 */
export function stackValue(name: 'LAMBDALOAD_STACK_REST_URL' | 'LAMBDALOAD_STACK_HTTP_URL' | 'LAMBDALOAD_STACK_FUNCTION' | 'AWS_REGION'): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`${name} is not set: export it from the sample stack's outputs (README: Trying it on AWS)`);
  }
  return value;
}

/** The traffic rest.ts and http.ts send: the same, so their prices and latencies compare. */
export const apiTraffic: { phases: Phase[]; requests: RequestSpec[]; thresholds: Threshold[] } = {
  phases: [
    { name: 'ramp', type: 'ramp', duration: '30s', rate: 1, rampTo: 20 },
    { name: 'steady', type: 'constant', duration: '60s', rate: 20 },
  ],
  requests: [{ path: '/hello', expect: { status: 200, bodyContains: 'hello' } }],
  thresholds: [{ metric: 'errorRate', max: 0.01 }],
};
