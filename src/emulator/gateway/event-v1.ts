/**
 * Payload format 1.0: the REST API Lambda proxy event, and the HTTP API event when an HTTP API is set to `1.0`.
 * Shapes: aws-facts §6.1; events/powertools-typescript/apigw-rest/no-auth.json (REST), events/powertools-python/
 * apiGatewayProxyEvent.json (HTTP API 1.0). Differences between the two that this file reproduces:
 *
 * | field | REST | HTTP API 1.0 |
 * |---|---|---|
 * | `path` | below the stage, percent-encoded | the raw request path, percent-encoded |
 * | `requestContext.path` | with the stage prefix (`/prod/no-auth`), encoded | decoded |
 * | `pathParameters` | percent-encoded | decoded |
 * | `requestContext.requestId` | UUID | short id (= `extendedRequestId`) |
 * | `requestContext.resourceId` | a resource id | the route key (`POST /items`, `$default`) |
 * | `identity.userAgent` without a User-Agent | `null` | `""` |
 * | `version` | absent | `"1.0"` |
 *
 * (AWS .NET Lambda Test Tool captures of real APIs, April 2025; SOURCES.md "Behaviours observed on real API Gateway".)
 */
import { forwardedHeaders } from './forwarded-headers.js';
import { formatRequestTime } from './ids.js';
import { domainOf, encodeBody, findHeader, parseQuery, safeDecode } from './request-parts.js';
import type { GatewayApiConfig, GatewayRequest, RequestStamp, RouteMatch } from './types.js';

/** Builds the 1.0 event. `pathBelowStage` is the raw path with the stage prefix removed. */
export function buildEventV1(
  api: GatewayApiConfig,
  request: GatewayRequest,
  match: RouteMatch,
  pathBelowStage: string,
  stamp: RequestStamp,
): Record<string, unknown> {
  const rest = api.type === 'rest';
  const headerList = forwardedHeaders(request, stamp, rest);
  // Maps keyed by the client's names have no prototype: a header or query name such as `__proto__` or `constructor`
  // is a key like any other (with `{}`, `multiValueHeaders.constructor` is a function and `.push` throws: a 500).
  const headers: Record<string, string> = Object.create(null);
  const multiValueHeaders: Record<string, string[]> = Object.create(null);
  for (let i = 0; i < headerList.length; i += 2) {
    const name = headerList[i];
    headers[name] = headerList[i + 1];
    (multiValueHeaders[name] ??= []).push(headerList[i + 1]);
  }

  let queryStringParameters: Record<string, string> | null = null;
  let multiValueQueryStringParameters: Record<string, string[]> | null = null;
  const query = parseQuery(request.rawQuery);
  if (query.length > 0) {
    queryStringParameters = Object.create(null) as Record<string, string>;
    multiValueQueryStringParameters = Object.create(null) as Record<string, string[]>;
    for (let i = 0; i < query.length; i += 2) {
      // Last value wins in the single-value map (aws-facts §6.1).
      queryStringParameters[query[i]] = query[i + 1];
      (multiValueQueryStringParameters[query[i]] ??= []).push(query[i + 1]);
    }
  }

  let pathParameters = match.rawPathParameters;
  if (pathParameters && !rest) {
    const decoded: Record<string, string> = {};
    for (const name in pathParameters) decoded[name] = safeDecode(pathParameters[name]);
    pathParameters = decoded;
  }

  const { body, isBase64Encoded } = encodeBody(request.body, findHeader(request.rawHeaders, 'content-type'));
  const { domainName, domainPrefix } = domainOf(request.rawHeaders);
  const userAgent = findHeader(request.rawHeaders, 'user-agent');
  const route = match.route;

  const identity: Record<string, unknown> = {
    cognitoIdentityPoolId: null,
    accountId: null,
    cognitoIdentityId: null,
    caller: null,
    sourceIp: request.sourceIp,
    principalOrgId: null,
    accessKey: null,
    cognitoAuthenticationType: null,
    cognitoAuthenticationProvider: null,
    userArn: null,
    userAgent: userAgent ?? (rest ? null : ''),
    user: null,
  };
  if (!rest) identity.cognitoAmr = null;

  const requestContext: Record<string, unknown> = {
    resourceId: rest ? route.resourceId : route.routeKey,
    resourcePath: route.path,
    httpMethod: request.method,
    extendedRequestId: stamp.extendedRequestId,
    requestTime: formatRequestTime(stamp.timeEpochMs),
    path: rest ? request.rawPath : safeDecode(request.rawPath),
    accountId: api.accountId,
    protocol: request.protocol,
    stage: api.stage,
    domainPrefix,
    requestTimeEpoch: stamp.timeEpochMs,
    requestId: stamp.requestId,
    identity,
    domainName,
    apiId: api.apiId,
  };
  if (rest) requestContext.deploymentId = api.deploymentId;

  const event: Record<string, unknown> = {};
  if (!rest) event.version = '1.0';
  event.resource = route.path;
  event.path = rest ? pathBelowStage : request.rawPath;
  event.httpMethod = request.method;
  event.headers = headers;
  event.multiValueHeaders = multiValueHeaders;
  event.queryStringParameters = queryStringParameters;
  event.multiValueQueryStringParameters = multiValueQueryStringParameters;
  event.pathParameters = pathParameters;
  event.stageVariables = null;
  event.requestContext = requestContext;
  event.body = body ?? null;
  event.isBase64Encoded = isBase64Encoded;
  return event;
}
