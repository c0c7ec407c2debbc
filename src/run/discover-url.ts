/**
 * A url target's lookups before its traffic (src/target/discover-api.ts), once consent is given: which function
 * serves each route, each function's configuration and the stage's throttles, folded into the resolved target.
 * They run when the API's id is known (an execute-api URL, or `target.api.id`) and `target.api.lookup` is not false,
 * against `target.endpoint`, else the SDK's endpoints (`AWS_ENDPOINT_URL_API_GATEWAY`, `AWS_ENDPOINT_URL_APIGATEWAYV2`,
 * `AWS_ENDPOINT_URL_LAMBDA`, `AWS_ENDPOINT_URL`), else AWS's. Never fatal: each refusal or failure is a warning.
 */
import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { Warning } from '../result/types.js';
import { missingFunctionFacts, withApiDiscovery } from '../target/api-discovery.js';
import { resolveTarget } from '../target/resolve.js';
import type { ResolvedScenario } from '../target/resolve-scenario.js';
import { urlTargetApi } from '../target/resolve-url.js';
import { probeApiType } from '../target/probe-api-type.js';
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

/**
 * The lookups, then, when a deployed API's kind is still unknown (not declared, no id, lookups refused or off), the
 * headers of one GET of the URL (probe-api-type.ts); when even they do not tell, a warning: API Gateway is then
 * neither priced nor checked.
 */
export async function discoverUrlTarget(scenario: ResolvedScenario, options: { pageSize?: number } = {}): Promise<UrlDiscovery> {
  const looked = await lookUp(scenario, options);
  const target = looked.scenario.target;
  // A URL on this machine is a local server, not API Gateway: it gets no extra request, and no API to price.
  if (target.type !== 'url' || looked.scenario.resolvedTarget.api || isLoopbackUrl(target.url)) return looked;
  const probed = await probeApiType(target.url);
  if (!probed) {
    const warning: Warning = {
      code: 'API_TYPE_UNKNOWN',
      message: "API Gateway not priced nor its quotas checked: the API's type is not declared, and neither the lookups nor the headers of its answer told it: set target.api.type ('rest' or 'http')",
    };
    return { ...looked, warnings: [...looked.warnings, warning] };
  }
  const region = looked.scenario.projection?.region;
  const again = resolveTarget({ ...target, api: { ...target.api, type: probed.type } }, region === undefined ? {} : { region });
  const source = `the ${probed.header} header of the answer to GET ${target.url} (${probed.type === 'rest' ? 'a REST API' : 'an HTTP API'})`;
  const defaults = [...looked.scenario.resolvedTarget.defaults, { path: 'target.api.type', value: probed.type, source }];
  return { ...looked, scenario: { ...looked.scenario, resolvedTarget: { ...again, functions: looked.scenario.resolvedTarget.functions, routes: looked.scenario.resolvedTarget.routes, defaults } } };
}

async function lookUp(scenario: ResolvedScenario, options: { pageSize?: number }): Promise<UrlDiscovery> {
  const target = scenario.target;
  const resolved = scenario.resolvedTarget;
  if (target.type !== 'url') return { scenario, warnings: [] };
  const warnings: Warning[] = [];
  const { id, stage } = urlTargetApi(target);
  const declared = target.api?.type;
  if (id === undefined || target.api?.lookup === false) return { scenario, warnings: missingFunctionFacts(resolved) };

  const services = declared === 'rest' ? (['API_GATEWAY'] as const) : declared === 'http' ? (['APIGATEWAYV2'] as const) : (['API_GATEWAY', 'APIGATEWAYV2'] as const);
  const endpoints = [...services, 'LAMBDA' as const].map((service) => lookupEndpoint(target.endpoint, service));
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
  // The AWS SDK is loaded here, by the runs that look something up, not by every start of the CLI.
  const [rest, http, lambda, { detectApiType, discoverApi }] = await Promise.all([
    import('@aws-sdk/client-api-gateway'),
    import('@aws-sdk/client-apigatewayv2'),
    import('@aws-sdk/client-lambda'),
    import('../target/discover-api.js'),
  ]);
  const clients: { rest?: APIGatewayClient; http?: ApiGatewayV2Client; lambda: LambdaClient } = {
    ...(declared !== 'http' ? { rest: new rest.APIGatewayClient(config) } : {}),
    ...(declared !== 'rest' ? { http: new http.ApiGatewayV2Client(config) } : {}),
    lambda: new lambda.LambdaClient(config),
  };
  try {
    let base = resolved;
    let type = declared;
    if (type === undefined) {
      // The URL does not say which kind of API it is: the one whose reads know the id.
      const detected = await detectApiType(clients, id, resolved.region);
      if ('warning' in detected) return { scenario, warnings: [...warnings, detected.warning, ...missingFunctionFacts(resolved)] };
      type = detected.type;
      const again = resolveTarget({ ...target, api: { ...target.api, type } }, scenario.projection?.region === undefined ? {} : { region: scenario.projection.region });
      base = { ...again, defaults: [...again.defaults, { path: 'target.api.type', value: type, source: `AWS lookup: apigateway:GET (the id answered ${type === 'rest' ? 'GetResources: a REST API' : 'GetRoutes: an HTTP API'})` }] };
    }
    const found = await discoverApi({
      clients,
      api: { type, id, ...(stage === undefined ? {} : { stage }) },
      region: resolved.region,
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    });
    const resolvedTarget = withApiDiscovery(base, found);
    return { scenario: { ...scenario, resolvedTarget }, warnings: [...warnings, ...found.warnings, ...missingFunctionFacts(resolvedTarget)] };
  } finally {
    clients.rest?.destroy();
    clients.http?.destroy();
    clients.lambda.destroy();
  }
}
