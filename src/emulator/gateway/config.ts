/**
 * Resolves and checks the API half of an emulator target: defaults as AWS sets them, every problem reported at
 * once with its key path (`target.routes[2].function: ...`).
 */
import { randomBytes } from 'node:crypto';
import { API_TYPES, HTTP_METHODS, type Duration, type EmulatorTarget, type ThrottleSpec } from '../../scenario/types.js';
import { EMULATOR_ACCOUNT_ID } from '../lambda/service.js';
import { compileRouter, parsePathTemplate, type Router } from './router.js';
import type { CompiledRoute, GatewayApiConfig } from './types.js';

/** The account-level throttle every API shares: 10,000 req/s, burst 5,000 (aws-facts §3.2, "Account-level throttle"). */
export const ACCOUNT_THROTTLE: ThrottleSpec = { rateRps: 10_000, burst: 5_000 };

/** Default integration timeouts: REST 29 s, HTTP API 30 s (aws-facts §3.2). */
export const DEFAULT_INTEGRATION_TIMEOUT_MS = { rest: 29_000, http: 30_000 } as const;
/** Integration timeout bounds: 50 ms at least; HTTP API at most 30 s (not increasable); REST 29 s by default but
 * raisable for Regional APIs since 2024-06-04, with examples up to 300 s (aws-facts §3.2 "Regional / private REST APIs"). */
export const INTEGRATION_TIMEOUT_RANGE_MS = { min: 50, max: { rest: 300_000, http: 30_000 } } as const;


const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

export interface ResolvedGateway {
  api: GatewayApiConfig;
  routes: CompiledRoute[];
  router: Router;
}

/**
 * Resolves `target.api` and `target.routes`. Problems are appended to `problems`; the result is only usable when
 * none were added. `toMs` converts a scenario duration (returns `undefined` when unreadable).
 */
export function resolveGatewayConfig(
  target: EmulatorTarget,
  problems: string[],
  toMs: (value: Duration) => number | undefined,
): ResolvedGateway {
  const spec = target.api ?? ({} as EmulatorTarget['api']);
  const type = API_TYPES.includes(spec.type) ? spec.type : 'rest';
  if (!API_TYPES.includes(spec.type)) problems.push(`target.api.type: must be 'rest' or 'http' (got ${JSON.stringify(spec.type)})`);
  const rest = type === 'rest';

  const stage = spec.stage ?? (rest ? 'dev' : '$default');
  if (!(STAGE_NAME.test(stage) || (!rest && stage === '$default'))) {
    problems.push(`target.api.stage: '${stage}' is not a valid stage name (letters, digits, '-', '_'${rest ? '' : "; or '$default'"})`);
  }

  let payloadFormat: '1.0' | '2.0' = rest ? '1.0' : '2.0';
  if (spec.payloadFormat !== undefined) {
    if (rest && spec.payloadFormat !== '1.0') problems.push(`target.api.payloadFormat: REST APIs send payload format 1.0 only`);
    else if (spec.payloadFormat !== '1.0' && spec.payloadFormat !== '2.0') problems.push(`target.api.payloadFormat: must be '1.0' or '2.0'`);
    else payloadFormat = spec.payloadFormat;
  }

  let integrationTimeoutMs: number = DEFAULT_INTEGRATION_TIMEOUT_MS[type];
  if (spec.integrationTimeout !== undefined) {
    const ms = toMs(spec.integrationTimeout);
    const max = INTEGRATION_TIMEOUT_RANGE_MS.max[type];
    if (ms === undefined || ms < INTEGRATION_TIMEOUT_RANGE_MS.min || ms > max) {
      problems.push(`target.api.integrationTimeout: must be a duration from ${INTEGRATION_TIMEOUT_RANGE_MS.min} ms to ${max / 1000} s for ${rest ? 'REST' : 'HTTP'} APIs (got ${JSON.stringify(spec.integrationTimeout)})`);
    } else integrationTimeoutMs = ms;
  }

  const stageThrottle = spec.throttle === undefined ? undefined : checkThrottle(spec.throttle, 'target.api.throttle', problems);
  const routes = resolveRoutes(target, rest, problems);

  const keys = new Set(routes.map((r) => r.routeKey));
  for (const [key, throttle] of Object.entries(spec.routeThrottles ?? {})) {
    if (!keys.has(key)) {
      problems.push(`target.api.routeThrottles['${key}']: no route has this key (keys are 'METHOD /path' as in routes, e.g. '${routes[0]?.routeKey ?? 'GET /hello'}')`);
      continue;
    }
    const checked = checkThrottle(throttle, `target.api.routeThrottles['${key}']`, problems);
    for (const route of routes) if (route.routeKey === key) route.throttle = checked;
  }

  const { router, problems: routeProblems } = compileRouter(type, routes);
  for (const problem of routeProblems) problems.push(`target.routes: ${problem}`);

  const api: GatewayApiConfig = {
    type,
    stage,
    stagePrefix: stage === '$default' ? '' : `/${stage}`,
    payloadFormat,
    integrationTimeoutMs,
    accountThrottle: ACCOUNT_THROTTLE,
    stageThrottle,
    apiId: randomId(10),
    // The same account the Lambda service puts in function ARNs, so both halves tell one story.
    accountId: EMULATOR_ACCOUNT_ID,
    deploymentId: randomId(6),
  };
  return { api, routes, router };
}

function resolveRoutes(target: EmulatorTarget, rest: boolean, problems: string[]): CompiledRoute[] {
  const routes: CompiledRoute[] = [];
  if (!Array.isArray(target.routes) || target.routes.length === 0) {
    problems.push('target.routes: at least one route is needed');
    return routes;
  }
  const resourceIds = new Map<string, string>();
  target.routes.forEach((spec, i) => {
    const at = `target.routes[${i}]`;
    const before = problems.length;
    const method = spec.method;
    if (method !== 'ANY' && !HTTP_METHODS.includes(method)) problems.push(`${at}.method: must be one of ${HTTP_METHODS.join(', ')} or ANY (got ${JSON.stringify(method)})`);
    if (spec.path === '$default') {
      if (rest) problems.push(`${at}.path: '$default' is an HTTP API route; a REST API catches everything with ANY /{proxy+}`);
      else if (method !== 'ANY') problems.push(`${at}.method: the '$default' route matches every method; use method: 'ANY'`);
    } else if (typeof spec.path !== 'string') problems.push(`${at}.path: must be a string such as '/items/{id}'`);
    else {
      const parsed = parsePathTemplate(spec.path);
      if (typeof parsed === 'string') problems.push(`${at}.path: ${parsed}`);
    }
    const functionNames = Object.keys(target.functions ?? {});
    if (!Object.hasOwn(target.functions ?? {}, spec.function)) {
      problems.push(`${at}.function: no function named '${spec.function}' in target.functions (defined: ${functionNames.join(', ') || 'none'})`);
    }
    const integration = spec.integration ?? 'proxy';
    if (integration !== 'proxy' && integration !== 'lambda') problems.push(`${at}.integration: must be 'proxy' or 'lambda'`);
    else if (integration === 'lambda' && !rest) problems.push(`${at}.integration: the non-proxy 'lambda' integration exists on REST APIs only`);
    if (problems.length > before) return;
    let resourceId = resourceIds.get(spec.path);
    if (!resourceId) resourceIds.set(spec.path, (resourceId = randomId(6)));
    routes.push({
      method,
      path: spec.path,
      routeKey: spec.path === '$default' ? '$default' : `${method} ${spec.path}`,
      functionName: spec.function,
      integration,
      resourceId,
    });
  });
  return routes;
}

function checkThrottle(spec: ThrottleSpec, at: string, problems: string[]): ThrottleSpec | undefined {
  const okRate = typeof spec?.rateRps === 'number' && Number.isFinite(spec.rateRps) && spec.rateRps >= 0;
  const okBurst = typeof spec?.burst === 'number' && Number.isInteger(spec.burst) && spec.burst >= 0;
  if (!okRate) problems.push(`${at}.rateRps: must be a number ≥ 0 (got ${JSON.stringify(spec?.rateRps)})`);
  if (!okBurst) problems.push(`${at}.burst: must be an integer ≥ 0 (got ${JSON.stringify(spec?.burst)})`);
  return okRate && okBurst ? { rateRps: spec.rateRps, burst: spec.burst } : undefined;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Lower-case alphanumeric id like AWS's API ids (`puhdx84jy9`) and resource ids (`3nq1cq`). */
function randomId(length: number): string {
  const bytes = randomBytes(length);
  let id = '';
  for (let i = 0; i < length; i++) id += ALPHABET[bytes[i] % ALPHABET.length];
  return id;
}
