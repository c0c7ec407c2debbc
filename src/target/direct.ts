/**
 * Direct invoke of the emulator's own functions (`target: { type: 'emulator', invoke: 'direct', functions }`): which
 * function a run invokes, and the gateway-shaped target the emulator process still starts from (the emulator always
 * serves its API Gateway front; a direct run never sends to it).
 */
import type { DirectEmulatorTarget, EmulatorTarget } from '../scenario/types.js';

export function isDirectEmulatorTarget(target: { type: string; invoke?: string }): target is DirectEmulatorTarget {
  return target.type === 'emulator' && target.invoke === 'direct';
}

/** The function a direct run invokes: `functionName`, else the only function (the validator made sure of one). */
export function invokedFunctionOf(target: DirectEmulatorTarget): string {
  return target.functionName ?? Object.keys(target.functions)[0]!;
}

/**
 * The target the emulator starts from. A direct target without `api` and `routes` gets an HTTP API with one
 * `$default` route to the invoked function, so `lambdaload serve` of such a scenario also answers over HTTP.
 */
export function gatewayTargetOf(target: EmulatorTarget | DirectEmulatorTarget): EmulatorTarget {
  if (!isDirectEmulatorTarget(target)) return target;
  const { invoke: _invoke, functionName: _name, api, routes, ...rest } = target;
  return {
    ...rest,
    type: 'emulator',
    api: api ?? { type: 'http' },
    routes: routes ?? [{ method: 'ANY', path: '$default', function: invokedFunctionOf(target) }],
  };
}

/**
 * The endpoint the SDK will reach for a `lambda` target's calls, as far as it can be known without the SDK: the
 * scenario's `endpoint`, else `AWS_ENDPOINT_URL_LAMBDA`, else `AWS_ENDPOINT_URL` (the SDK's service-specific endpoint
 * variables), else AWS's Regional endpoint. For the remote-consent gate and the result.
 */
export function effectiveLambdaEndpoint(region: string, endpoint: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  // An empty variable counts as unset, as the SDK treats it.
  return endpoint || env.AWS_ENDPOINT_URL_LAMBDA || env.AWS_ENDPOINT_URL || `https://lambda.${region}.amazonaws.com`;
}
