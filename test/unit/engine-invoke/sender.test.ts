/**
 * The invoke sender's answers as samples, through the real SDK against small local servers speaking the Invoke API's
 * wire format: a throttle (429 with its Reason), a function error, a tail without REPORT, no answer in time, and no
 * server at all. One sample per send, whatever happens.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sample } from '../../../src/records/sample.js';
import { createInvokeClient } from '../../../src/engine/invoke/lambda-client.js';
import { createInvokeSender } from '../../../src/engine/invoke/sender.js';
import { createRequestPlan } from '../../../src/engine/request-plan.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(answer: (res: import('node:http').ServerResponse) => void): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Sends one request through a fresh sender; resolves with its sample and the hooks' counts. */
async function sendOne(endpoint: string, timeoutMs = 5_000): Promise<{ sample: Sample; sent: number }> {
  const client = createInvokeClient({ region: 'us-east-1', endpoint, maxSockets: 1, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  const plan = createRequestPlan([{ json: { n: '{{seq}}' } }], { seed: 1 });
  let sent = 0;
  try {
    return await new Promise((resolve) => {
      const sender = createInvokeSender(client, { functionName: 'f' }, { origin: '', connections: 1, timeoutMs }, {
        onSent: () => sent++,
        onDone: (sample) => resolve({ sample, sent }),
      });
      sender.send(plan.next(0), 0, 0);
    });
  } finally {
    client.destroy();
  }
}

const tail = (text: string) => Buffer.from(text).toString('base64');

describe('invoke sender', () => {
  it('a 429 TooManyRequestsException: status 429, its name and Reason, a failed request', async () => {
    const url = await serve((res) =>
      res
        .writeHead(429, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'TooManyRequestsException', 'x-amzn-RequestId': 'r-429' })
        .end(JSON.stringify({ Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', Type: 'User', message: 'Rate Exceeded.' })),
    );
    const { sample, sent } = await sendOne(url);
    expect(sent).toBe(1);
    expect(sample).toMatchObject({ status: 429, expectationFailed: true, requestId: 'r-429', bytesSent: Buffer.byteLength('{"n":"0"}') });
    expect(sample.invoke).toEqual({ errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.', reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
  });

  it('a function error: 200, X-Amz-Function-Error, the payload’s errorType, and the REPORT of the tail', async () => {
    const report = 'REPORT RequestId: r1\tDuration: 2.00 ms\tBilled Duration: 120 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\tInit Duration: 117.20 ms\t';
    const url = await serve((res) =>
      res
        .writeHead(200, { 'Content-Type': 'application/json', 'X-Amz-Function-Error': 'Unhandled', 'X-Amz-Log-Result': tail(`START RequestId: r1\nEND RequestId: r1\n${report}\n`) })
        .end(JSON.stringify({ errorType: 'TypeError', errorMessage: 'x is not a function' })),
    );
    const { sample } = await sendOne(url);
    expect(sample).toMatchObject({ status: 200, expectationFailed: true, failedCheck: 'status' });
    expect(sample.invoke).toMatchObject({ functionError: 'Unhandled', errorType: 'TypeError', errorMessage: 'x is not a function', report: { initMs: 117.2, billedMs: 120 } });
  });

  it('a tail with no REPORT line: answered, no report (left to the run to count, never guessed)', async () => {
    const url = await serve((res) => res.writeHead(200, { 'Content-Type': 'application/json', 'X-Amz-Log-Result': tail('…a cut log line\n') }).end('"ok"'));
    const { sample } = await sendOne(url);
    expect(sample.status).toBe(200);
    expect(sample.expectationFailed).toBeUndefined();
    expect(sample.invoke).toEqual({});
  });

  it('no answer within the timeout: status 0, TIMEOUT', async () => {
    const url = await serve(() => undefined);
    const { sample } = await sendOne(url, 200);
    expect(sample).toMatchObject({ status: 0, errorCode: 'TIMEOUT' });
  });

  it('nothing listening: status 0 and the network error code', async () => {
    const url = await serve((res) => res.end());
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const { sample } = await sendOne(url);
    expect(sample).toMatchObject({ status: 0, errorCode: 'ECONNREFUSED' });
  });
});
