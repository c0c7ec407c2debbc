/**
 * End to end through `startEmulator`: real HTTP on 127.0.0.1 to real Node handlers (test/fixtures/gateway) run
 * by the Lambda service, for a REST API and an HTTP API; the cold-then-warm evidence header; the gateway's errors
 * for failing, slow and throttled functions; the admin endpoints; validation; clean shutdown.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLambdaloadError } from '../../../src/errors.js';
import { parseStartHeader } from '../../../src/evidence/start-header.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import type { EmulatorTarget } from '../../../src/scenario/types.js';

const scenarioDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');
const code = './gateway';

describe('REST API emulator', () => {
  let emulator: RunningEmulator;
  const target: EmulatorTarget = {
    type: 'emulator',
    // The integration timeout covers every route: far above a cold start on a busy machine (the 502 below must not
    // become a 504), far below the slow function's answer.
    api: { type: 'rest', stage: 'dev', integrationTimeout: '5s' },
    functions: {
      hello: { code, handler: 'hello.handler' },
      echo: { code, handler: 'echo.handler' },
      postEcho: { code, handler: 'post-echo.handler' },
      fail: { code, handler: 'fail.handler' },
      slow: { code, handler: 'slow.handler', timeout: '20s', environment: { SLOW_MS: '12000' } },
    },
    routes: [
      { method: 'GET', path: '/hello', function: 'hello' },
      { method: 'ANY', path: '/echo/{proxy+}', function: 'echo' },
      { method: 'POST', path: '/test', function: 'postEcho', integration: 'lambda' },
      { method: 'GET', path: '/fail', function: 'fail' },
      { method: 'GET', path: '/slow', function: 'slow' },
    ],
  };

  beforeAll(async () => {
    emulator = await startEmulator(target, { scenarioDir });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('listens on 127.0.0.1 with the stage in baseUrl and lists the routes', () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.baseUrl).toBe(`${emulator.url}/dev`);
    expect(emulator.routes[0]).toEqual({ method: 'GET', path: '/hello', function: 'hello', url: `${emulator.baseUrl}/hello` });
  });

  it('serves the hello handler: cold first, then warm on the same environment', async () => {
    const first = await fetch(`${emulator.baseUrl}/hello`);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ text: 'Hello from Lambda!', path: '/hello' });
    expect(first.headers.get('content-type')).toBe('application/json');
    expect(first.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const cold = parseStartHeader(first.headers.get('x-lambdaload-start'));
    expect(cold).toMatchObject({ start: 'cold' });
    expect(cold!.initMs).toBeGreaterThan(0);
    expect(cold!.environmentId).toBeTruthy();

    const second = await fetch(`${emulator.baseUrl}/hello`);
    await second.text();
    const warm = parseStartHeader(second.headers.get('x-lambdaload-start'));
    expect(warm).toEqual({ start: 'warm', environmentId: cold!.environmentId });
  });

  it('delivers a 1.0 event built from the real request', async () => {
    const res = await fetch(`${emulator.baseUrl}/echo/a/b%20c?x=1&x=2`, { method: 'PUT', body: 'hi', headers: { 'content-type': 'text/plain' } });
    const event = await res.json();
    expect(event).toMatchObject({
      resource: '/echo/{proxy+}',
      path: '/echo/a/b%20c',
      httpMethod: 'PUT',
      pathParameters: { proxy: 'a/b%20c' },
      queryStringParameters: { x: '2' },
      multiValueQueryStringParameters: { x: ['1', '2'] },
      body: 'hi',
      isBase64Encoded: false,
      requestContext: { stage: 'dev', path: '/dev/echo/a/b%20c', requestId: res.headers.get('x-amzn-requestid') },
    });
  });

  it('non-proxy integration: JSON body in, the callback value back as a 200 JSON body', async () => {
    const res = await fetch(`${emulator.baseUrl}/test`, { method: 'POST', body: JSON.stringify({ val01: 'hello' }), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toBe('success lambda api test: hello');
  });

  it('non-proxy integration: a body that is not JSON is 400 with Lambda\'s message, not a function error', async () => {
    const res = await fetch(`${emulator.baseUrl}/test`, { method: 'POST', body: 'plain text', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.message).toMatch(/^Could not parse request body into json: Could not parse payload into json: /);
    // No function ran: no cold/warm evidence.
    expect(res.headers.get('x-lambdaload-start')).toBeNull();
  });

  it('a throwing function is a 502 Internal server error', async () => {
    const res = await fetch(`${emulator.baseUrl}/fail`);
    expect(res.status).toBe(502);
    expect(await res.text()).toBe('{"message": "Internal server error"}');
    expect(res.headers.get('x-amzn-errortype')).toBe('InternalServerErrorException');
    expect(res.headers.get('x-lambdaload-start')).toMatch(/^(cold|warm); /);
  });

  it('a function slower than the integration timeout is a 504', async () => {
    const res = await fetch(`${emulator.baseUrl}/slow`);
    expect(res.status).toBe(504);
    expect(await res.text()).toBe('{"message": "Endpoint request timed out"}');
  });

  it('unknown routes are 403 Missing Authentication Token', async () => {
    const res = await fetch(`${emulator.baseUrl}/nope`);
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('{"message":"Missing Authentication Token"}');
  });

  it('admin endpoints report invocations and stats', async () => {
    const { records, dropped } = await (await fetch(`${emulator.url}/__lambdaload/invocations`)).json();
    expect(dropped).toBe(0);
    expect(records.length).toBeGreaterThanOrEqual(4);
    expect(records[0]).toMatchObject({ functionName: 'hello', cold: true });
    const stats = await (await fetch(`${emulator.url}/__lambdaload/stats`)).json();
    expect(stats.gateway.requests).toBeGreaterThanOrEqual(6);
    expect(stats.gateway.integrationTimeouts).toBe(1);
    expect(stats.lambda.coldStarts).toBeGreaterThanOrEqual(1);
  });
});

describe('HTTP API emulator ($default stage, payload 2.0)', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startEmulator(
      {
        type: 'emulator',
        api: { type: 'http', routeThrottles: { 'GET /limited': { rateRps: 0.01, burst: 1 } } },
        functions: {
          echo: { code, handler: 'echo.handler' },
          fail: { code, handler: 'fail.handler' },
          single: { code, handler: 'slow.handler', reservedConcurrency: 1 },
        },
        routes: [
          { method: 'GET', path: '/fail', function: 'fail' },
          { method: 'GET', path: '/limited', function: 'echo' },
          { method: 'GET', path: '/single', function: 'single' },
          { method: 'ANY', path: '$default', function: 'echo' },
        ],
      },
      { scenarioDir },
    );
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('has no stage prefix and delivers a 2.0 event', async () => {
    expect(emulator.baseUrl).toBe(emulator.url);
    const res = await fetch(`${emulator.url}/any/where?a=1&a=2`, { headers: { cookie: 'c1=1; c2=2' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('apigw-requestid')).toMatch(/^[A-Za-z0-9_-]{15}=$/);
    expect(res.headers.get('x-amzn-requestid')).toBeNull();
    const event = await res.json();
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/any/where',
      rawQueryString: 'a=1&a=2',
      cookies: ['c1=1', 'c2=2'],
      queryStringParameters: { a: '1,2' },
      requestContext: { stage: '$default', requestId: res.headers.get('apigw-requestid'), http: { method: 'GET', path: '/any/where' } },
    });
    expect(parseStartHeader(res.headers.get('x-lambdaload-start'))?.start).toBe('cold');
  });

  it('a throwing function is a 500 Internal Server Error', async () => {
    const res = await fetch(`${emulator.url}/fail`);
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('{"message":"Internal Server Error"}');
  });

  it('a route throttle answers 429 once its burst is spent', async () => {
    const first = await fetch(`${emulator.url}/limited`);
    await first.text();
    const second = await fetch(`${emulator.url}/limited`);
    expect([first.status, second.status]).toEqual([200, 429]);
    expect(await second.text()).toBe('{"message":"Too Many Requests"}');
  });

  it('a Lambda throttle (reserved concurrency 1, two at once) is a 500 without start evidence', async () => {
    const responses = await Promise.all([fetch(`${emulator.url}/single`), fetch(`${emulator.url}/single`)]);
    const results = await Promise.all(responses.map(async (r) => ({ status: r.status, body: await r.text(), start: r.headers.get('x-lambdaload-start') })));
    results.sort((a, b) => a.status - b.status);
    expect(results.map((r) => r.status)).toEqual([200, 500]);
    expect(results[1].body).toBe('{"message":"Internal Server Error"}');
    expect(results[1].start).toBeNull();
  });
});

describe('startEmulator validation and shutdown', () => {
  it('rejects a route naming an unknown function, with the key path', async () => {
    const error = await startEmulator(
      { type: 'emulator', api: { type: 'rest' }, functions: { hello: { code, handler: 'hello.handler' } }, routes: [{ method: 'GET', path: '/x', function: 'helo' }] },
      { scenarioDir },
    ).catch((e: unknown) => e);
    expect(isLambdaloadError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'SCENARIO_INVALID' });
    expect((error as { problems: string[] }).problems).toEqual([expect.stringMatching(/^target\.routes\[0\]\.function: names no function in target\.functions \(known: hello\); did you mean 'hello'\?/)]);
  });

  it('reports function problems with their keys, all at once', async () => {
    const error = await startEmulator(
      {
        type: 'emulator',
        api: { type: 'rest' },
        functions: { hello: { code: './missing', handler: 'hello.handler', memoryMb: 64, timeout: '901s' } },
        routes: [{ method: 'GET', path: '/x', function: 'hello' }],
      },
      { scenarioDir },
    ).catch((e: unknown) => e);
    const problems = (error as { problems: string[] }).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^target\.functions\.hello\.memoryMb: must be from 128 to 10240/),
        expect.stringMatching(/^target\.functions\.hello\.timeout: must be at most 900 s/),
        expect.stringMatching(/^target\.functions\.hello\.code: no folder at .*missing/),
      ]),
    );
  });

  it('stops listening after close', async () => {
    const emulator = await startEmulator(
      { type: 'emulator', api: { type: 'http' }, functions: { hello: { code, handler: 'hello.handler' } }, routes: [{ method: 'GET', path: '/hello', function: 'hello' }] },
      { scenarioDir },
    );
    await (await fetch(`${emulator.url}/hello`)).text();
    await emulator.close();
    await emulator.close();
    await expect(fetch(`${emulator.url}/hello`)).rejects.toThrow();
  });
});
