/**
 * A url target's lookups before its traffic (src/target/discover-api.ts), once consent is given: which function
 * serves each route, each function's configuration and the stage's throttles, folded into the resolved target.
 * They run when the API's id is known (an execute-api URL, or `target.api.id`) and `target.api.lookup` is not false,
 * against `target.endpoint`, else the SDK's endpoints (`AWS_ENDPOINT_URL_API_GATEWAY`, `AWS_ENDPOINT_URL_APIGATEWAYV2`,
 * `AWS_ENDPOINT_URL_LAMBDA`, `AWS_ENDPOINT_URL`), else AWS's. Never fatal: each refusal or failure is a warning.
 */
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { Warning } from '../result/types.js';
import { missingFunctionFacts, withApiDiscovery } from '../target/api-discovery.js';
import { discoverApi } from '../target/discover-api.js';
import type { ResolvedScenario } from '../target/resolve-scenario.js';
import { urlTargetApi } from '../target/resolve-url.js';
import { isLoopbackUrl } from './remote-gate.js';

/** Credentials the lookups sign with against a loopback endpoint (`lambdaload serve` reads no signature). */
const LOCAL_CREDENTIALS = { accessKeyId: 'lambdaload-local', secretAccessKey: 'lambdaload-local' };

export interface UrlDiscovery {
  scenario: ResolvedScenario;
  warnings: Warning[];
}

/** The endpoint the lookups reach for `service`, as far as it is known without the SDK. */
function lookupEndpoint(endpoint: string | undefined, service: 'API_GATEWAY' | 'APIGATEWAYV2' | 'LAMBDA', env = process.env): string | undefined {
  return endpoint || env[`AWS_ENDPOINT_URL_${service}`] || env.AWS_ENDPOINT_URL || undefined;
}

export async function discoverUrlTarget(scenario: ResolvedScenario, options: { pageSize?: number } = {}): Promise<UrlDiscovery> {
  const target = scenario.target;
  const resolved = scenario.resolvedTarget;
  if (target.type !== 'url') return { scenario, warnings: [] };
  const warnings: Warning[] = [];
  const { id, stage } = urlTargetApi(target);
  const type = target.api?.type;
  const wanted = id !== undefined && target.api?.lookup !== false;
  if (wanted && type === undefined) {
    warnings.push({ code: 'API_DISCOVERY_SKIPPED', message: "API discovery: the API's type is not known: set target.api.type ('rest' or 'http') to read its routes and stage" });
  }
  if (!wanted || type === undefined) return { scenario, warnings: [...warnings, ...missingFunctionFacts(resolved)] };

  const apiService = type === 'rest' ? 'API_GATEWAY' : 'APIGATEWAYV2';
  const endpoints = [lookupEndpoint(target.endpoint, apiService), lookupEndpoint(target.endpoint, 'LAMBDA')];
  const local = endpoints.every((e) => e !== undefined && isLoopbackUrl(e));
  // Consent was given for the URL: lookups beyond this machine for a URL on it would be calls nobody agreed to.
  if (isLoopbackUrl(target.url) && !local) {
    warnings.push({
      code: 'API_DISCOVERY_SKIPPED',
      message: 'API discovery: the URL is on this machine but the lookups would reach AWS: set target.endpoint (e.g. the `lambdaload serve` URL) or target.api.lookup: false',
    });
    return { scenario, warnings: [...warnings, ...missingFunctionFacts(resolved)] };
  }
  const config = {
    region: resolved.region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    ...(local && !process.env.AWS_ACCESS_KEY_ID ? { credentials: LOCAL_CREDENTIALS } : {}),
  };
  const clients: { rest?: APIGatewayClient; http?: ApiGatewayV2Client; lambda: LambdaClient } = {
    ...(type === 'rest' ? { rest: new APIGatewayClient(config) } : { http: new ApiGatewayV2Client(config) }),
    lambda: new LambdaClient(config),
  };
  try {
    const found = await discoverApi({
      clients,
      api: { type, id: id!, ...(stage === undefined ? {} : { stage }) },
      region: resolved.region,
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    });
    const resolvedTarget = withApiDiscovery(resolved, found);
    return { scenario: { ...scenario, resolvedTarget }, warnings: [...warnings, ...found.warnings, ...missingFunctionFacts(resolvedTarget)] };
  } finally {
    clients.rest?.destroy();
    clients.http?.destroy();
    clients.lambda.destroy();
  }
}
