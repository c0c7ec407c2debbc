/**
 * A deployed API's kind from the headers of one answer (src/target/probe-api-type.ts): the emulator's REST API and
 * HTTP API answer as API Gateway does (REST `x-amz-apigw-id`, HTTP API `apigw-requestid`, on errors too), and a plain
 * server, or one with only `x-amzn-RequestId` (as a Lambda function URL sends), tells nothing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { probeApiType } from '../../../src/target/probe-api-type.js';

const FUNCTIONS = fileURLToPath(new URL('../../fixtures/functions/', import.meta.url));
const functions = { hello: { code: 'node-esm', handler: 'index.handler', memoryMb: 128 } };
const routes = [{ method: 'GET' as const, path: '/hello', function: 'hello' }];

let rest: RunningEmulator;
let http: RunningEmulator;
let plain: Server;
let plainUrl: string;

beforeAll(async () => {
  [rest, http] = await Promise.all([
    startEmulator({ type: 'emulator', spareRuntimes: 0, api: { type: 'rest', stage: 'prod' }, functions, routes }, { scenarioDir: FUNCTIONS }),
    startEmulator({ type: 'emulator', spareRuntimes: 0, api: { type: 'http' }, functions, routes }, { scenarioDir: FUNCTIONS }),
  ]);
  plain = createServer((req, res) => {
    if (req.url === '/function-url') res.setHeader('x-amzn-RequestId', 'c0ffee00-0000-4000-8000-000000000000');
    res.end('ok');
  });
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await Promise.all([rest?.close(), http?.close(), new Promise((resolve) => plain?.close(resolve))]);
});

describe('the API kind from the headers of an answer', () => {
  it('a REST API: x-amz-apigw-id, on an answer and on a 403 for no route', async () => {
    expect(await probeApiType(`${rest.baseUrl}/hello`)).toEqual({ type: 'rest', header: 'x-amz-apigw-id' });
    expect(await probeApiType(`${rest.baseUrl}/no-such-route`)).toEqual({ type: 'rest', header: 'x-amz-apigw-id' });
  });

  it('an HTTP API: apigw-requestid, on a 404 for no route as well', async () => {
    expect(await probeApiType(`${http.baseUrl}/hello`)).toEqual({ type: 'http', header: 'apigw-requestid' });
    expect(await probeApiType(`${http.baseUrl}/no-such-route`)).toEqual({ type: 'http', header: 'apigw-requestid' });
  });

  it('a plain server, one sending only x-amzn-RequestId, and no server at all: nothing', async () => {
    expect(await probeApiType(plainUrl)).toBeUndefined();
    expect(await probeApiType(`${plainUrl}/function-url`)).toBeUndefined();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await probeApiType(`http://127.0.0.1:${port}/`, 2_000)).toBeUndefined();
  });
});
