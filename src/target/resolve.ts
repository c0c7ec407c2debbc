/**
 * Turns a valid scenario target into its resolved description (types.ts): the scenario's values, else the dated
 * defaults of src/facts/defaults.ts, each default recorded with its source. Pure: no I/O, no validation (the scenario
 * validator has run; `startEmulator` runs it for targets that did not come through a scenario file).
 */
import {
  ACCOUNT_CONCURRENCY,
  API_DEFAULTS,
  EMULATOR_DEFAULTS,
  FALLBACK_REGION,
  FUNCTION_DEFAULTS,
} from '../facts/defaults.js';
import { joinPath } from '../scenario/key-path.js';
import type { DirectEmulatorTarget, EmulatorTarget, FunctionSpec, LambdaInvokeTarget, Target } from '../scenario/types.js';
import { Defaults } from './applied-defaults.js';
import { invokedFunctionOf, isDirectEmulatorTarget } from './direct.js';
import { resolveUrl, urlTargetRegion } from './resolve-url.js';
import type { ResolvedApi, ResolvedFunction, ResolvedRoute, ResolvedTarget, ResolvedThrottle } from './types.js';

export interface ResolveTargetOptions {
  /** `projection.region`: the Region the scenario plans for, which wins over a target's own. */
  region?: string;
}

export function resolveTarget(target: Target, options: ResolveTargetOptions = {}): ResolvedTarget {
  const defaults = new Defaults();
  const region = resolveRegion(target, options, defaults);
  const resolved =
    target.type === 'emulator' ? resolveEmulator(target, region, defaults) : target.type === 'url' ? resolveUrl(target, region, defaults) : resolveLambda(target, region, defaults);
  return { ...resolved, defaults: defaults.applied };
}

function resolveRegion(target: Target, options: ResolveTargetOptions, defaults: Defaults): string {
  const own = target.type === 'url' ? urlTargetRegion(target) : target.type === 'lambda' ? target.region : undefined;
  return defaults.pick(options.region ?? own, 'projection.region', FALLBACK_REGION);
}

type Resolved = Omit<ResolvedTarget, 'defaults'>;

function resolveEmulator(target: EmulatorTarget | DirectEmulatorTarget, region: string, defaults: Defaults): Resolved {
  // Direct invoke has no API Gateway in front: nothing of an API is resolved, priced or checked.
  const direct = isDirectEmulatorTarget(target);
  const api = direct ? undefined : resolveApi(target, region, defaults);
  const functions = Object.entries(target.functions).map(([name, spec]) => resolveFunction(name, spec, target, defaults));
  const routes = direct ? [] : resolveRoutes(target);
  return {
    type: 'emulator',
    region,
    accountConcurrency: defaults.pick(target.accountConcurrency, 'target.accountConcurrency', ACCOUNT_CONCURRENCY),
    ...(api ? { api } : {}),
    functions,
    routes,
    emulator: {
      coldStartProfile: defaults.pick(target.coldStartProfile, 'target.coldStartProfile', EMULATOR_DEFAULTS.coldStartProfile),
      idleTimeoutMs: defaults.ms(target.idleTimeout, 'target.idleTimeout', EMULATOR_DEFAULTS.idleTimeoutMs),
      maxLifetimeMs: defaults.ms(target.maxLifetime, 'target.maxLifetime', EMULATOR_DEFAULTS.maxLifetimeMs),
      spareRuntimes: defaults.pick(target.spareRuntimes, 'target.spareRuntimes', EMULATOR_DEFAULTS.spareRuntimes),
      ...(target.port === undefined ? {} : { port: target.port }),
    },
    ...(direct ? { invoke: { functionName: invokedFunctionOf(target) } } : {}),
  };
}

function resolveApi(target: EmulatorTarget, region: string, defaults: Defaults): ResolvedApi {
  const type = target.api.type;
  const rest = type === 'rest';
  const stage = defaults.pick(target.api.stage, 'target.api.stage', rest ? API_DEFAULTS.restStage : API_DEFAULTS.httpStage);
  return {
    type,
    stage,
    stagePrefix: stage === '$default' ? '' : `/${stage}`,
    payloadFormat: defaults.pick(target.api.payloadFormat, 'target.api.payloadFormat', rest ? API_DEFAULTS.restPayloadFormat : API_DEFAULTS.httpPayloadFormat),
    integrationTimeoutMs: defaults.ms(
      target.api.integrationTimeout,
      'target.api.integrationTimeout',
      rest ? API_DEFAULTS.restIntegrationTimeoutMs : API_DEFAULTS.httpIntegrationTimeoutMs,
    ),
    accountThrottle: defaults.accountThrottle(region),
    ...(target.api.throttle ? { stageThrottle: throttleOf(target.api.throttle) } : {}),
  };
}

function resolveRoutes(target: EmulatorTarget): ResolvedRoute[] {
  return target.routes.map((spec): ResolvedRoute => {
    const routeKey = spec.path === '$default' ? '$default' : `${spec.method} ${spec.path}`;
    const throttle = target.api.routeThrottles?.[routeKey];
    return {
      method: spec.method,
      path: spec.path,
      routeKey,
      function: spec.function,
      integration: spec.integration ?? 'proxy',
      ...(throttle ? { throttle: throttleOf(throttle) } : {}),
    };
  });
}

function resolveFunction(name: string, spec: FunctionSpec, target: EmulatorTarget | DirectEmulatorTarget, defaults: Defaults): ResolvedFunction {
  const at = joinPath('target.functions', name);
  return {
    name,
    code: spec.code ?? '.',
    handler: spec.handler,
    runtime: defaults.pick(spec.runtime, `${at}.runtime`, FUNCTION_DEFAULTS.runtime),
    memoryMb: defaults.pick(spec.memoryMb, `${at}.memoryMb`, FUNCTION_DEFAULTS.memoryMb),
    timeoutMs: defaults.ms(spec.timeout, `${at}.timeout`, FUNCTION_DEFAULTS.timeoutMs),
    architecture: defaults.pick(spec.architecture, `${at}.architecture`, FUNCTION_DEFAULTS.architecture),
    ephemeralStorageMb: defaults.pick(spec.ephemeralStorageMb, `${at}.ephemeralStorageMb`, FUNCTION_DEFAULTS.ephemeralStorageMb),
    environment: { ...(spec.environment ?? {}) },
    ...(spec.reservedConcurrency === undefined ? {} : { reservedConcurrency: spec.reservedConcurrency }),
    provisionedConcurrency: defaults.pick(spec.provisionedConcurrency, `${at}.provisionedConcurrency`, FUNCTION_DEFAULTS.provisionedConcurrency),
    // The function's own setting, else the target's, else the default.
    cpu: defaults.pick(spec.cpu ?? target.cpu, `${at}.cpu`, EMULATOR_DEFAULTS.cpu),
  };
}

/**
 * A deployed function: what the scenario says, and AWS's documented defaults until the run's lookups
 * (lambda-config.ts) replace them with the function's own configuration.
 */
function resolveLambda(target: LambdaInvokeTarget, region: string, defaults: Defaults): Resolved {
  return {
    type: 'lambda',
    region,
    invoke: {
      functionName: target.functionName,
      ...(target.qualifier === undefined ? {} : { qualifier: target.qualifier }),
      ...(target.endpoint === undefined ? {} : { endpoint: target.endpoint }),
    },
    accountConcurrency: defaults.pick(undefined, 'target.accountConcurrency', ACCOUNT_CONCURRENCY),
    functions: [
      {
        name: target.functionName,
        architecture: defaults.pick(undefined, 'target.architecture', FUNCTION_DEFAULTS.architecture),
        ephemeralStorageMb: defaults.pick(undefined, 'target.ephemeralStorageMb', FUNCTION_DEFAULTS.ephemeralStorageMb),
        provisionedConcurrency: defaults.pick(undefined, 'target.provisionedConcurrency', FUNCTION_DEFAULTS.provisionedConcurrency),
      },
    ],
    routes: [],
  };
}

function throttleOf(spec: { rateRps: number; burst: number }): ResolvedThrottle {
  return { rateRps: spec.rateRps, burst: spec.burst };
}

/** The resolved function named `name`; throws when there is none (a caller's bug: names come from the target). */
export function functionOf(target: ResolvedTarget, name: string): ResolvedFunction {
  const fn = target.functions.find((f) => f.name === name);
  if (!fn) throw new Error(`the resolved target has no function '${name}'`);
  return fn;
}
