/**
 * Conformance of payload format 1.0 events with the AWS sample events in test/fixtures/aws-events: for the request each
 * fixture describes, the emulator's event must have the same keys, the same types and the values that follow from
 * the request. Documented quirks of each fixture are skipped by name (see SOURCES.md).
 */
import { describe, expect, it } from 'vitest';
import { buildEventV1 } from '../../../src/emulator/gateway/event-v1.js';
import { stripStagePrefix } from '../../../src/emulator/gateway/router.js';
import type { GatewayRequest, RequestStamp } from '../../../src/emulator/gateway/types.js';
import type { EmulatorApiSpec, RouteSpec } from '../../../src/scenario/types.js';
import { STAMP_HTTP, STAMP_REST, gatewayFor, loadFixture, request } from './helpers.js';
import { shapeDiff } from './shape.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SHORT_ID = /^[A-Za-z0-9_-]{15}=$/;
const REQUEST_TIME = /^\d{2}\/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/;

/** Headers a client sends, recovered from a fixture: everything but what API Gateway adds itself. */
function clientHeaders(fixture: Record<string, any>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(fixture.multiValueHeaders as Record<string, string[]>)) {
    if (/^x-forwarded-(port|proto)$/i.test(name)) continue;
    out[name] = values;
  }
  return out;
}

function build(api: EmulatorApiSpec, route: RouteSpec, req: GatewayRequest, stamp: RequestStamp) {
  const gateway = gatewayFor(api, [route]);
  const below = stripStagePrefix(req.rawPath, gateway.api.stagePrefix)!;
  const match = gateway.router.match(req.method, below);
  expect(match, `route ${route.method} ${route.path} must match ${req.rawPath}`).toBeDefined();
  return buildEventV1(gateway.api, req, match!, below, stamp) as Record<string, any>;
}

describe('REST proxy event (payload 1.0) against powertools-typescript/apigw-rest/no-auth.json', () => {
  const fixture = loadFixture('powertools-typescript/apigw-rest/no-auth.json');
  // The fixture came through an edge-optimised API: CloudFront (130.176.209.21) called API Gateway for 15.248.3.126.
  const headers = clientHeaders(fixture);
  headers['X-Forwarded-For'] = ['15.248.3.126'];
  const req = request({ method: 'POST', rawPath: '/prod/no-auth', headers, sourceIp: '130.176.209.21' });
  const event = build({ type: 'rest', stage: 'prod' }, { method: 'POST', path: '/no-auth', function: 'fn' }, req, STAMP_REST);

  it('has the same keys and types at every level', () => {
    // identity.sourceIp: the edge API reports the viewer, a regional one the caller; the type is compared anyway.
    expect(shapeDiff(event, fixture, ['headers', 'multiValueHeaders'])).toEqual([]);
  });

  it('carries the values that follow from the request', () => {
    expect(event.resource).toBe('/no-auth');
    expect(event.path).toBe('/no-auth');
    expect(event.httpMethod).toBe('POST');
    expect(event.requestContext.path).toBe('/prod/no-auth');
    expect(event.requestContext.stage).toBe('prod');
    expect(event.requestContext.resourcePath).toBe('/no-auth');
    expect(event.requestContext.httpMethod).toBe('POST');
    expect(event.requestContext.protocol).toBe('HTTP/1.1');
    expect(event.requestContext.domainName).toBe(fixture.requestContext.domainName);
    expect(event.requestContext.domainPrefix).toBe(fixture.requestContext.domainPrefix);
    expect(event.requestContext.identity.userAgent).toBe('HTTPie/3.2.2');
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
    expect(event.pathParameters).toBeNull();
    expect(event.body).toBeNull();
    expect(event.isBase64Encoded).toBe(false);
  });

  it('passes the client headers and adds the ones API Gateway adds', () => {
    for (const [name, value] of Object.entries(fixture.headers as Record<string, string>)) {
      if (/^x-forwarded-(port|proto)$/i.test(name)) continue;
      expect(event.headers[name], name).toBe(value);
      expect(event.multiValueHeaders[name], name).toEqual(fixture.multiValueHeaders[name]);
    }
    expect(event.headers['X-Forwarded-Port']).toBe('3000');
    expect(event.headers['X-Forwarded-Proto']).toBe('http');
  });

  it('has ids and times in the formats AWS uses (same patterns as the fixture values)', () => {
    const rc = event.requestContext;
    expect(fixture.requestContext.requestId).toMatch(UUID);
    expect(rc.requestId).toMatch(UUID);
    expect(fixture.requestContext.extendedRequestId).toMatch(SHORT_ID);
    expect(rc.extendedRequestId).toMatch(SHORT_ID);
    expect(fixture.requestContext.requestTime).toMatch(REQUEST_TIME);
    expect(rc.requestTime).toBe('17/Jun/2024:14:48:13 +0000');
    expect(rc.requestTimeEpoch).toBe(STAMP_REST.timeEpochMs);
    expect(rc.resourceId).toMatch(/^[a-z0-9]{6}$/);
    expect(rc.deploymentId).toMatch(/^[a-z0-9]{6}$/);
    expect(rc.apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(rc.accountId).toMatch(/^\d{12}$/);
  });

  it('does not pass Content-Length (no REST fixture has it)', () => {
    const withBody = build(
      { type: 'rest', stage: 'prod' },
      { method: 'POST', path: '/no-auth', function: 'fn' },
      request({ method: 'POST', rawPath: '/prod/no-auth', headers: { Host: 'h', 'Content-Length': '2', 'Content-Type': 'application/json' }, body: Buffer.from('{}') }),
      STAMP_REST,
    );
    expect(Object.keys(withBody.headers).map((h) => h.toLowerCase())).not.toContain('content-length');
    expect(withBody.body).toBe('{}');
  });
});

describe('REST proxy event against aws-lambda-go/apigw-request.json ({proxy+} resource, query, body)', () => {
  const fixture = loadFixture('aws-lambda-go/apigw-request.json');
  const headers = clientHeaders(fixture);
  headers['X-Forwarded-For'] = ['54.240.196.186'];
  const req = request({
    method: 'POST',
    rawPath: '/testStage/hello/world',
    rawQuery: 'name=me',
    headers,
    body: Buffer.from(fixture.body),
    sourceIp: '54.182.214.83',
  });
  const event = build({ type: 'rest', stage: 'testStage' }, { method: 'POST', path: '/{proxy+}', function: 'fn' }, req, STAMP_REST);

  it('has the same keys and types, apart from the documented quirks', () => {
    // Quirks of this 2016 fixture: no isBase64Encoded, a stage variable, an authorizer and a Cognito identity.
    const skip = ['headers', 'multiValueHeaders', 'isBase64Encoded', 'stageVariables', 'requestContext.authorizer', 'requestContext.identity'];
    expect(shapeDiff(event, fixture, skip).filter((d) => !d.startsWith('isBase64Encoded') && !d.startsWith('requestContext.deploymentId'))).toEqual([]);
  });

  it('fills resource, proxy parameter, query maps and body from the request', () => {
    expect(event.resource).toBe(fixture.resource);
    expect(event.path).toBe(fixture.path);
    expect(event.pathParameters).toEqual(fixture.pathParameters);
    expect(event.queryStringParameters).toEqual(fixture.queryStringParameters);
    expect(event.multiValueQueryStringParameters).toEqual(fixture.multiValueQueryStringParameters);
    expect(event.body).toBe(fixture.body);
    expect(event.requestContext.resourcePath).toBe(fixture.requestContext.resourcePath);
    expect(event.headers['X-Forwarded-For']).toBe(fixture.headers['X-Forwarded-For']);
    // The fixture's requestContext.path lacks the stage (pre-2019 sample); current REST APIs include it (aws-facts §6.1).
    expect(event.requestContext.path).toBe('/testStage/hello/world');
  });
});

describe('HTTP API payload 1.0 event against powertools-python/apiGatewayProxyEvent.json', () => {
  const fixture = loadFixture('powertools-python/apiGatewayProxyEvent.json');
  const req = request({
    method: 'GET',
    rawPath: '/my/path',
    rawQuery: 'parameter1=value1&parameter1=value2&parameter2=value',
    headers: { Header1: 'value1', Header2: ['value1', 'value2'], Origin: 'https://aws.amazon.com', Host: 'id.execute-api.us-east-1.amazonaws.com', 'User-Agent': 'user-agent' },
    body: Buffer.from('Hello from Lambda!'),
    sourceIp: '192.168.0.1',
  });
  const event = build({ type: 'http', payloadFormat: '1.0' }, { method: 'GET', path: '/my/path', function: 'fn' }, req, STAMP_HTTP);

  it('has the same keys and types (authorizer and mTLS certificate aside)', () => {
    const skip = ['headers', 'multiValueHeaders', 'requestContext.authorizer', 'requestContext.identity.clientCert', 'requestContext.identity.cognitoAmr', 'requestContext.resourceId'];
    expect(shapeDiff(event, fixture, skip)).toEqual([]);
  });

  it('fills the values that follow from the request', () => {
    expect(event.version).toBe('1.0');
    expect(event.resource).toBe('/my/path');
    expect(event.path).toBe('/my/path');
    expect(event.requestContext.stage).toBe('$default');
    expect(event.requestContext.resourceId).toBe('GET /my/path');
    expect(event.requestContext.requestId).toBe(event.requestContext.extendedRequestId);
    expect(event.multiValueHeaders.Header2).toEqual(fixture.multiValueHeaders.Header2);
    expect(event.headers.Header2).toBe(fixture.headers.Header2);
    expect(event.multiValueQueryStringParameters).toEqual(fixture.multiValueQueryStringParameters);
    // Real captures keep the LAST value (aws-facts §6.1, SOURCES.md); this hand-written doc sample shows the first.
    expect(event.queryStringParameters).toEqual({ parameter1: 'value2', parameter2: 'value' });
    expect(event.body).toBe(fixture.body);
    expect(event.isBase64Encoded).toBe(false);
  });
});

describe('1.0 behaviours from real API Gateway captures (SOURCES.md)', () => {
  it('REST keeps path parameters percent-encoded; HTTP API 1.0 decodes them and requestContext.path', () => {
    const rawPath = '/test/api/products/%E2%98%95%20Coffee';
    const route: RouteSpec = { method: 'POST', path: '/api/products/{productName}', function: 'fn' };
    const rest = build({ type: 'rest', stage: 'test' }, route, request({ method: 'POST', rawPath }), STAMP_REST);
    expect(rest.pathParameters).toEqual({ productName: '%E2%98%95%20Coffee' });
    expect(rest.path).toBe('/api/products/%E2%98%95%20Coffee');
    expect(rest.requestContext.path).toBe(rawPath);

    const httpRoute: RouteSpec = { ...route, path: '/test/api/products/{productName}' };
    const http = build({ type: 'http', payloadFormat: '1.0' }, httpRoute, request({ method: 'POST', rawPath }), STAMP_HTTP);
    expect(http.pathParameters).toEqual({ productName: '☕ Coffee' });
    expect(http.path).toBe(rawPath);
    expect(http.requestContext.path).toBe('/test/api/products/☕ Coffee');
    expect(http.requestContext.identity.userAgent).toBe('');
    expect(rest.requestContext.identity.userAgent).toBeNull();
  });

  it('decodes query values; the single map keeps the last value', () => {
    const event = build(
      { type: 'rest', stage: 'test' },
      { method: 'POST', path: '/api/search', function: 'fn' },
      request({ method: 'POST', rawPath: '/test/api/search', rawQuery: 'q=Hello%20World&tag=C%23%20Programming&tag=.NET%20Core' }),
      STAMP_REST,
    );
    expect(event.queryStringParameters).toEqual({ q: 'Hello World', tag: '.NET Core' });
    expect(event.multiValueQueryStringParameters).toEqual({ q: ['Hello World'], tag: ['C# Programming', '.NET Core'] });
  });

  it('sends binary bodies base64-encoded', () => {
    const event = build(
      { type: 'http', payloadFormat: '1.0' },
      { method: 'POST', path: '/avatar', function: 'fn' },
      request({ method: 'POST', rawPath: '/avatar', headers: { Host: 'h', 'Content-Type': 'application/octet-stream' }, body: Buffer.from([1, 2, 3, 4, 5]) }),
      STAMP_HTTP,
    );
    expect(event.body).toBe('AQIDBAU=');
    expect(event.isBase64Encoded).toBe(true);
  });

  it('HTTP API 1.0 on the $default route names the resource $default', () => {
    const event = build({ type: 'http', payloadFormat: '1.0' }, { method: 'ANY', path: '$default', function: 'fn' }, request({ rawPath: '/pets' }), STAMP_HTTP);
    expect(event.resource).toBe('$default');
    expect(event.requestContext.resourcePath).toBe('$default');
    expect(event.requestContext.resourceId).toBe('$default');
    expect(event.path).toBe('/pets');
  });

  it('appends the caller to an existing X-Forwarded-For and keeps a client trace id', () => {
    const event = build(
      { type: 'rest' },
      { method: 'GET', path: '/x', function: 'fn' },
      request({ rawPath: '/dev/x', headers: { Host: 'h', 'x-forwarded-for': '203.0.113.9', 'X-Amzn-Trace-Id': 'Root=1-abc', Connection: 'keep-alive' } }),
      STAMP_REST,
    );
    expect(event.headers['x-forwarded-for']).toBe('203.0.113.9, 192.0.2.1');
    expect(event.headers['X-Amzn-Trace-Id']).toBe('Root=1-abc');
    expect(event.headers.Connection).toBeUndefined();
  });
});
