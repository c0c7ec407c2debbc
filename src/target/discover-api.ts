/**
 * A url target's lookups, before any traffic: which routes the deployed API has and which Lambda function serves
 * each (REST: GetResources with `embed=methods`, GetIntegration where a method came without its integration; HTTP API:
 * GetRoutes and GetIntegrations, every page), the stage's throttles and variables (GetStage, read first: an
 * integration may name its function through a stage variable), then each function's configuration
 * (lookup.ts, as a `lambda` target's). Nothing here stops a run: a refused or failed call becomes a warning naming the
 * IAM action and the resource (API Gateway's reads are all `apigateway:GET` on the resource's path ARN), and the run
 * keeps what the scenario says (api-discovery.ts folds what was read into the resolved target).
 */
import { GetIntegrationCommand, GetResourcesCommand, GetStageCommand, type APIGatewayClient, type Integration } from '@aws-sdk/client-api-gateway';
import {
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStageCommand as GetHttpStageCommand,
  type ApiGatewayV2Client,
  type Integration as HttpIntegration,
} from '@aws-sdk/client-apigatewayv2';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { LambdaloadError } from '../errors.js';
import type { ApiType, HttpMethod } from '../scenario/types.js';
import { functionOfIntegrationUri, withStageVariables, type IntegrationFunction } from './integration-uri.js';
import type { LambdaConfiguration } from './lambda-config.js';
import { lookupError, lookupLambdaConfiguration } from './lookup.js';
import type { ResolvedThrottle } from './types.js';

export const API_DISCOVERY_ACTION = 'apigateway:GET';

export interface DiscoveredRoute {
  method: HttpMethod | 'ANY';
  path: string;
  routeKey: string;
  integration: 'proxy' | 'lambda';
  /** Undefined: the route's integration is not a Lambda function lambdaload can name (HTTP, mock, a stage variable). */
  function?: IntegrationFunction;
}

export interface DiscoveredStage {
  /** The stage's default throttle (REST `*\/*` method settings, HTTP API default route settings), when set. */
  throttle?: ResolvedThrottle;
  /** Per route key (`GET /items/{id}`). */
  routeThrottles: Record<string, ResolvedThrottle>;
  /** The stage's variables: an integration URI may name its function through one. */
  variables?: Record<string, string>;
}

export interface ApiDiscovery {
  /** Undefined when the routes could not be read. */
  routes?: DiscoveredRoute[];
  stage?: DiscoveredStage;
  /** Each function's configuration read, by name. */
  configs: Record<string, LambdaConfiguration>;
  warnings: Array<{ code: string; message: string }>;
}

export interface DiscoverApiInput {
  clients: { rest?: APIGatewayClient; http?: ApiGatewayV2Client; lambda: LambdaClient };
  api: { type: ApiType; id: string; stage?: string };
  region: string;
  /** Items asked per page (default: the API's own page size). */
  pageSize?: number;
}

export async function discoverApi(input: DiscoverApiInput): Promise<ApiDiscovery> {
  const { api, region } = input;
  const out: ApiDiscovery = { configs: {}, warnings: [] };
  const base = api.type === 'rest' ? `/restapis/${api.id}` : `/apis/${api.id}`;
  const attempt = async <T>(what: string, path: string, call: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await call();
    } catch (error) {
      out.warnings.push(warningOf(error, API_DISCOVERY_ACTION, `arn:aws:apigateway:${region}::${path}`, region, what));
      return undefined;
    }
  };
  // The stage first: its variables may name the functions the integrations invoke.
  if (api.stage !== undefined) {
    const stage = api.stage;
    out.stage = await attempt('GetStage', `${base}/stages/${stage}`, () => (api.type === 'rest' ? restStage(input, stage) : httpStage(input, stage)));
  }
  const variables = out.stage?.variables;
  out.routes = await attempt(api.type === 'rest' ? 'GetResources' : 'GetRoutes', `${base}/${api.type === 'rest' ? 'resources' : 'routes'}`, () =>
    api.type === 'rest' ? restRoutes(input, attempt, variables) : httpRoutes(input, variables),
  );
  const unnamed = (out.routes ?? []).filter((r) => r.function === undefined).map((r) => r.routeKey);
  if (unnamed.length > 0) {
    out.warnings.push({
      code: 'API_ROUTE_FUNCTION_UNKNOWN',
      message: `the integrations of ${unnamed.join(', ')} name no Lambda function lambdaload can read (an HTTP, mock or AWS service integration, or one set by a stage variable): those routes are not priced by a function; name it in target.routes if there is one`,
    });
  }
  const functions = new Map<string, IntegrationFunction>();
  for (const r of out.routes ?? []) if (r.function && !functions.has(r.function.name)) functions.set(r.function.name, r.function);
  for (const fn of functions.values()) {
    try {
      // By its ARN, unqualified (the qualifier travels apart): the function the integration names, whatever the account.
      const functionName = fn.qualifier === undefined ? fn.arn : fn.arn.slice(0, -(fn.qualifier.length + 1));
      out.configs[fn.name] = await lookupLambdaConfiguration(input.clients.lambda, { functionName, ...(fn.qualifier === undefined ? {} : { qualifier: fn.qualifier }) }, fn.region);
    } catch (error) {
      const e = error as LambdaloadError;
      out.warnings.push({ code: e.code ?? 'AWS_LOOKUP_FAILED', message: `${e.message}${e.hint ? ` (${e.hint})` : ''}; the scenario's facts of ${fn.name} are used` });
    }
  }
  return out;
}

/**
 * Which kind of API an id names, when the scenario does not say: a REST API answers GetResources, an HTTP API
 * GetRoutes (each asked for one item). A refusal or failure of either is a warning, and the kind stays unknown.
 */
export async function detectApiType(
  clients: Pick<DiscoverApiInput['clients'], 'rest' | 'http'>,
  id: string,
  region: string,
): Promise<{ type: ApiType } | { warning: { code: string; message: string } }> {
  try {
    await clients.rest!.send(new GetResourcesCommand({ restApiId: id, limit: 1 }));
    return { type: 'rest' };
  } catch (error) {
    if ((error as { name?: string }).name !== 'NotFoundException') {
      return { warning: warningOf(error, API_DISCOVERY_ACTION, `arn:aws:apigateway:${region}::/restapis/${id}/resources`, region, 'GetResources (is it a REST API?)') };
    }
  }
  try {
    await clients.http!.send(new GetRoutesCommand({ ApiId: id, MaxResults: '1' }));
    return { type: 'http' };
  } catch (error) {
    return { warning: warningOf(error, API_DISCOVERY_ACTION, `arn:aws:apigateway:${region}::/apis/${id}/routes`, region, 'GetRoutes (is it an HTTP API?)') };
  }
}

type Attempt = <T>(what: string, path: string, call: () => Promise<T>) => Promise<T | undefined>;

async function restRoutes(input: DiscoverApiInput, attempt: Attempt, variables: Record<string, string> | undefined): Promise<DiscoveredRoute[]> {
  const client = input.clients.rest!;
  const restApiId = input.api.id;
  const routes: DiscoveredRoute[] = [];
  let position: string | undefined;
  do {
    const page = await client.send(
      new GetResourcesCommand({ restApiId, embed: ['methods'], ...(position === undefined ? {} : { position }), ...(input.pageSize === undefined ? {} : { limit: input.pageSize }) }),
    );
    for (const resource of page.items ?? []) {
      for (const [method, m] of Object.entries(resource.resourceMethods ?? {})) {
        const path = resource.path ?? '/';
        let integration: Integration | undefined = m.methodIntegration;
        if (integration === undefined && resource.id !== undefined) {
          const resourceId = resource.id;
          integration = await attempt('GetIntegration', `/restapis/${restApiId}/resources/${resourceId}/methods/${method}/integration`, () =>
            client.send(new GetIntegrationCommand({ restApiId, resourceId, httpMethod: method })),
          );
        }
        routes.push(routeOf(method, path, integration?.type === 'AWS' ? 'lambda' : 'proxy', withStageVariables(integration?.uri, variables)));
      }
    }
    position = page.position;
  } while (position);
  return routes;
}

async function httpRoutes(input: DiscoverApiInput, variables: Record<string, string> | undefined): Promise<DiscoveredRoute[]> {
  const client = input.clients.http!;
  const ApiId = input.api.id;
  const MaxResults = input.pageSize === undefined ? undefined : String(input.pageSize);
  const integrations = new Map<string, HttpIntegration>();
  let token: string | undefined;
  do {
    const page = await client.send(new GetIntegrationsCommand({ ApiId, ...(MaxResults ? { MaxResults } : {}), ...(token ? { NextToken: token } : {}) }));
    for (const i of page.Items ?? []) if (i.IntegrationId) integrations.set(i.IntegrationId, i);
    token = page.NextToken;
  } while (token);
  const routes: DiscoveredRoute[] = [];
  do {
    const page = await client.send(new GetRoutesCommand({ ApiId, ...(MaxResults ? { MaxResults } : {}), ...(token ? { NextToken: token } : {}) }));
    for (const r of page.Items ?? []) {
      const key = r.RouteKey ?? '';
      const [method, path] = key === '$default' ? ['ANY', '$default'] : key.split(' ', 2);
      const integration = integrations.get(/^integrations\/(.+)$/.exec(r.Target ?? '')?.[1] ?? '');
      routes.push(routeOf(method ?? 'ANY', path ?? key, 'proxy', withStageVariables(integration?.IntegrationUri, variables)));
    }
    token = page.NextToken;
  } while (token);
  return routes;
}

function routeOf(method: string, path: string, integration: 'proxy' | 'lambda', uri: string | undefined): DiscoveredRoute {
  const fn = functionOfIntegrationUri(uri);
  return {
    method: method as HttpMethod | 'ANY',
    path,
    routeKey: path === '$default' ? '$default' : `${method} ${path}`,
    integration,
    ...(fn ? { function: fn } : {}),
  };
}

async function restStage(input: DiscoverApiInput, stageName: string): Promise<DiscoveredStage> {
  const stage = await input.clients.rest!.send(new GetStageCommand({ restApiId: input.api.id, stageName }));
  const out: DiscoveredStage = { routeThrottles: {}, ...(stage.variables ? { variables: stage.variables } : {}) };
  for (const [key, setting] of Object.entries(stage.methodSettings ?? {})) {
    const throttle = throttleOf(setting.throttlingRateLimit, setting.throttlingBurstLimit);
    if (!throttle) continue;
    if (key === '*/*') out.throttle = throttle;
    else {
      // `{resource path, '/' written '~1'}/{METHOD}`, the leading '/' sometimes left out.
      const cut = key.lastIndexOf('/');
      const path = key.slice(0, cut).replace(/~1/g, '/');
      out.routeThrottles[`${key.slice(cut + 1)} ${path.startsWith('/') ? path : `/${path}`}`] = throttle;
    }
  }
  return out;
}

async function httpStage(input: DiscoverApiInput, StageName: string): Promise<DiscoveredStage> {
  const stage = await input.clients.http!.send(new GetHttpStageCommand({ ApiId: input.api.id, StageName }));
  const out: DiscoveredStage = { routeThrottles: {}, ...(stage.StageVariables ? { variables: stage.StageVariables } : {}) };
  const own = throttleOf(stage.DefaultRouteSettings?.ThrottlingRateLimit, stage.DefaultRouteSettings?.ThrottlingBurstLimit);
  if (own) out.throttle = own;
  for (const [key, setting] of Object.entries(stage.RouteSettings ?? {})) {
    const throttle = throttleOf(setting.ThrottlingRateLimit, setting.ThrottlingBurstLimit);
    if (throttle) out.routeThrottles[key] = throttle;
  }
  return out;
}

function throttleOf(rateRps: number | undefined, burst: number | undefined): ResolvedThrottle | undefined {
  return rateRps === undefined || burst === undefined ? undefined : { rateRps, burst };
}

/** A failed API Gateway read as a warning: the IAM action and resource when refused, else what went wrong. */
function warningOf(error: unknown, action: string, resource: string, region: string, operation: string): { code: string; message: string } {
  const e = lookupError(action, resource, region, error);
  const fallback = "the run keeps the scenario's target.function / target.functions and routes";
  if (e.code === 'AWS_ACCESS_DENIED') {
    return { code: e.code, message: `API discovery: ${operation}: ${e.message}. Grant ${action} on ${resource} to read the API's routes and stage; ${fallback}` };
  }
  const name = (error as { name?: string }).name;
  if (name === 'NotFoundException') {
    return { code: 'API_NOT_FOUND', message: `API discovery: ${operation}: ${resource} does not exist in ${region} (check target.api.id, target.api.stage and target.region); ${fallback}` };
  }
  return { code: e.code, message: `API discovery: ${operation}: ${e.message}${e.hint ? ` (${e.hint})` : ''}; ${fallback}` };
}
