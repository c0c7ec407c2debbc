/**
 * Conformance of HTTP API payload format 2.0 events with the AWS sample events in test/fixtures/aws-events.
 */
import { describe, expect, it } from 'vitest';
import { buildEventV2 } from '../../../src/emulator/gateway/event-v2.js';
import { stripStagePrefix } from '../../../src/emulator/gateway/router.js';
import type { GatewayRequest } from '../../../src/emulator/gateway/types.js';
import type { EmulatorApiSpec, RouteSpec } from '../../../src/scenario/types.js';
import { STAMP_HTTP, gatewayFor, loadFixture, request } from './helpers.js';
import { shapeDiff } from './shape.js';

const SHORT_ID = /^[A-Za-z0-9_-]{15}=$/;

function build(api: EmulatorApiSpec, route: RouteSpec, req: GatewayRequest) {
  const gateway = gatewayFor(api, [route]);
  const below = stripStagePrefix(req.rawPath, gateway.api.stagePrefix)!;
  const match = gateway.router.match(req.method, below);
  expect(match).toBeDefined();
  return buildEventV2(gateway.api, req, match!, STAMP_HTTP) as Record<string, any>;
}

/** The client headers of a v2 fixture: everything but what API Gateway adds (the callers sent no X-Forwarded-*). */
function clientHeaders(fixture: Record<string, any>): Record<string, string> {
  return Object.fromEntries(Object.entries(fixture.headers as Record<string, string>).filter(([name]) => !/^x-forwarded-/i.test(name)));
}

describe('v2 event against powertools-typescript/apigw-http/no-auth.json', () => {
  const fixture = loadFixture('powertools-typescript/apigw-http/no-auth.json');
  const req = request({ method: 'POST', rawPath: '/lambda', headers: clientHeaders(fixture), sourceIp: '15.248.3.126' });
  const event = build({ type: 'http' }, { method: 'POST', path: '/lambda', function: 'fn' }, req);

  it('has the same keys and types at every level (no authorizer configured)', () => {
    expect(shapeDiff(event, fixture, ['headers', 'requestContext.authorizer'])).toEqual([]);
  });

  it('carries the values that follow from the request', () => {
    expect(event.routeKey).toBe('POST /lambda');
    expect(event.requestContext.routeKey).toBe('POST /lambda');
    expect(event.rawPath).toBe('/lambda');
    expect(event.rawQueryString).toBe('');
    expect(event.requestContext.http).toEqual({ ...fixture.requestContext.http });
    expect(event.requestContext.stage).toBe('$default');
    expect(event.requestContext.domainName).toBe(fixture.requestContext.domainName);
    expect(event.requestContext.domainPrefix).toBe(fixture.requestContext.domainPrefix);
    expect(event.requestContext.requestId).toMatch(SHORT_ID);
    expect(fixture.requestContext.requestId).toMatch(SHORT_ID);
    expect(event.requestContext.time).toBe('17/Jun/2024:14:48:13 +0000');
    expect(event.requestContext.timeEpoch).toBe(STAMP_HTTP.timeEpochMs);
    expect(event.isBase64Encoded).toBe(false);
    expect('body' in event).toBe(false);
  });

  it('keeps client headers (content-length included) and adds the forwarding ones', () => {
    for (const [name, value] of Object.entries(clientHeaders(fixture))) expect(event.headers[name], name).toBe(value);
    expect(event.headers['x-forwarded-for']).toBe(fixture.headers['x-forwarded-for']);
    expect(event.headers['x-forwarded-port']).toBe('3000');
    expect(event.headers['x-forwarded-proto']).toBe('http');
  });
});

describe('v2 event against aws-lambda-go/apigw-v2-request-no-authorizer.json ($default route, GET /)', () => {
  const fixture = loadFixture('aws-lambda-go/apigw-v2-request-no-authorizer.json');
  const req = request({ method: 'GET', rawPath: '/', headers: clientHeaders(fixture), sourceIp: '1.2.3.4' });
  const event = build({ type: 'http' }, { method: 'ANY', path: '$default', function: 'fn' }, req);

  it('has the same keys and types (the mTLS certificate aside)', () => {
    expect(shapeDiff(event, fixture, ['headers', 'requestContext.authentication'])).toEqual([]);
  });

  it('names the $default route and keeps the client headers', () => {
    expect(event.routeKey).toBe('$default');
    expect(event.requestContext.http).toEqual(fixture.requestContext.http);
    for (const [name, value] of Object.entries(clientHeaders(fixture))) expect(event.headers[name], name).toBe(value);
    expect(event.headers['x-forwarded-for']).toBe(fixture.headers['x-forwarded-for']);
  });
});

describe('v2 event against powertools-python/apiGatewayProxyV2Event_GET.json (cookies, repeated values)', () => {
  const fixture = loadFixture('powertools-python/apiGatewayProxyV2Event_GET.json');
  const req = request({
    method: 'GET',
    rawPath: '/my/path',
    rawQuery: fixture.rawQueryString,
    headers: { Header1: 'value1', Header2: ['value1', 'value2'], Cookie: 'cookie1; cookie2', Host: 'id.execute-api.us-east-1.amazonaws.com', 'User-Agent': 'agent' },
    sourceIp: '192.168.0.1',
  });
  const event = build({ type: 'http' }, { method: 'ANY', path: '$default', function: 'fn' }, req);

  it('has the same keys and types (doc sample: authorizer, certificate, stage variables and path parameters on $default aside)', () => {
    const skip = ['headers', 'requestContext.authorizer', 'requestContext.authentication', 'stageVariables', 'pathParameters'];
    expect(shapeDiff(event, fixture, skip)).toEqual([]);
  });

  it('moves cookies to cookies[], lower-cases names and comma-joins repeats', () => {
    expect(event.cookies).toEqual(fixture.cookies);
    expect(event.headers.cookie).toBeUndefined();
    // The doc sample shows mixed-case names; real events are lower-cased (aws-facts §6.2).
    expect(event.headers.header1).toBe(fixture.headers.Header1);
    expect(event.headers.header2).toBe(fixture.headers.Header2);
    expect(event.queryStringParameters).toEqual(fixture.queryStringParameters);
    expect(event.rawQueryString).toBe(fixture.rawQueryString);
  });
});

describe('v2 behaviours from real API Gateway captures (SOURCES.md)', () => {
  it('decodes rawPath, http.path and path parameters; keeps rawQueryString encoded', () => {
    const event = build(
      { type: 'http' },
      { method: 'POST', path: '/api/users/{name}/{proxy+}', function: 'fn' },
      request({ method: 'POST', rawPath: '/api/users/****%20Doe/a%20b/c', rawQuery: 'q=Hello%20World&tag=C%23%20Programming&tag=.NET%20Core' }),
    );
    expect(event.rawPath).toBe('/api/users/**** Doe/a b/c');
    expect(event.requestContext.http.path).toBe('/api/users/**** Doe/a b/c');
    expect(event.pathParameters).toEqual({ name: '**** Doe', proxy: 'a b/c' });
    expect(event.rawQueryString).toBe('q=Hello%20World&tag=C%23%20Programming&tag=.NET%20Core');
    expect(event.queryStringParameters).toEqual({ q: 'Hello World', tag: 'C# Programming,.NET Core' });
  });

  it('on a named stage, rawPath starts with the stage', () => {
    const event = build({ type: 'http', stage: 'beta' }, { method: 'GET', path: '/hello', function: 'fn' }, request({ rawPath: '/beta/hello' }));
    expect(event.rawPath).toBe('/beta/hello');
    expect(event.requestContext.stage).toBe('beta');
  });

  it('sends binary bodies base64-encoded and text bodies as they are', () => {
    const route: RouteSpec = { method: 'POST', path: '/up', function: 'fn' };
    const png = build({ type: 'http' }, route, request({ method: 'POST', rawPath: '/up', headers: { 'Content-Type': 'image/png' }, body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) }));
    expect(png).toMatchObject({ body: 'iVBORw==', isBase64Encoded: true });
    const json = build({ type: 'http' }, route, request({ method: 'POST', rawPath: '/up', headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from('{"a":"é"}') }));
    expect(json).toMatchObject({ body: '{"a":"é"}', isBase64Encoded: false });
  });

  it('omits absent optional fields instead of sending null', () => {
    const event = build({ type: 'http' }, { method: 'GET', path: '/x', function: 'fn' }, request({ rawPath: '/x' }));
    for (const key of ['body', 'cookies', 'pathParameters', 'queryStringParameters', 'stageVariables']) expect(key in event, key).toBe(false);
    expect(event.requestContext.http.userAgent).toBe('');
  });
});
