/**
 * The gateway's Node adapter over a real socket (127.0.0.1), with a hand-written Lambda service: body reading,
 * the 10 MB limit on declared and chunked bodies, repeated response headers and keep-alive.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../../src/emulator/gateway/gateway.js';
import { fakeLambda, gatewayFor } from '../../unit/emulator-gateway/helpers.js';

const lambda = fakeLambda({
  payloadJson: { statusCode: 200, multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] }, body: 'ok' },
});
let server: Server;
let base: string;

beforeAll(async () => {
  const gateway = createGateway({
    gateway: gatewayFor({ type: 'rest', stage: 'dev' }, [
      { method: 'ANY', path: '/echo', function: 'echo' },
      { method: 'GET', path: '/items/{id}', function: 'echo' },
    ]),
    lambda,
  });
  server = createServer((req, res) => gateway.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function lastEvent(): Record<string, any> {
  return JSON.parse(lambda.calls.at(-1)!.payload.toString());
}

describe('gateway over HTTP', () => {
  it('reads the body, builds the event from the real request and writes repeated headers', async () => {
    const res = await fetch(`${base}/dev/echo?x=1&x=2`, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json', 'user-agent': 'probe/1' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-lambdaload-start')).toBe('warm; env=env-1');
    const event = lastEvent();
    expect(event.body).toBe('{"a":1}');
    expect(event.multiValueQueryStringParameters).toEqual({ x: ['1', '2'] });
    expect(event.requestContext.identity).toMatchObject({ sourceIp: '127.0.0.1', userAgent: 'probe/1' });
    expect(event.requestContext.path).toBe('/dev/echo');
  });

  it('keeps path parameters as sent', async () => {
    await fetch(`${base}/dev/items/a%20b`);
    expect(lastEvent().pathParameters).toEqual({ id: 'a%20b' });
  });

  it('answers 403 Missing Authentication Token for an unknown path', async () => {
    const res = await fetch(`${base}/dev/nope`);
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('{"message":"Missing Authentication Token"}');
    expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });

  it('refuses a declared body over 10 MB without reading it', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${base}/dev/echo`, { method: 'POST', headers: { 'content-length': String(10_485_761) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('x'); // the rest never comes: the answer must not wait for it
    });
    expect(status).toBe(413);
  });

  it('refuses a chunked body once it passes 10 MB', async () => {
    const calls = lambda.calls.length;
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      let answered = false;
      const req = httpRequest(`${base}/dev/echo`, { method: 'POST', headers: { 'transfer-encoding': 'chunked', 'content-type': 'text/plain' } }, (res) => {
        answered = true;
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      // The server closes the connection after refusing; a write error after the answer is expected.
      req.on('error', (error) => {
        if (!answered) reject(error);
      });
      for (let i = 0; i < 11; i++) req.write(chunk);
      req.end();
    });
    expect(result).toEqual({ status: 413, body: 'HTTP content length exceeded 10485760 bytes.' });
    expect(lambda.calls.length).toBe(calls);
  });
});
