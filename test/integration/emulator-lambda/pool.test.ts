/**
 * The pool under Lambda's rules: concurrent invocations get separate environments (cold starts), reserved and
 * account concurrency throttle with the right Reason, provisioned environments are initialised before traffic and
 * serve warm, idle environments are reclaimed, old ones retired, the `aws` profile adds a measured init delay, and a
 * caller that stops waiting leaves the function running.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sampleAwsInitMs } from '../../../src/emulator/lambda/coldstart-profile.js';
import { createTestService, event, fn, isAlive, json, type TestService } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('environment pool', () => {
  let t: TestService | undefined;
  afterEach(async () => {
    await t?.service.close();
    t = undefined;
  });

  it('starts one environment per concurrent invocation, then reuses them warm', async () => {
    t = createTestService([fn('sleep', 'node-esm', 'index.sleep')]);
    const burst = await Promise.all([1, 2, 3, 4].map(() => t!.service.invoke('sleep', event({ ms: 300 }))));
    const pids = new Set(burst.map((r) => json(r.payload).pid));
    expect(pids.size).toBe(4);
    expect(burst.every((r) => r.record.cold)).toBe(true);
    expect(new Set(burst.map((r) => r.record.environmentId)).size).toBe(4);
    expect(t.service.stats()).toMatchObject({ environments: 4, idle: 4, busy: 0, coldStarts: 4, throttles: 0 });

    const again = await Promise.all([1, 2].map(() => t!.service.invoke('sleep', event({ ms: 50 }))));
    expect(again.every((r) => !r.record.cold)).toBe(true);
    expect(again.every((r) => pids.has(json(r.payload).pid))).toBe(true);
    expect(t.service.stats().coldStarts).toBe(4);
  });

  it('throttles beyond reserved concurrency with ReservedFunctionConcurrentInvocationLimitExceeded', async () => {
    t = createTestService([fn('reserved', 'node-esm', 'index.sleep', { reservedConcurrency: 2 }), fn('never', 'node-esm', 'index.handler', { reservedConcurrency: 0 })]);
    const results = await Promise.all([1, 2, 3, 4].map(() => t!.service.invoke('reserved', event({ ms: 300 }))));
    const throttled = results.filter((r) => r.record.outcome === 'throttled');
    expect(throttled).toHaveLength(2);
    for (const r of throttled) {
      expect(r.record.throttleReason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
      expect(r.record.environmentId).toBeUndefined();
      expect(r.record.billedMs).toBe(0);
      expect(json(r.payload)).toEqual({ Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', Type: 'User', message: 'Rate Exceeded.' });
    }
    expect(results.filter((r) => r.record.outcome === 'success')).toHaveLength(2);
    expect(t.service.stats()).toMatchObject({ environments: 2, throttles: 2 });
    // Reserved concurrency 0 stops a function entirely.
    expect((await t.service.invoke('never', event({}))).record.throttleReason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
    // Throttled invocations are records too, and no START/REPORT was written for them.
    expect(t.service.recentRecords().records.filter((r) => r.outcome === 'throttled')).toHaveLength(3);
    expect(t.service.totals().functions.map((f) => [f.functionName, f.outcomes.throttled, f.throttleReasons])).toEqual(
      expect.arrayContaining([['never', 1, { ReservedFunctionConcurrentInvocationLimitExceeded: 1 }]]),
    );
    // Counted in flight from admission to completion: never more than the reserved 2.
    expect(t.service.totals().concurrency).toMatchObject({ peak: 2, byFunction: { reserved: 2 } });
    expect(t.linesOf('never')).toEqual([]);
  });

  it('throttles unreserved functions at the account limit with ConcurrentInvocationLimitExceeded', async () => {
    t = createTestService([fn('a', 'node-esm', 'index.sleep'), fn('b', 'node-esm', 'index.sleep'), fn('r', 'node-esm', 'index.sleep', { reservedConcurrency: 1 })], {
      accountConcurrency: 3,
    });
    // 3 − 1 reserved = 2 for the unreserved functions together.
    const results = await Promise.all([
      t.service.invoke('a', event({ ms: 300 })),
      t.service.invoke('b', event({ ms: 300 })),
      t.service.invoke('a', event({ ms: 300 })),
      t.service.invoke('r', event({ ms: 300 })),
    ]);
    expect(results.map((r) => r.record.outcome)).toEqual(['success', 'success', 'throttled', 'success']);
    expect(results[2].record.throttleReason).toBe('ConcurrentInvocationLimitExceeded');
  });

  it('initialises provisioned environments in start() and serves from them warm, without billing INIT', async () => {
    t = createTestService([fn('pc', 'node-esm', 'index.handler', { provisionedConcurrency: 2, reservedConcurrency: 3 })]);
    await t.service.start();
    expect(t.service.stats()).toMatchObject({ environments: 2, idle: 2, coldStarts: 0 });
    expect(t.linesOf('pc').filter((l) => l.startsWith('INIT_START'))).toHaveLength(2);

    const [a, b] = await Promise.all([t.service.invoke('pc', event({})), t.service.invoke('pc', event({}))]);
    for (const r of [a, b]) {
      expect(r.record).toMatchObject({ cold: false, provisioned: true, outcome: 'success' });
      expect(r.record.initMs).toBeUndefined();
      expect(r.record.billedMs).toBe(Math.max(1, Math.ceil(Math.round(r.record.durationMs * 100) / 100 - 1e-9)));
      expect(json(r.payload).echo).toEqual({});
    }
    // A third at once spills over to an on-demand environment: a cold start.
    const spill = await Promise.all([1, 2, 3].map(() => t!.service.invoke('pc', event({}))));
    expect(spill.filter((r) => r.record.provisioned)).toHaveLength(2);
    expect(spill.filter((r) => !r.record.provisioned && r.record.cold)).toHaveLength(1);
  });

  it('replaces a provisioned environment whose runtime crashed, in the background', async () => {
    t = createTestService([fn('pc-crash', 'node-errors', 'index.exits', { provisionedConcurrency: 1 })]);
    await t.service.start();
    const crashed = await t.service.invoke('pc-crash', event({}));
    expect(crashed.record).toMatchObject({ provisioned: true, outcome: 'crash' });
    for (let i = 0; i < 100 && t.service.stats().idle === 0; i++) await sleep(20);
    expect(t.service.stats()).toMatchObject({ environments: 1, idle: 1, coldStarts: 0 });
    const next = await t.service.invoke('pc-crash', event({}));
    expect(next.record).toMatchObject({ provisioned: true, cold: false });
    expect(next.record.environmentId).not.toBe(crashed.record.environmentId);
  });

  it('reclaims idle environments after idleTimeoutMs, so the next invocation is cold', async () => {
    t = createTestService([fn('idle', 'node-esm', 'index.handler')], { idleTimeoutMs: 300 });
    const first = await t.service.invoke('idle', event({}));
    const pid = json(first.payload).pid as number;
    expect(t.service.stats().environments).toBe(1);
    await sleep(700);
    expect(t.service.stats().environments).toBe(0);
    expect(isAlive(pid)).toBe(false);
    const next = await t.service.invoke('idle', event({}));
    expect(next.record.cold).toBe(true);
  });

  it('retires an environment after maxLifetimeMs', async () => {
    t = createTestService([fn('old', 'node-esm', 'index.handler')], { maxLifetimeMs: 1_000 });
    const first = await t.service.invoke('old', event({}));
    const warm = await t.service.invoke('old', event({}));
    expect(warm.record.cold).toBe(false);
    await sleep(1_300);
    const next = await t.service.invoke('old', event({}));
    expect(next.record.cold).toBe(true);
    expect(next.record.environmentId).not.toBe(first.record.environmentId);
  });

  it('adds a delay drawn from measured AWS init durations under the aws profile', async () => {
    t = createTestService([fn('aws', 'node-esm', 'index.handler', { runtime: 'nodejs22.x', architecture: 'x86_64' })], { coldStartProfile: 'aws' }, { random: () => 0.5 });
    const cold = await t.service.invoke('aws', event({}));
    const expected = sampleAwsInitMs('nodejs22.x', 'x86_64', 0.5);
    expect(cold.record.simulatedInitMs).toBeCloseTo(expected, 6);
    expect(cold.record.initMs).toBeGreaterThan(expected);
    const report = t.linesOf('aws').find((l) => l.startsWith(`REPORT RequestId: ${cold.record.requestId}`)) as string;
    expect(Number(/Init Duration: (\d+\.\d\d) ms/.exec(report)?.[1])).toBeCloseTo(cold.record.initMs as number, 1);
    const warm = await t.service.invoke('aws', event({}));
    expect(warm.record.simulatedInitMs).toBeUndefined();
  });

  it('stops waiting at waitTimeoutMs while the function runs on, and records it when it ends', async () => {
    const { service } = (t = createTestService([fn('slow', 'node-esm', 'index.sleep')]));
    const early = await service.invoke('slow', event({ ms: 600 }), { waitTimeoutMs: 150 });
    expect(early.waitTimedOut).toBe(true);
    expect(early.record.cold).toBe(true);
    const records = () => service.recentRecords().records;
    expect(records()).toHaveLength(0);
    expect(service.totals().functions).toEqual([]);
    for (let i = 0; i < 150 && records().length === 0; i++) await sleep(20);
    expect(records()).toHaveLength(1);
    expect(records()[0]).toMatchObject({ requestId: early.record.requestId, outcome: 'success' });
    expect(service.totals().functions[0]).toMatchObject({ functionName: 'slow', invocations: 1, outcomes: { success: 1 } });
  });
});
