/**
 * The Invoke API, driven by AWS's own client: `@aws-sdk/client-lambda` `InvokeCommand` against a small server that
 * uses `handleInvokeRequest`, plus the RIE path people `curl`, and a function that invokes another function with the
 * SDK through AWS_ENDPOINT_URL_LAMBDA.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleInvokeRequest } from '../../../src/emulator/lambda/invoke-api.js';
import { createTestService, fn, json, type TestService } from './helpers.js';

describe('Lambda Invoke API', () => {
  let t: TestService;
  let server: Server;
  let url: string;
  let client: LambdaClient;

  beforeAll(async () => {
    server = createServer((req, res) => {
      handleInvokeRequest(req, res, t.service).then((handled) => {
        if (!handled) res.writeHead(418).end('not an Invoke API path');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = createTestService(
      [
        fn('hello', 'node-esm', 'index.handler'),
        fn('throws', 'node-errors', 'index.throws'),
        fn('never', 'node-esm', 'index.handler', { reservedConcurrency: 0 }),
        fn('caller', 'sdk-caller', 'index.handler', { timeoutMs: 10_000 }),
      ],
      { invokeEndpointUrl: url },
    );
    await t.service.start();
    client = new LambdaClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
    await t.service.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('invokes with InvokeCommand and returns the last 4 KB of logs for LogType Tail', async () => {
    const out = await client.send(new InvokeCommand({ FunctionName: 'hello', Payload: Buffer.from('{"from":"sdk"}'), LogType: 'Tail' }));
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    expect(out.ExecutedVersion).toBe('$LATEST');
    const body = json(Buffer.from(out.Payload as Uint8Array));
    expect(body.echo).toEqual({ from: 'sdk' });
    const log = Buffer.from(out.LogResult as string, 'base64').toString('utf8');
    expect(log).toMatch(new RegExp(`^START RequestId: ${body.requestId} Version: \\$LATEST\\n`));
    expect(log).toContain('\tINFO\tline one');
    expect(log).toMatch(new RegExp(`\\nEND RequestId: ${body.requestId}\\nREPORT RequestId: ${body.requestId}\\tDuration: .*\\tInit Duration: \\d+\\.\\d\\d ms\\t\\n$`));
    // Without Tail, no log.
    const quiet = await client.send(new InvokeCommand({ FunctionName: 'hello', Payload: Buffer.from('{}') }));
    expect(quiet.LogResult).toBeUndefined();
  });

  it('answers 200 with FunctionError Unhandled and the error object when the function fails', async () => {
    const out = await client.send(new InvokeCommand({ FunctionName: 'throws', Payload: Buffer.from('{}'), LogType: 'Tail' }));
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    expect(json(Buffer.from(out.Payload as Uint8Array))).toMatchObject({ errorType: 'Error', errorMessage: 'boom' });
    expect(Buffer.from(out.LogResult as string, 'base64').toString('utf8')).toContain('\tERROR\tInvoke Error');
  });

  it('accepts function ARNs, partial ARNs and the $LATEST qualifier', async () => {
    for (const name of ['arn:aws:lambda:us-east-1:012345678912:function:hello', '012345678912:function:hello', 'hello:$LATEST']) {
      const out = await client.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{}') }));
      expect(out.StatusCode, name).toBe(200);
    }
  });

  it('maps throttles, unknown functions and oversized payloads to the errors AWS returns', async () => {
    const throttle = await client.send(new InvokeCommand({ FunctionName: 'never', Payload: Buffer.from('{}') })).catch((e: unknown) => e);
    expect(throttle).toMatchObject({
      name: 'TooManyRequestsException',
      Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
      Type: 'User',
      message: 'Rate Exceeded.',
      $metadata: { httpStatusCode: 429 },
    });

    const missing = await client.send(new InvokeCommand({ FunctionName: 'nope', Payload: Buffer.from('{}') })).catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
    expect((missing as Error).message).toBe('Function not found: arn:aws:lambda:us-east-1:012345678912:function:nope');

    const versioned = await client.send(new InvokeCommand({ FunctionName: 'hello', Qualifier: '7', Payload: Buffer.from('{}') })).catch((e: unknown) => e);
    expect(versioned).toMatchObject({ name: 'ResourceNotFoundException' });

    const big = await client.send(new InvokeCommand({ FunctionName: 'hello', Payload: Buffer.alloc(6_291_457, 32) })).catch((e: unknown) => e);
    expect(big).toMatchObject({ name: 'RequestTooLargeException', $metadata: { httpStatusCode: 413 } });
    expect((big as Error).message).toBe('6291457 byte payload is too large for the RequestResponse invocation type (limit 6291456 bytes)');

    const notJson = await client.send(new InvokeCommand({ FunctionName: 'hello', Payload: Buffer.from('{nope') })).catch((e: unknown) => e);
    expect(notJson).toMatchObject({ name: 'InvalidRequestContentException', $metadata: { httpStatusCode: 400 } });
  });

  it('answers 202 for Event (the function runs in the background) and 204 for DryRun', async () => {
    const invocations = () => t.service.totals().functions.find((f) => f.functionName === 'hello')?.invocations ?? 0;
    const before = invocations();
    const accepted = await client.send(new InvokeCommand({ FunctionName: 'hello', InvocationType: 'Event', Payload: Buffer.from('{"async":true}') }));
    expect(accepted.StatusCode).toBe(202);
    const dry = await client.send(new InvokeCommand({ FunctionName: 'hello', InvocationType: 'DryRun' }));
    expect(dry.StatusCode).toBe(204);
    for (let i = 0; i < 150 && invocations() === before; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(invocations()).toBe(before + 1);
    expect(t.service.recentRecords().records.at(-1)).toMatchObject({ functionName: 'hello', outcome: 'success' });
  });

  it("answers the RIE's `function` path with 404 naming the functions when there are several", async () => {
    const res = await fetch(`${url}/2015-03-31/functions/function/invocations`, { method: 'POST', body: '{"curl":1}' });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    const body = await res.json();
    expect(body.Message).toContain('Function not found: arn:aws:lambda:us-east-1:012345678912:function:function');
    expect(body.Message).toContain('name one, /2015-03-31/functions/<name>/invocations');
    expect(body.Message).toContain('(hello, throws, never, caller)');
    // By name, any function.
    const byName = await fetch(`${url}/2015-03-31/functions/hello/invocations`, { method: 'POST', body: '{"curl":2}' });
    expect(byName.status).toBe(200);
    expect((await byName.json()).echo).toEqual({ curl: 2 });
    // Not an Invoke API path: left to the caller.
    expect((await fetch(`${url}/2015-03-31/functions/hello`)).status).toBe(418);
  });

  it('lets a function invoke another one with the AWS SDK through AWS_ENDPOINT_URL_LAMBDA', async () => {
    const out = await client.send(new InvokeCommand({ FunctionName: 'caller', Payload: Buffer.from('{"target":"hello"}') }));
    expect(out.FunctionError).toBeUndefined();
    const body = json(Buffer.from(out.Payload as Uint8Array));
    expect(body.statusCode).toBe(200);
    expect(body.payload).toMatchObject({ kind: 'esm', echo: { from: 'sdk-caller' } });
  });
});

describe("the RIE's path with one function", () => {
  it("reaches the only function, so `curl -d '{}' …/functions/function/invocations` works as against the RIE", async () => {
    const t = createTestService([fn('solo', 'node-esm', 'index.handler')]);
    const server = createServer((req, res) => void handleInvokeRequest(req, res, t.service));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const res = await fetch(`${base}/2015-03-31/functions/function/invocations`, { method: 'POST', body: '{"curl":1}' });
      expect(res.status).toBe(200);
      expect((await res.json()).echo).toEqual({ curl: 1 });
      const byName = await fetch(`${base}/2015-03-31/functions/solo/invocations`, { method: 'POST', body: '{}' });
      expect(byName.status).toBe(200);
    } finally {
      await t.service.close();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 30_000);
});
