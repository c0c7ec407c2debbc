/**
 * API Gateway's management reads for the emulator's own API, in the REST-JSON wire protocol the installed SDK v3
 * clients speak (their operation schemas in node_modules/@aws-sdk/client-api-gateway and client-apigatewayv2,
 * dist-cjs: method, path, member names), so a url target's discovery (src/target/discover-api.ts) runs against it:
 *
 *   REST   GET /restapis/{id}/resources[?position=&limit=&embed=methods]        → { item: [Resource], position? }
 *          GET /restapis/{id}/resources/{resourceId}/methods/{method}/integration → Integration
 *          GET /restapis/{id}/stages/{stage}                                      → Stage (throttles in methodSettings)
 *   HTTP   GET /v2/apis/{id}/routes[?maxResults=&nextToken=]                      → { items: [Route], nextToken? }
 *          GET /v2/apis/{id}/integrations[?maxResults=&nextToken=]                → { items: [Integration], nextToken? }
 *          GET /v2/apis/{id}/stages/{stage}                                       → Stage (throttles in route settings)
 *
 * Told apart from the API's own traffic by the SigV4 credential scope both clients sign with (`/apigateway/aws4_request`).
 * Errors as API Gateway answers them: the type in `x-amzn-ErrorType`, `{ message }` in the body; 404 NotFoundException
 * for another API id, stage or resource, 403 AccessDeniedException for an action `LAMBDALOAD_EMULATOR_DENY` lists
 * (`apigateway:GET`, or `*`: the test-only refusal the other fronts share, read per request).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ThrottleSpec } from '../../scenario/types.js';
import type { ResolvedGateway } from '../gateway/config.js';
import type { CompiledRoute } from '../gateway/types.js';
import { DENY_ENV } from './wire.js';

/** The IAM action of every API Gateway management read (API Gateway's actions are the HTTP verbs). */
export const APIGATEWAY_GET = 'apigateway:GET';
/** GetResources' page size when `limit` is not given (API Gateway's documented default). */
const DEFAULT_RESOURCES_LIMIT = 25;

const PATHS = {
  resources: /^\/restapis\/([^/]+)\/resources$/,
  integration: /^\/restapis\/([^/]+)\/resources\/([^/]+)\/methods\/([^/]+)\/integration$/,
  restStage: /^\/restapis\/([^/]+)\/stages\/([^/]+)$/,
  routes: /^\/v2\/apis\/([^/]+)\/routes$/,
  integrations: /^\/v2\/apis\/([^/]+)\/integrations$/,
  httpStage: /^\/v2\/apis\/([^/]+)\/stages\/([^/]+)$/,
};

export interface ApiGatewayFront {
  /** True for a GET signed for API Gateway on one of the paths above. */
  handles(req: IncomingMessage): boolean;
  serve(req: IncomingMessage, res: ServerResponse): void;
}

export function createApiGatewayFront(gateway: ResolvedGateway, region: string): ApiGatewayFront {
  const { api } = gateway;
  const functionArn = (name: string) => `arn:aws:lambda:${region}:${api.accountId}:function:${name}`;
  const lambdaUri = (name: string) => `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn(name)}/invocations`;
  const rest = api.type === 'rest' ? restModel(gateway, lambdaUri) : undefined;
  const http = api.type === 'http' ? httpModel(gateway, functionArn) : undefined;

  function answer(path: string, query: URLSearchParams): { status: number; body: object; type?: string } {
    const m = (re: RegExp) => re.exec(path)?.slice(1).map(decodeURIComponent);
    const resource = `arn:aws:apigateway:${region}::${path}`;
    if (denied()) return refusal(resource, api.accountId);
    let p: string[] | undefined;
    if ((p = m(PATHS.resources))) return rest && p[0] === api.apiId ? page(rest.resources(query.get('embed') === 'methods'), query.get('position'), query.get('limit'), DEFAULT_RESOURCES_LIMIT, 'item', 'position') : notFound(`Invalid API identifier specified ${api.accountId}:${p[0]}`);
    if ((p = m(PATHS.integration))) {
      const integration = rest && p[0] === api.apiId ? rest.integration(p[1]!, p[2]!) : undefined;
      return integration ? ok(integration) : notFound('Invalid Integration identifier specified');
    }
    if ((p = m(PATHS.restStage))) return rest && p[0] === api.apiId && p[1] === api.stage ? ok(rest.stage()) : notFound('Invalid Stage identifier specified');
    if ((p = m(PATHS.routes))) return http && p[0] === api.apiId ? page(http.routes, query.get('nextToken'), query.get('maxResults'), undefined, 'items', 'nextToken') : notFound(`Invalid API identifier specified ${api.accountId}:${p[0]}`);
    if ((p = m(PATHS.integrations))) return http && p[0] === api.apiId ? page(http.integrations, query.get('nextToken'), query.get('maxResults'), undefined, 'items', 'nextToken') : notFound(`Invalid API identifier specified ${api.accountId}:${p[0]}`);
    if ((p = m(PATHS.httpStage))) return http && p[0] === api.apiId && p[1] === api.stage ? ok(http.stage()) : notFound(`Invalid stage identifier specified`);
    return notFound('Invalid request path');
  }

  return {
    handles(req) {
      if (req.method !== 'GET') return false;
      const auth = req.headers.authorization ?? '';
      if (!auth.includes('/apigateway/aws4_request')) return false;
      const path = (req.url ?? '').split('?')[0]!;
      return path.startsWith('/restapis/') || path.startsWith('/v2/apis/');
    },
    serve(req, res) {
      const url = new URL(req.url ?? '/', 'http://emulator');
      let out: { status: number; body: object; type?: string };
      try {
        out = answer(url.pathname, url.searchParams);
      } catch {
        out = { status: 400, body: { message: 'Invalid request' }, type: 'BadRequestException' };
      }
      const json = JSON.stringify(out.body);
      const headers: Record<string, string | number> = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json), 'x-amzn-RequestId': crypto.randomUUID() };
      if (out.type) headers['x-amzn-ErrorType'] = out.type;
      res.writeHead(out.status, headers).end(json);
    },
  };
}

/** The REST API's resource tree (every prefix of every route path is a resource), methods and stage. */
function restModel(gateway: ResolvedGateway, lambdaUri: (name: string) => string) {
  const { api, routes } = gateway;
  const idOf = new Map<string, string>(routes.map((r) => [r.path, r.resourceId]));
  const paths = new Set<string>(['/']);
  for (const r of routes) {
    const parts = r.path.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) paths.add(`/${parts.slice(0, i).join('/')}`);
  }
  const resourceId = (path: string) => idOf.get(path) ?? shortId(`resource ${path}`, 6);
  const integrationOf = (r: CompiledRoute) => ({
    type: r.integration === 'proxy' ? 'AWS_PROXY' : 'AWS',
    httpMethod: 'POST',
    uri: lambdaUri(r.functionName),
    passthroughBehavior: 'WHEN_NO_MATCH',
    timeoutInMillis: api.integrationTimeoutMs,
    cacheNamespace: resourceId(r.path),
    cacheKeyParameters: [],
  });
  return {
    resources: (embed: boolean) =>
      [...paths].sort().map((path) => {
        const parent = path === '/' ? undefined : path.slice(0, path.lastIndexOf('/')) || '/';
        const methods = routes.filter((r) => r.path === path);
        return {
          id: resourceId(path),
          ...(parent === undefined ? {} : { parentId: resourceId(parent), pathPart: path.slice(path.lastIndexOf('/') + 1) }),
          path,
          ...(methods.length === 0
            ? {}
            : {
                resourceMethods: Object.fromEntries(
                  methods.map((r) => [r.method, embed ? { httpMethod: r.method, authorizationType: 'NONE', apiKeyRequired: false, methodIntegration: integrationOf(r) } : {}]),
                ),
              }),
        };
      }),
    integration(id: string, method: string) {
      const route = routes.find((r) => resourceId(r.path) === id && r.method === method);
      return route ? integrationOf(route) : undefined;
    },
    stage: () => ({
      deploymentId: api.deploymentId,
      stageName: api.stage,
      // `*/*` holds the stage's default method settings, `{path with ~1 for /}/{METHOD}` one method's.
      methodSettings: Object.fromEntries([
        ...(api.stageThrottle ? [['*/*', methodSetting(api.stageThrottle)] as const] : []),
        ...routes.filter((r) => r.throttle).map((r) => [`${r.path.replace(/\//g, '~1')}/${r.method}`, methodSetting(r.throttle!)] as const),
      ]),
      variables: {},
      tracingEnabled: false,
      cacheClusterEnabled: false,
    }),
  };
}

/** The HTTP API's routes, one integration per function, and its stage. */
function httpModel(gateway: ResolvedGateway, functionArn: (name: string) => string) {
  const { api, routes } = gateway;
  const integrationId = (fn: string) => shortId(`integration ${fn}`, 7);
  const functions = [...new Set(routes.map((r) => r.functionName))];
  const throttleOf = (t: ThrottleSpec) => ({ throttlingBurstLimit: t.burst, throttlingRateLimit: t.rateRps });
  return {
    routes: routes.map((r) => ({
      routeId: shortId(`route ${r.routeKey}`, 7),
      routeKey: r.routeKey,
      target: `integrations/${integrationId(r.functionName)}`,
      authorizationType: 'NONE',
      apiKeyRequired: false,
    })),
    integrations: functions.map((fn) => ({
      integrationId: integrationId(fn),
      integrationType: 'AWS_PROXY',
      integrationMethod: 'POST',
      integrationUri: functionArn(fn),
      payloadFormatVersion: api.payloadFormat,
      timeoutInMillis: api.integrationTimeoutMs,
      connectionType: 'INTERNET',
    })),
    stage: () => ({
      stageName: api.stage,
      deploymentId: api.deploymentId,
      autoDeploy: true,
      defaultRouteSettings: { detailedMetricsEnabled: false, ...(api.stageThrottle ? throttleOf(api.stageThrottle) : {}) },
      routeSettings: Object.fromEntries(routes.filter((r) => r.throttle).map((r) => [r.routeKey, { detailedMetricsEnabled: false, ...throttleOf(r.throttle!) }])),
      stageVariables: {},
    }),
  };
}

function methodSetting(t: ThrottleSpec): object {
  return { metricsEnabled: false, dataTraceEnabled: false, throttlingBurstLimit: t.burst, throttlingRateLimit: t.rateRps, cachingEnabled: false };
}

/** One page of `items` from offset `token` (the emulator's page tokens are plain offsets). */
function page(items: object[], token: string | null, size: string | null, defaultSize: number | undefined, listKey: string, tokenKey: string) {
  const start = token === null ? 0 : Number(token);
  const count = size === null ? defaultSize ?? items.length : Number(size);
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(count) || count < 1) {
    return { status: 400, body: { message: `Invalid ${tokenKey} or page size` }, type: 'BadRequestException' };
  }
  const end = start + count;
  return ok({ [listKey]: items.slice(start, end), ...(end < items.length ? { [tokenKey]: String(end) } : {}) });
}

function ok(body: object) {
  return { status: 200, body };
}

function notFound(message: string) {
  return { status: 404, body: { message }, type: 'NotFoundException' };
}

function denied(): boolean {
  const listed = (process.env[DENY_ENV] ?? '').split(',').map((s) => s.trim());
  return listed.includes('*') || listed.includes(APIGATEWAY_GET);
}

/** AWS's wording for an action no policy allows. */
function refusal(resource: string, accountId: string) {
  const message = `User: arn:aws:iam::${accountId}:user/lambdaload-emulator is not authorized to perform: ${APIGATEWAY_GET} on resource: ${resource} because no identity-based policy allows the ${APIGATEWAY_GET} action`;
  return { status: 403, body: { message }, type: 'AccessDeniedException' };
}

/** A short lower-case id, the same for the same name (AWS's resource, route and integration ids look alike). */
function shortId(name: string, length: number): string {
  const digest = createHash('sha256').update(name).digest();
  let id = '';
  for (let i = 0; i < length; i++) id += 'abcdefghijklmnopqrstuvwxyz0123456789'[digest[i]! % 36];
  return id;
}
