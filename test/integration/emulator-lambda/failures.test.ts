/**
 * How environments fail, as Lambda reports it: the function timeout kills the environment, a runtime that exits
 * is replaced (Runtime.ExitError), memory over the memory size kills the process (Runtime.OutOfMemory, "signal:
 * killed"), an INIT over its limit is re-run inside the invoke under the function timeout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestService, event, fn, isAlive, json, type TestService } from './helpers.js';

describe('failing environments', () => {
  let t: TestService;
  let initLimited: TestService;

  beforeAll(async () => {
    t = createTestService(
      [
        fn('hangs', 'node-errors', 'index.hangs', { timeoutMs: 400 }),
        fn('exits', 'node-errors', 'index.exits'),
        fn('hogs', 'node-errors', 'index.hogs', { timeoutMs: 10_000 }),
        fn('crashes-later', 'node-errors', 'index.crashesLater'),
        fn('big', 'node-errors', 'index.big'),
        fn('pid', 'node-errors', 'index.pid'),
      ],
      {},
      // AWS's own INIT limit (10 s) here: a busy machine must not turn these cold starts into suppressed inits.
      { memoryCheckIntervalMs: 50 },
    );
    // INIT takes 400 ms; the on-demand INIT limit is lowered to 200 ms for these two only, to exercise Lambda's 10 s
    // rule: a slower machine only makes their INIT longer, so the rule applies however busy it is.
    initLimited = createTestService(
      [
        fn('init-over-limit', 'node-slow-init', 'index.handler', { environment: { INIT_SLEEP_MS: '400' } }),
        fn('init-over-limit-short-timeout', 'node-slow-init', 'index.handler', { environment: { INIT_SLEEP_MS: '400' }, timeoutMs: 250 }),
      ],
      {},
      { onDemandInitLimitMs: 200 },
    );
    await t.service.start();
  });

  afterAll(async () => {
    await t.service.close();
    await initLimited.service.close();
  });

  it('stops the runtime at the function timeout; the next invocation re-runs INIT in the same environment (suppressed init)', async () => {
    const timedOut = await t.service.invoke('hangs', event({}));
    expect(timedOut.record).toMatchObject({ outcome: 'timeout', functionError: 'Unhandled', cold: true });
    expect(timedOut.record.durationMs).toBeGreaterThanOrEqual(390);
    expect(timedOut.record.error).toEqual({ type: 'Sandbox.Timedout', message: json(timedOut.payload).errorMessage });
    expect(json(timedOut.payload).errorMessage).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ${timedOut.record.requestId} Task timed out after 0\\.40 seconds$`),
    );
    const lines = t.linesOf('hangs');
    expect(lines.some((l) => l.endsWith(`${timedOut.record.requestId} Task timed out after 0.40 seconds`))).toBe(true);
    const report = lines.find((l) => l.startsWith(`REPORT RequestId: ${timedOut.record.requestId}`)) as string;
    expect(report).toMatch(/\tInit Duration: \d+\.\d\d ms\tStatus: timeout$/);

    // Lambda resets the environment (coldstarts.md §3): the same one serves next, re-running INIT inside the invoke,
    // so its REPORT has no Init Duration and its Duration holds the init (here it times out again: the doom loop).
    const next = await t.service.invoke('hangs', event({}));
    expect(next.record).toMatchObject({ cold: true, environmentId: timedOut.record.environmentId, outcome: 'timeout' });
    expect(next.record.initMs).toBeUndefined();
    const nextReport = t.linesOf('hangs').find((l) => l.startsWith(`REPORT RequestId: ${next.record.requestId}`)) as string;
    expect(nextReport).not.toContain('Init Duration');
    expect(t.service.stats().environments).toBe(1);
  });

  it('reports a runtime that exits as Runtime.ExitError; the next invocation re-runs INIT in the same environment', async () => {
    const first = await t.service.invoke('exits', event({}));
    expect(first.record).toMatchObject({ outcome: 'crash', functionError: 'Unhandled' });
    expect(first.record.error).toEqual({ type: 'Runtime.ExitError', message: `RequestId: ${first.record.requestId} Error: Runtime exited with error: exit status 3` });
    expect(json(first.payload)).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${first.record.requestId} Error: Runtime exited with error: exit status 3`,
    });
    const lines = t.linesOf('exits');
    expect(lines).toContain(`RequestId: ${first.record.requestId} Error: Runtime exited with error: exit status 3`);
    expect(lines.find((l) => l.startsWith(`REPORT RequestId: ${first.record.requestId}`))).toMatch(/\tStatus: error\tError Type: Runtime\.ExitError$/);
    const second = await t.service.invoke('exits', event({}));
    expect(second.record).toMatchObject({ cold: true, environmentId: first.record.environmentId });
    expect(second.record.initMs).toBeUndefined();
  });

  it('kills a runtime whose memory goes over the memory size, as Lambda reports it', async () => {
    const { payload, record } = await t.service.invoke('hogs', event({}));
    expect(record).toMatchObject({ outcome: 'crash', functionError: 'Unhandled', error: { type: 'Runtime.OutOfMemory' } });
    expect(json(payload)).toEqual({
      errorType: 'Runtime.OutOfMemory',
      errorMessage: `RequestId: ${record.requestId} Error: Runtime exited with error: signal: killed`,
    });
    // Measured, not faked: the high-water mark went past the 128 MB the function has.
    expect(record.maxMemoryUsedMb).toBeGreaterThanOrEqual(128);
    expect(t.linesOf('hogs').find((l) => l.startsWith(`REPORT RequestId: ${record.requestId}`))).toMatch(/\tStatus: error\tError Type: Runtime\.OutOfMemory$/);
  });

  it('replaces a runtime that crashes after answering, and the next invocation still succeeds', async () => {
    const answered = await t.service.invoke('crashes-later', event({}));
    expect(json(answered.payload)).toBe('answered');
    await new Promise((resolve) => setTimeout(resolve, 150));
    const next = await t.service.invoke('crashes-later', event({}));
    expect(next.record.outcome).toBe('success');
    expect(next.record.cold).toBe(true);
    expect(next.record.environmentId).not.toBe(answered.record.environmentId);
  });

  it('turns a response over 6 MB into Function.ResponseSizeTooLarge', async () => {
    const { payload, record } = await t.service.invoke('big', event({}));
    expect(record).toMatchObject({ outcome: 'function-error', functionError: 'Unhandled', error: { type: 'Function.ResponseSizeTooLarge' } });
    expect(json(payload)).toEqual({
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
      errorType: 'Function.ResponseSizeTooLarge',
    });
  });

  it('re-runs an INIT that exceeds its limit inside the invoke (suppressed init), under the function timeout', async () => {
    const { payload, record } = await initLimited.service.invoke('init-over-limit', event({}));
    expect(record.outcome).toBe('success');
    expect(json(payload).initSleepMs).toBe(400);
    expect(record.cold).toBe(true);
    // No Init Duration of its own: the re-run init is inside Duration.
    expect(record.initMs).toBeUndefined();
    expect(record.durationMs).toBeGreaterThanOrEqual(400);
    const lines = initLimited.linesOf('init-over-limit');
    // Billed as AWS bills a suppressed init: no INIT part of its own, the re-run init is inside Duration.
    expect(record.billedMs).toBe(Math.ceil(record.durationMs));
    expect(lines.some((l) => /^INIT_REPORT Init Duration: \d+\.\d\d ms\tPhase: init\tStatus: timeout$/.test(l))).toBe(true);
    expect(lines.find((l) => l.startsWith(`REPORT RequestId: ${record.requestId}`))).not.toContain('Init Duration');

    const short = await initLimited.service.invoke('init-over-limit-short-timeout', event({}));
    expect(short.record.outcome).toBe('timeout');
    expect(json(short.payload).errorMessage).toMatch(/Task timed out after 0\.25 seconds$/);
    expect(initLimited.linesOf('init-over-limit-short-timeout').some((l) => /^INIT_REPORT Init Duration: \d+\.\d\d ms\tPhase: invoke\tStatus: timeout$/.test(l))).toBe(true);

    // The doom loop (coldstarts.md section 3): the environment is reset, not replaced; each next invocation re-runs
    // INIT in it under the function timeout and times out again.
    const again = await initLimited.service.invoke('init-over-limit-short-timeout', event({}));
    expect(again.record).toMatchObject({ outcome: 'timeout', cold: true, environmentId: short.record.environmentId });
    const invokePhaseReports = initLimited.linesOf('init-over-limit-short-timeout').filter((l) => /^INIT_REPORT .*\tPhase: invoke\tStatus: timeout$/.test(l));
    expect(invokePhaseReports).toHaveLength(2);
  });

  it('leaves no runtime process behind after close()', async () => {
    const pids = [];
    for (let i = 0; i < 3; i++) pids.push(json((await t.service.invoke('pid', event({}))).payload).pid as number);
    expect(pids.every(isAlive)).toBe(true);
    await t.service.close();
    expect(pids.filter(isAlive)).toEqual([]);
    expect(t.service.stats().environments).toBe(0);
  });
});
