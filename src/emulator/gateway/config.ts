/**
 * The gateway's half of the emulator: the resolved target's API and routes (src/target/resolve.ts) compiled for
 * matching, with the ids AWS would give a deployed API. Template and overlap problems that only the router can see
 * are reported with their key paths; the scenario validator has checked everything else.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ResolvedTarget } from '../../target/types.js';
import { EMULATOR_ACCOUNT_ID } from '../lambda/service.js';
import { compileRouter, parsePathTemplate, type Router } from './router.js';
import type { CompiledRoute, GatewayApiConfig } from './types.js';

export interface ResolvedGateway {
  api: GatewayApiConfig;
  routes: CompiledRoute[];
  router: Router;
}

/** Compiles the API of an emulator target. Problems are appended to `problems`; usable only when none were added. */
export function resolveGatewayConfig(target: ResolvedTarget, problems: string[]): ResolvedGateway {
  const spec = target.api;
  if (!spec || spec.stage === undefined || spec.stagePrefix === undefined || spec.payloadFormat === undefined) {
    throw new Error('resolveGatewayConfig needs the resolved API of an emulator target');
  }
  const resourceIds = new Map<string, string>();
  const routes: CompiledRoute[] = [];
  target.routes.forEach((route, i) => {
    if (route.path !== '$default') {
      const parsed = parsePathTemplate(route.path);
      if (typeof parsed === 'string') {
        problems.push(`target.routes[${i}].path: ${parsed}`);
        return;
      }
    }
    let resourceId = resourceIds.get(route.path);
    if (!resourceId) resourceIds.set(route.path, (resourceId = randomId(6)));
    routes.push({
      method: route.method,
      path: route.path,
      routeKey: route.routeKey,
      functionName: route.function,
      integration: route.integration,
      resourceId,
      ...(route.throttle ? { throttle: route.throttle } : {}),
    });
  });

  const { router, problems: routeProblems } = compileRouter(spec.type, routes);
  for (const problem of routeProblems) problems.push(`target.routes: ${problem}`);

  const api: GatewayApiConfig = {
    type: spec.type,
    stage: spec.stage,
    stagePrefix: spec.stagePrefix,
    payloadFormat: spec.payloadFormat,
    integrationTimeoutMs: spec.integrationTimeoutMs,
    accountThrottle: spec.accountThrottle,
    ...(spec.stageThrottle ? { stageThrottle: spec.stageThrottle } : {}),
    apiId: stableApiId(spec.type, spec.stage, routes),
    // The same account the Lambda service puts in function ARNs, so both halves tell one story.
    accountId: EMULATOR_ACCOUNT_ID,
    deploymentId: randomId(6),
  };
  return { api, routes, router };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The API's id, the same every time the same API (type, stage, routes and their functions) is served: a scenario can
 * name it (`target.api.id` of a url target) for the API Gateway lookups `lambdaload serve` answers
 * (src/emulator/aws/apigateway-api.ts), as it would name a deployed API's.
 */
export function stableApiId(type: string, stage: string, routes: readonly Pick<CompiledRoute, 'routeKey' | 'functionName'>[]): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([type, stage, routes.map((r) => [r.routeKey, r.functionName])]))
    .digest();
  let id = '';
  for (let i = 0; i < 10; i++) id += ALPHABET[digest[i]! % ALPHABET.length];
  return id;
}

/** Lower-case alphanumeric id like AWS's API ids (`puhdx84jy9`) and resource ids (`3nq1cq`). */
function randomId(length: number): string {
  const bytes = randomBytes(length);
  let id = '';
  for (let i = 0; i < length; i++) id += ALPHABET[bytes[i] % ALPHABET.length];
  return id;
}
