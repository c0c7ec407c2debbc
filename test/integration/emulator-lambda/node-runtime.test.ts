/**
 * The Node.js runtime as a function sees it: CommonJS, ESM and callback handlers in real runtime processes over
 * the Runtime API; cold then warm; the context object and environment variables Lambda sets; AWS's error shapes;
 * START / END / REPORT lines; memory measured from the process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestService, event, fn, isAlive, json, REPORT_LINE, type TestService } from './helpers.js';

describe('Node.js runtime', () => {
  let t: TestService;
  const pids = new Set<number>();

  beforeAll(async () => {
    t = createTestService(
      [
        fn('cjs', 'node-cjs', 'index.handler', { environment: { CUSTOM_VAR: 'custom', AWS_REGION: 'eu-west-9' } }),
        fn('nested', 'node-cjs', 'index.nested.handler'),
        fn('esm', 'node-esm', 'index.handler'),
        fn('post-echo', 'node-callback', 'index.handler'),
        fn('waits', 'node-callback', 'index.waits'),
        fn('no-wait', 'node-callback', 'index.noWait'),
        fn('cb-fails', 'node-callback', 'index.fails'),
        fn('throws', 'node-errors', 'index.throws'),
        fn('slow-init', 'node-slow-init', 'index.handler', { environment: { INIT_SLEEP_MS: '400' } }),
        fn('bad-import', 'node-bad-import', 'index.handler'),
        fn('not-a-function', 'node-errors', 'index.notAFunction'),
        fn('missing-export', 'node-errors', 'index.nothingHere'),
      ],
      { invokeEndpointUrl: 'http://127.0.0.1:9' },
    );
    await t.service.start();
  });

  afterAll(async () => {
    await t.service.close();
    for (const pid of pids) expect(isAlive(pid), `runtime process ${pid} left behind`).toBe(false);
  });

  it('runs a CommonJS handler cold, then warm in the same environment', async () => {
    const first = await t.service.invoke('cjs', event({ n: 1 }));
    const second = await t.service.invoke('cjs', event({ n: 2 }));
    const a = json(first.payload);
    const b = json(second.payload);
    pids.add(a.pid);

    expect(a.kind).toBe('cjs');
    expect(a.event).toEqual({ n: 1 });
    expect(first.record).toMatchObject({ functionName: 'cjs', cold: true, provisioned: false, outcome: 'success' });
    expect(first.record.initMs).toBeGreaterThan(0);
    expect(second.record).toMatchObject({ cold: false, outcome: 'success', environmentId: first.record.environmentId });
    expect(second.record.initMs).toBeUndefined();
    // Same process: the module-level state survived.
    expect(b.pid).toBe(a.pid);
    expect(b.startedAt).toBe(a.startedAt);
    // Billed Duration includes INIT on the on-demand cold start only (billed since 2025-08-01).
    expect(first.record.billedMs).toBe(Math.ceil(Math.round(first.record.durationMs * 100) / 100 + Math.round((first.record.initMs ?? 0) * 100) / 100 - 1e-9));
    expect(second.record.billedMs).toBe(Math.max(1, Math.ceil(Math.round(second.record.durationMs * 100) / 100 - 1e-9)));
  });

  it('gives the handler the context object and the environment Lambda sets', async () => {
    const { payload, record } = await t.service.invoke('cjs', event({}), { clientContext: Buffer.from('{"custom":{"foo":"bar"}}').toString('base64') });
    const seen = json(payload);
    expect(seen.context).toMatchObject({
      awsRequestId: record.requestId,
      functionName: 'cjs',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:012345678912:function:cjs',
      memoryLimitInMB: '128',
      logGroupName: '/aws/lambda/cjs',
      callbackWaitsForEmptyEventLoop: true,
      clientContext: { custom: { foo: 'bar' } },
    });
    expect(seen.context.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(seen.context.remainingMs).toBeGreaterThan(2_000);
    expect(seen.context.remainingMs).toBeLessThanOrEqual(3_000);
    expect(seen.env).toMatchObject({
      AWS_LAMBDA_FUNCTION_NAME: 'cjs',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      _HANDLER: 'index.handler',
      // Reserved: the function's own AWS_REGION does not override it.
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/cjs',
      TZ: ':UTC',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_ENDPOINT_URL_LAMBDA: 'http://127.0.0.1:9',
      CUSTOM_VAR: 'custom',
    });
    expect(seen.env.LAMBDA_TASK_ROOT).toMatch(/fixtures\/functions\/node-cjs$/);
    expect(seen.env.AWS_LAMBDA_RUNTIME_API).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(seen.env.AWS_LAMBDA_LOG_STREAM_NAME).toBe(seen.context.logStreamName);
    expect(seen.env.AWS_ACCESS_KEY_ID).toBeTruthy();
    expect(seen.env.AWS_SECRET_ACCESS_KEY).toBeTruthy();
    expect(seen.env.AWS_SESSION_TOKEN).toBeTruthy();
    expect(seen.env._X_AMZN_TRACE_ID).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    // lambdaload's own environment does not leak into the function.
    expect(seen.env.NODE_OPTIONS).toBeUndefined();
    expect(seen.env.NODE_EXTRA_CA_CERTS).toBeUndefined();
  });

  it('resolves nested handler paths', async () => {
    const { payload } = await t.service.invoke('nested', event({}));
    expect(json(payload)).toBe('nested ok');
  });

  it('runs an ES module handler and writes its console output in the Lambda log format', async () => {
    const { payload, record } = await t.service.invoke('esm', event({ hello: 'esm' }));
    pids.add(json(payload).pid);
    expect(json(payload)).toMatchObject({ kind: 'esm', requestId: record.requestId, echo: { hello: 'esm' } });
    const lines = t.linesOf('esm');
    const ownLine = lines.find((l) => l.includes('line one'));
    // `<ISO time>\t<request id>\tINFO\t<message>`, newlines turned into \r so one call is one line.
    expect(ownLine).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t${record.requestId}\\tINFO\\tline one\\rline two$`));
    expect(lines.some((l) => l.endsWith(`${record.requestId}\tERROR\tto stderr via console.error`))).toBe(true);
  });

  it('writes START, END and REPORT in AWS format around each invocation, with real memory figures', async () => {
    const { record } = await t.service.invoke('esm', event({}));
    const lines = t.linesOf('esm');
    const start = lines.indexOf(`START RequestId: ${record.requestId} Version: $LATEST`);
    const end = lines.indexOf(`END RequestId: ${record.requestId}`);
    const report = lines.find((l) => l.startsWith(`REPORT RequestId: ${record.requestId}`)) as string;
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    expect(lines.indexOf(report)).toBe(end + 1);
    const m = REPORT_LINE.exec(report);
    expect(m, report).not.toBeNull();
    expect(Number(m?.[2])).toBeCloseTo(record.durationMs, 1);
    expect(Number(m?.[3])).toBe(record.billedMs);
    expect(Number(m?.[4])).toBe(128);
    expect(Number(m?.[5])).toBe(record.maxMemoryUsedMb);
    // Warm: no Init Duration.
    expect(m?.[6]).toBeUndefined();
    // Measured from the process (a Node.js runtime holds tens of MB), never the memory size.
    expect(record.maxMemoryUsedMb).toBeGreaterThan(10);
    expect(record.maxMemoryUsedMb).toBeLessThan(128);
    // The cold start's REPORT carries Init Duration.
    const coldReport = lines.find((l) => REPORT_LINE.exec(l)?.[6] !== undefined);
    expect(coldReport).toBeDefined();
  });

  it('answers a callback handler with its callback value (the post-echo handler)', async () => {
    const { payload } = await t.service.invoke('post-echo', event({ val01: 'hi' }));
    expect(json(payload)).toBe('success lambda api test: hi');
  });

  it('waits for an empty event loop after the callback unless the handler says not to', async () => {
    await t.service.invoke('waits', event({}));
    // The 150 ms timer the first call left behind ran before the response went out.
    const first = await t.service.invoke('waits', event({}));
    expect(json(first.payload)).toEqual({ finishedTimers: 1, waits: true });
    expect(first.record.durationMs).toBeGreaterThanOrEqual(140);
    // callbackWaitsForEmptyEventLoop = false: the answer does not wait for the 2 s timer.
    const noWait = await t.service.invoke('no-wait', event({ ms: 2_000 }));
    expect(noWait.record.durationMs).toBeLessThan(2_000);
  });

  it('reports a callback error and a thrown error as AWS does: Unhandled, {errorType, errorMessage, trace}', async () => {
    const cb = await t.service.invoke('cb-fails', event({}));
    expect(cb.record).toMatchObject({ outcome: 'function-error', functionError: 'Unhandled' });
    expect(json(cb.payload)).toMatchObject({ errorType: 'TypeError', errorMessage: 'callback failure' });

    const thrown = await t.service.invoke('throws', event({}));
    const body = json(thrown.payload);
    expect(body.errorType).toBe('Error');
    expect(body.errorMessage).toBe('boom');
    expect(body.trace[0]).toBe('Error: boom');
    expect(thrown.record).toMatchObject({ outcome: 'function-error', functionError: 'Unhandled' });
    // The record keeps the type and message (not the trace) for the run's error table.
    expect(cb.record.error).toEqual({ type: 'TypeError', message: 'callback failure' });
    expect(thrown.record.error).toEqual({ type: 'Error', message: 'boom' });
    // A handler error does not cost the environment.
    const again = await t.service.invoke('throws', event({}));
    expect(again.record.cold).toBe(false);
    expect(again.record.environmentId).toBe(thrown.record.environmentId);
  });

  it('measures a slow static init as Init Duration', async () => {
    const { payload, record } = await t.service.invoke('slow-init', event({}));
    pids.add(json(payload).pid);
    expect(record.cold).toBe(true);
    expect(record.initMs).toBeGreaterThanOrEqual(400);
    expect(record.durationMs).toBeLessThan(record.initMs as number);
  });

  it('fails init with Runtime.ImportModuleError and Runtime.HandlerNotFound as the Node.js runtime reports them', async () => {
    const bad = await t.service.invoke('bad-import', event({}));
    expect(bad.record).toMatchObject({ outcome: 'init-error', functionError: 'Unhandled', cold: true });
    const badBody = json(bad.payload);
    expect(badBody.errorType).toBe('Runtime.ImportModuleError');
    expect(badBody.errorMessage).toContain('lambdaload-no-such-package');
    expect(bad.record.error).toEqual({ type: 'Runtime.ImportModuleError', message: badBody.errorMessage });
    const lines = t.linesOf('bad-import');
    expect(lines).toContain(lines.find((l) => /^INIT_REPORT Init Duration: \d+\.\d\d ms\tPhase: init\tStatus: error\tError Type: Runtime\.ImportModuleError$/.test(l)));
    expect(lines.some((l) => l.startsWith(`REPORT RequestId: ${bad.record.requestId}`) && l.endsWith('\tStatus: error\tError Type: Runtime.ImportModuleError'))).toBe(true);

    const notFnResult = await t.service.invoke('not-a-function', event({}));
    const notFn = json(notFnResult.payload);
    expect(notFn).toMatchObject({ errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.notAFunction is not a function' });
    expect(notFnResult.record.error).toEqual({ type: 'Runtime.HandlerNotFound', message: 'index.notAFunction is not a function' });
    // The totals count each function's error types with the first message.
    const badTotals = t.service.totals().functions.find((f) => f.functionName === 'bad-import');
    expect(badTotals?.errorTypes?.['Runtime.ImportModuleError']).toEqual({ count: 1, example: badBody.errorMessage });
    const missing = json((await t.service.invoke('missing-export', event({}))).payload);
    expect(missing).toMatchObject({ errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.nothingHere is undefined or not exported' });
  });
});
