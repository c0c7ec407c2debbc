/**
 * The gateway core (`respond`) with a hand-written Lambda service: every error status with its exact body and
 * headers, the request-id headers, the cold/warm header, throttling, size limits and the non-proxy integration.
 */
import { describe, expect, it } from 'vitest';
import { createGateway } from '../../../src/emulator/gateway/gateway.js';
import type { EmulatorApiSpec, RouteSpec } from '../../../src/scenario/types.js';
import { fakeLambda, gatewayFor, header, record, request, type FakeLambda } from './helpers.js';

const HELLO: RouteSpec = { method: 'GET', path: '/hello', function: 'hello' };

function setup(api: EmulatorApiSpec, lambda: FakeLambda, routes: RouteSpec[] = [HELLO], clock = { ms: 0 }) {
  const gateway = createGateway({ gateway: gatewayFor(api, routes), lambda, monotonicMs: () => clock.ms, nowMs: () => 1_718_635_693_506 });
  return { gateway, clock };
}

const REST: EmulatorApiSpec = { type: 'rest', stage: 'dev' };
const HTTP: EmulatorApiSpec = { type: 'http' };
const ok = () => fakeLambda({ payloadJson: { statusCode: 200, body: '{"text":"Hello from Lambda!"}' } });

describe('errors the gateway answers itself, exactly as AWS', () => {
  it.each([
    // [api, path, status, body, x-amzn-ErrorType]
    ['REST unknown route', REST, '/dev/nope', 403, '{"message":"Missing Authentication Token"}', 'MissingAuthenticationTokenException'],
    ['REST unknown stage', REST, '/prod/hello', 403, '{"message":"Forbidden"}', 'ForbiddenException'],
    ['HTTP unknown route', HTTP, '/nope', 404, '{"message":"Not Found"}', undefined],
  ] as const)('%s', async (_name, api, rawPath, status, body, errorType) => {
    const lambda = ok();
    const res = await setup(api, lambda).gateway.respond(request({ rawPath }));
    expect(res.statusCode).toBe(status);
    expect(res.body.toString()).toBe(body);
    expect(header(res.headers, 'content-type')).toBe('application/json');
    expect(header(res.headers, 'x-amzn-errortype')).toBe(errorType);
    expect(lambda.calls).toHaveLength(0);
  });

  it('REST: a method the resource does not define is 403 Missing Authentication Token', async () => {
    const res = await setup(REST, ok()).gateway.respond(request({ method: 'POST', rawPath: '/dev/hello' }));
    expect(res.statusCode).toBe(403);
  });

  it.each([
    ['function error', { record: record({ outcome: 'function-error', functionError: 'Unhandled' }), payloadJson: { errorType: 'Error', errorMessage: 'boom' } }],
    ['function timeout', { record: record({ outcome: 'timeout', functionError: 'Unhandled' }), payloadJson: { errorMessage: 'Task timed out after 3.00 seconds' } }],
    ['runtime crash', { record: record({ outcome: 'crash', functionError: 'Unhandled' }) }],
    ['init error', { record: record({ outcome: 'init-error', functionError: 'Unhandled', cold: true, initMs: 12 }) }],
    ['malformed result', { payloadJson: { statusCode: 0, body: 'x' } }],
  ] as const)('%s → REST 502 / HTTP 500 with AWS bodies', async (_name, result) => {
    const rest = await setup(REST, fakeLambda(result)).gateway.respond(request({ rawPath: '/dev/hello' }));
    expect(rest.statusCode).toBe(502);
    expect(rest.body.toString()).toBe('{"message": "Internal server error"}');
    expect(header(rest.headers, 'x-amzn-ErrorType')).toBe('InternalServerErrorException');

    // A malformed result is only malformed for 1.0; under 2.0, statusCode 0 is malformed too.
    const http = await setup(HTTP, fakeLambda(result)).gateway.respond(request({ rawPath: '/hello' }));
    expect(http.statusCode).toBe(500);
    expect(http.body.toString()).toBe('{"message":"Internal Server Error"}');
    expect(header(http.headers, 'x-amzn-ErrorType')).toBeUndefined();
  });

  it('integration timeout → REST 504 Endpoint request timed out / HTTP API 503, waiting the configured time', async () => {
    const result = { waitTimedOut: true, record: record({ cold: true, initMs: 900 }) };
    const restLambda = fakeLambda(result);
    const rest = await setup({ ...REST, integrationTimeout: '2s' }, restLambda).gateway.respond(request({ rawPath: '/dev/hello' }));
    expect(rest.statusCode).toBe(504);
    expect(rest.body.toString()).toBe('{"message": "Endpoint request timed out"}');
    expect(restLambda.calls[0].options?.waitTimeoutMs).toBe(2000);

    const httpLambda = fakeLambda(result);
    const http = await setup(HTTP, httpLambda).gateway.respond(request({ rawPath: '/hello' }));
    expect(http.statusCode).toBe(503);
    expect(http.body.toString()).toBe('{"message":"Service Unavailable"}');
    // Default integration timeouts: REST 29 s, HTTP API 30 s.
    expect(httpLambda.calls[0].options?.waitTimeoutMs).toBe(30_000);
    const restDefault = fakeLambda(result);
    await setup(REST, restDefault).gateway.respond(request({ rawPath: '/dev/hello' }));
    expect(restDefault.calls[0].options?.waitTimeoutMs).toBe(29_000);
  });

  it('Lambda throttle → REST 500 / HTTP API 500, without a start header', async () => {
    const throttled = { record: record({ outcome: 'throttled', environmentId: undefined, throttleReason: 'ReservedFunctionConcurrentInvocationLimitExceeded' }) };
    const rest = await setup(REST, fakeLambda(throttled)).gateway.respond(request({ rawPath: '/dev/hello' }));
    expect(rest.statusCode).toBe(500);
    expect(rest.body.toString()).toBe('{"message": "Internal server error"}');
    expect(header(rest.headers, 'x-lambdaload-start')).toBeUndefined();
    const http = await setup(HTTP, fakeLambda(throttled)).gateway.respond(request({ rawPath: '/hello' }));
    expect(http.statusCode).toBe(500);
    expect(http.body.toString()).toBe('{"message":"Internal Server Error"}');
  });

  it('payload over 10 MB → 413: REST plain text, HTTP API JSON', async () => {
    const big = Buffer.alloc(10_485_761, 0x61);
    const lambda = ok();
    const rest = await setup(REST, lambda, [{ method: 'POST', path: '/up', function: 'f' }]).gateway.respond(request({ method: 'POST', rawPath: '/dev/up', body: big }));
    expect(rest.statusCode).toBe(413);
    expect(rest.body.toString()).toBe('HTTP content length exceeded 10485760 bytes.');
    expect(header(rest.headers, 'content-type')).toMatch(/^text\//);
    const http = await setup(HTTP, lambda, [{ method: 'POST', path: '/up', function: 'f' }]).gateway.respond(request({ method: 'POST', rawPath: '/up', body: big }));
    expect(http.statusCode).toBe(413);
    expect(http.body.toString()).toBe('{"message":"Request Entity Too Large"}');
    expect(lambda.calls).toHaveLength(0);
  });

  it('event over Lambda’s 6 MB invoke limit → 413 Request Too Long (REST), before invoking', async () => {
    const body = Buffer.alloc(6_400_000, 0x61);
    const lambda = ok();
    const res = await setup(REST, lambda, [{ method: 'POST', path: '/up', function: 'f' }]).gateway.respond(request({ method: 'POST', rawPath: '/dev/up', body, headers: { 'Content-Type': 'text/plain' } }));
    expect(res.statusCode).toBe(413);
    expect(res.body.toString()).toBe('{"message": "Request Too Long"}');
    expect(header(res.headers, 'x-amzn-ErrorType')).toBe('BadRequestException');
    expect(lambda.calls).toHaveLength(0);
  });

  it('the emulator failing inside invoke is a 500, reported to onError', async () => {
    const errors: unknown[] = [];
    const gateway = createGateway({
      gateway: gatewayFor(REST, [HELLO]),
      lambda: { invoke: async () => Promise.reject(new Error('pool exploded')) },
      onError: (e) => errors.push(e),
    });
    const res = await gateway.respond(request({ rawPath: '/dev/hello' }));
    expect(res.statusCode).toBe(500);
    expect(errors).toHaveLength(1);
  });
});

describe('API Gateway throttling (token bucket)', () => {
  it('stage throttle: burst passes, the next request is 429 Too Many Requests, refill admits again', async () => {
    const lambda = ok();
    const { gateway, clock } = setup({ ...REST, throttle: { rateRps: 10, burst: 2 } }, lambda);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await gateway.respond(request({ rawPath: '/dev/hello' }))).statusCode);
    expect(statuses).toEqual([200, 200, 429]);
    const throttled = await gateway.respond(request({ rawPath: '/dev/hello' }));
    expect(throttled.body.toString()).toBe('{"message":"Too Many Requests"}');
    expect(lambda.calls).toHaveLength(2);
    clock.ms += 100;
    expect((await gateway.respond(request({ rawPath: '/dev/hello' }))).statusCode).toBe(200);
    expect(gateway.stats().throttled).toBe(2);
  });

  it('route throttles apply to their route only', async () => {
    const routes: RouteSpec[] = [HELLO, { method: 'GET', path: '/other', function: 'hello' }];
    const { gateway } = setup({ ...HTTP, routeThrottles: { 'GET /hello': { rateRps: 1, burst: 1 } } }, ok(), routes);
    expect((await gateway.respond(request({ rawPath: '/hello' }))).statusCode).toBe(200);
    expect((await gateway.respond(request({ rawPath: '/hello' }))).statusCode).toBe(429);
    expect((await gateway.respond(request({ rawPath: '/other' }))).statusCode).toBe(200);
    expect((await gateway.respond(request({ rawPath: '/other' }))).statusCode).toBe(200);
  });

  it('without settings, the account default (burst 5,000) admits 5,000 requests at once', async () => {
    const { gateway } = setup(HTTP, ok());
    let admitted = 0;
    for (let i = 0; i < 5_001; i++) if ((await gateway.respond(request({ rawPath: '/hello' }))).statusCode === 200) admitted++;
    expect(admitted).toBe(5_000);
  });
});

describe('successful responses', () => {
  it('REST: id headers, content length, the function’s body, and the warm start header', async () => {
    const lambda = fakeLambda({ payloadJson: { statusCode: 200, body: '{"text":"Hello from Lambda!"}' }, record: record({ environmentId: 'e-7' }) });
    const res = await setup(REST, lambda).gateway.respond(request({ rawPath: '/dev/hello' }));
    expect(res.statusCode).toBe(200);
    expect(res.body.toString()).toBe('{"text":"Hello from Lambda!"}');
    expect(header(res.headers, 'content-length')).toBe(String(res.body.length));
    expect(header(res.headers, 'x-amzn-RequestId')).toMatch(/^[0-9a-f-]{36}$/);
    expect(header(res.headers, 'x-amz-apigw-id')).toMatch(/^[A-Za-z0-9_-]{15}=$/);
    expect(header(res.headers, 'X-Amzn-Trace-Id')).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Sampled=0$/);
    expect(header(res.headers, 'apigw-requestid')).toBeUndefined();
    expect(header(res.headers, 'x-lambdaload-start')).toBe('warm; env=e-7');
    expect(lambda.calls[0].functionName).toBe('hello');
  });

  it('HTTP API: Apigw-Requestid only, and the cold start header with init time', async () => {
    const lambda = fakeLambda({ payloadJson: 'hi', record: record({ cold: true, initMs: 143.21, environmentId: 'e-1' }) });
    const res = await setup(HTTP, lambda).gateway.respond(request({ rawPath: '/hello' }));
    expect(res.statusCode).toBe(200);
    expect(res.body.toString()).toBe('hi');
    expect(header(res.headers, 'Apigw-Requestid')).toMatch(/^[A-Za-z0-9_-]{15}=$/);
    expect(header(res.headers, 'x-amzn-RequestId')).toBeUndefined();
    expect(header(res.headers, 'x-lambdaload-start')).toBe('cold; init-ms=143.2; env=e-1');
  });

  it('gives every request its own ids', async () => {
    const { gateway } = setup(REST, ok());
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) ids.add(header((await gateway.respond(request({ rawPath: '/dev/hello' }))).headers, 'x-amzn-RequestId')!);
    expect(ids.size).toBe(50);
  });

  it('sends the event the function expects: REST 1.0, HTTP API 2.0 or 1.0', async () => {
    const rest = ok();
    await setup(REST, rest).gateway.respond(request({ rawPath: '/dev/hello' }));
    expect(JSON.parse(rest.calls[0].payload.toString())).toMatchObject({ resource: '/hello', path: '/hello', requestContext: { stage: 'dev', path: '/dev/hello' } });
    const v2 = ok();
    await setup(HTTP, v2).gateway.respond(request({ rawPath: '/hello' }));
    expect(JSON.parse(v2.calls[0].payload.toString())).toMatchObject({ version: '2.0', routeKey: 'GET /hello' });
    const v1 = ok();
    await setup({ type: 'http', payloadFormat: '1.0' }, v1).gateway.respond(request({ rawPath: '/hello' }));
    expect(JSON.parse(v1.calls[0].payload.toString())).toMatchObject({ version: '1.0', httpMethod: 'GET' });
  });
});

describe('REST non-proxy "lambda" integration', () => {
  const route: RouteSpec = { method: 'POST', path: '/test', function: 'echo', integration: 'lambda' };

  it('the JSON body is the event and the return value is a 200 application/json body', async () => {
    const lambda = fakeLambda({ payloadJson: 'success lambda api test: hello' });
    const res = await setup(REST, lambda, [route]).gateway.respond(
      request({ method: 'POST', rawPath: '/dev/test', body: Buffer.from('{"val01":"hello"}'), headers: { 'Content-Type': 'application/json' } }),
    );
    expect(JSON.parse(lambda.calls[0].payload.toString())).toEqual({ val01: 'hello' });
    expect(res.statusCode).toBe(200);
    expect(res.body.toString()).toBe('"success lambda api test: hello"');
    expect(header(res.headers, 'content-type')).toBe('application/json');
  });

  it('a function error is a 200 carrying the error object, as AWS does without integration responses', async () => {
    const error = { errorType: 'Error', errorMessage: 'Malformed input' };
    const lambda = fakeLambda({ payloadJson: error, record: record({ outcome: 'function-error', functionError: 'Unhandled' }) });
    const res = await setup(REST, lambda, [route]).gateway.respond(request({ method: 'POST', rawPath: '/dev/test' }));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body.toString())).toEqual(error);
    expect(lambda.calls[0].payload.toString()).toBe('{}');
  });

  it('a body that is not JSON is 400 with Lambda\'s InvalidRequestContent message; the function never runs', async () => {
    const lambda = fakeLambda({ payloadJson: 'never' });
    const res = await setup(REST, lambda, [route]).gateway.respond(
      request({ method: 'POST', rawPath: '/dev/test', body: Buffer.from('token=abc&team=x'), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
    );
    expect(lambda.calls).toHaveLength(0);
    expect(res.statusCode).toBe(400);
    expect(header(res.headers, 'content-type')).toBe('application/json');
    expect(res.body.toString()).toMatch(/^\{"message": "Could not parse request body into json: Could not parse payload into json: .+"\}$/);
    expect(header(res.headers, 'x-amzn-requestid')).toBeDefined();
  });
});
