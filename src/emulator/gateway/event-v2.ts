/**
 * HTTP API payload format 2.0 (aws-facts §6.2; events/aws-lambda-go/apigw-v2-request-no-authorizer.json,
 * events/powertools-typescript/apigw-http/no-auth.json):
 * - header names lower-cased, repeated values joined with `,`; `cookie` headers move to `cookies[]`;
 * - `rawPath` and `requestContext.http.path` decoded and, on a named stage, starting with `/<stage>`;
 * - `rawQueryString` as received; `queryStringParameters` decoded, repeated values joined with `,`;
 * - `pathParameters` decoded; absent optional fields (`body`, `cookies`, `pathParameters`,
 *   `queryStringParameters`, `stageVariables`) are omitted, not null.
 */
import { forwardedHeaders } from './forwarded-headers.js';
import { formatRequestTime } from './ids.js';
import { domainOf, encodeBody, findHeader, parseQuery, safeDecode } from './request-parts.js';
import type { GatewayApiConfig, GatewayRequest, RequestStamp, RouteMatch } from './types.js';

export function buildEventV2(
  api: GatewayApiConfig,
  request: GatewayRequest,
  match: RouteMatch,
  stamp: RequestStamp,
): Record<string, unknown> {
  const headerList = forwardedHeaders(request, stamp, false);
  // Maps keyed by the client's names have no prototype: a header or query name such as `__proto__` or `toString`
  // is a key like any other (with `{}`, it reads the inherited member and the value is lost or garbled).
  const headers: Record<string, string> = Object.create(null);
  let cookies: string[] | undefined;
  for (let i = 0; i < headerList.length; i += 2) {
    const name = headerList[i].toLowerCase();
    const value = headerList[i + 1];
    if (name === 'cookie') {
      cookies ??= [];
      for (const cookie of value.split(';')) {
        const trimmed = cookie.trim();
        if (trimmed !== '') cookies.push(trimmed);
      }
      continue;
    }
    const existing = headers[name];
    headers[name] = existing === undefined ? value : `${existing},${value}`;
  }

  let queryStringParameters: Record<string, string> | undefined;
  const query = parseQuery(request.rawQuery);
  if (query.length > 0) {
    queryStringParameters = Object.create(null) as Record<string, string>;
    for (let i = 0; i < query.length; i += 2) {
      const existing = queryStringParameters[query[i]];
      queryStringParameters[query[i]] = existing === undefined ? query[i + 1] : `${existing},${query[i + 1]}`;
    }
  }

  let pathParameters: Record<string, string> | undefined;
  if (match.rawPathParameters) {
    pathParameters = {};
    for (const name in match.rawPathParameters) pathParameters[name] = safeDecode(match.rawPathParameters[name]);
  }

  const path = safeDecode(request.rawPath);
  const { body, isBase64Encoded } = encodeBody(request.body, headers['content-type']);
  const { domainName, domainPrefix } = domainOf(request.rawHeaders);
  const routeKey = match.route.routeKey;

  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: request.rawQuery,
  };
  if (cookies) event.cookies = cookies;
  event.headers = headers;
  if (queryStringParameters) event.queryStringParameters = queryStringParameters;
  event.requestContext = {
    accountId: api.accountId,
    apiId: api.apiId,
    domainName,
    domainPrefix,
    http: {
      method: request.method,
      path,
      protocol: request.protocol,
      sourceIp: request.sourceIp,
      userAgent: findHeader(request.rawHeaders, 'user-agent') ?? '',
    },
    requestId: stamp.requestId,
    routeKey,
    stage: api.stage,
    time: formatRequestTime(stamp.timeEpochMs),
    timeEpoch: stamp.timeEpochMs,
  };
  if (body !== undefined) event.body = body;
  if (pathParameters) event.pathParameters = pathParameters;
  event.isBase64Encoded = isBase64Encoded;
  return event;
}
