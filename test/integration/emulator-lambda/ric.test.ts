/**
 * AWS's own Node.js runtime interface client, the npm package `aws-lambda-ric`, as a client of the emulated Runtime
 * API: a `provided.al2023` function whose `bootstrap` starts ric (test/fixtures/ric/). ric fetches events and posts
 * responses and errors through its native aws-lambda-cpp + curl client, streams and reports init errors through
 * node:http, and builds the handler's context from the Runtime API's headers, so each check below is one thing a
 * runtime nobody on this project wrote needs from the emulator.
 *
 * ric builds natively when installed (`npm ci --prefix test/fixtures/ric`, needs autoconf, automake and libtool).
 * Without it the suite is skipped with a warning, unless LAMBDALOAD_REQUIRE_RIC=1 (CI), where it fails.
 */
import { existsSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestService, event, fn, isAlive, json, REPORT_LINE, type TestService } from './helpers.js';

const RIC_DIR = fileURLToPath(new URL('../../fixtures/ric/', import.meta.url));
/** The native binding ric's install builds: the package without it cannot run. */
const RIC_BINDING = fileURLToPath(new URL('../../fixtures/ric/node_modules/aws-lambda-ric/dist/rapid-client.node', import.meta.url));
const ricInstalled = existsSync(RIC_BINDING);
const ricRequired = process.env.LAMBDALOAD_REQUIRE_RIC === '1';
const MISSING = `aws-lambda-ric is not built (no ${RIC_BINDING}): run \`npm ci --prefix test/fixtures/ric\` (needs autoconf automake libtool)`;

if (!ricInstalled && !ricRequired) console.warn(`ric.test.ts skipped: ${MISSING}`);

function ricFn(name: string, handler: string) {
  return fn(name, 'unused', handler, { runtime: 'provided.al2023', codeDir: RIC_DIR, timeoutMs: 10_000 });
}

describe.skipIf(!ricInstalled && !ricRequired)('aws-lambda-ric against the emulated Runtime API', () => {
  let t: TestService | undefined;
  const pids: number[] = [];

  beforeAll(async () => {
    if (!ricInstalled) throw new Error(`LAMBDALOAD_REQUIRE_RIC=1 but ${MISSING}`);
    t = createTestService([
      ricFn('ric', 'index.handler'),
      ricFn('ric-fails', 'index.fails'),
      ricFn('ric-streams', 'index.streams'),
      ricFn('ric-missing', 'index.nothing'),
    ]);
    await t.service.start();
  });

  afterAll(async () => {
    if (t === undefined) return;
    await t.service.close();
    expect(pids.length).toBeGreaterThan(0);
    expect(pids.filter(isAlive)).toEqual([]);
  });

  it('serves a handler cold, then warm, with the context ric builds from the Runtime API headers', async () => {
    const service = t!.service;
    const first = await service.invoke('ric', event({ hello: 'ric' }));
    const clientContext = { client: { installation_id: 'i-1' }, custom: { tenant: 'a' }, env: { platform: 'test' } };
    const second = await service.invoke('ric', event({ n: 2 }), { clientContext: Buffer.from(JSON.stringify(clientContext)).toString('base64') });

    const body = json(first.payload);
    pids.push(body.pid);
    expect(body).toMatchObject({
      event: { hello: 'ric' },
      awsRequestId: first.record.requestId,
      functionName: 'ric',
      memoryLimitInMB: '128',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:012345678912:function:ric',
      clientContext: null,
      runner: 'node_modules/aws-lambda-ric/bin/index.mjs',
    });
    // From Lambda-Runtime-Deadline-Ms: positive and within the 10 s timeout.
    expect(body.remainingMs).toBeGreaterThan(0);
    expect(body.remainingMs).toBeLessThanOrEqual(10_000);
    // ric copies Lambda-Runtime-Trace-Id into _X_AMZN_TRACE_ID for the X-Ray SDK.
    expect(body.traceId).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);

    expect(first.record).toMatchObject({ cold: true, outcome: 'success', functionName: 'ric' });
    expect(first.record.initMs).toBeGreaterThan(0);
    // An on-demand cold start bills its INIT too.
    expect(first.record.billedMs).toBeGreaterThanOrEqual(Math.ceil(first.record.durationMs + first.record.initMs!) - 1);
    expect(first.record.maxMemoryUsedMb).toBeGreaterThan(0);

    const warm = json(second.payload);
    expect(second.record).toMatchObject({ cold: false, outcome: 'success', environmentId: first.record.environmentId });
    expect(second.record.initMs).toBeUndefined();
    expect(second.record.billedMs).toBeGreaterThanOrEqual(1);
    expect(second.record.maxMemoryUsedMb).toBeGreaterThan(0);
    expect(warm).toMatchObject({ event: { n: 2 }, awsRequestId: second.record.requestId, pid: body.pid, clientContext });

    const lines = t!.linesOf('ric');
    // ric names its working directory, which the emulator sets to the code folder (process.cwd() is a real path).
    expect(lines).toContain(`Executing 'index.handler' in function directory '${realpathSync(RIC_DIR)}'`);
    // ric's own console format: timestamp, request id, level, message.
    for (const record of [first.record, second.record]) {
      expect(lines.some((l) => new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t${record.requestId}\\tINFO\\thello from ric$`).test(l))).toBe(true);
    }
    expect(lines.filter((l) => REPORT_LINE.test(l))).toHaveLength(2);
  });

  it("reports a thrown error as ric's {errorType, errorMessage, trace}, and the environment serves again", async () => {
    const service = t!.service;
    const first = await service.invoke('ric-fails', event({}));
    const second = await service.invoke('ric-fails', event({}));
    for (const { payload, record } of [first, second]) {
      expect(record).toMatchObject({ outcome: 'function-error', functionError: 'Unhandled' });
      expect(record.maxMemoryUsedMb).toBeGreaterThan(0);
      const body = json(payload);
      expect(body).toMatchObject({ errorType: 'RicBoom', errorMessage: 'ric boom' });
      expect(body.trace[0]).toBe('RicBoom: ric boom');
      expect(body.trace.some((frame: string) => frame.includes('index.mjs'))).toBe(true);
    }
    // ric goes back to /next after posting /error: the same process serves the second invocation warm.
    expect(second.record).toMatchObject({ cold: false, environmentId: first.record.environmentId });
  });

  it('serves a streamed response (awslambda.streamifyResponse) read whole', async () => {
    const { payload, record } = await t!.service.invoke('ric-streams', event({ s: 1 }));
    expect(record).toMatchObject({ outcome: 'success', cold: true });
    expect(payload.toString('utf8')).toBe('streamed by ric: {"s":1}');
  });

  it('fails init with Runtime.HandlerNotFound posted by ric to /init/error', async () => {
    const { payload, record } = await t!.service.invoke('ric-missing', event({}));
    expect(record.outcome).toBe('init-error');
    expect(json(payload)).toMatchObject({ errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.nothing is undefined or not exported' });
    // The type arrives in ric's Lambda-Runtime-Function-Error-Type header, which INIT_REPORT shows.
    expect(t!.linesOf('ric-missing').some((l) => l.startsWith('INIT_REPORT ') && l.endsWith('Error Type: Runtime.HandlerNotFound'))).toBe(true);
  });
});
