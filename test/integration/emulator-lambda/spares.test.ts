/**
 * Spare runtime processes (spares.ts): started before traffic up to their bootstrap, without running user code; a
 * cold start takes one, runs only the function's own init in it, and reports the runtime's reference boot plus that
 * init; cold starts that find none ready wait for the next (reported as hostWaitMs); the service's concurrency rules
 * are unchanged; `close()` stops every spare.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runtimesOf } from '../../support/processes.js';
import { createTestService, event, fn, json, type TestService } from './helpers.js';

describe('spare runtime processes', () => {
  let t: TestService | undefined;
  afterEach(async () => {
    await t?.service.close();
    t = undefined;
  });

  it('starts spares before traffic without running the function, then serves a cold start from one', async () => {
    // node-slow-init sleeps INIT_SLEEP_MS at import: a spare that had loaded it would serve in well under that.
    t = createTestService([fn('slow', 'node-slow-init', 'index.handler', { environment: { INIT_SLEEP_MS: '300' } })], { spareRuntimes: 2 });
    await t.service.start();
    const spares = await runtimesOf(process.pid);
    expect(spares).toHaveLength(2);
    expect(t.service.stats()).toMatchObject({ environments: 0, coldStarts: 0 });
    // No INIT ran: Lambda's INIT_START is written when a cold start takes the process.
    expect(t.linesOf('slow').filter((l) => l.startsWith('INIT_START'))).toHaveLength(0);

    const r = await t.service.invoke('slow', event({}));
    expect(r.record.cold).toBe(true);
    expect(spares.map((p) => p.pid)).toContain(json(r.payload).pid);
    const parts = r.record.initBreakdown!;
    expect(parts.runtimeStart).toBe('measured');
    expect(parts.functionInitMs).toBeGreaterThanOrEqual(300);
    expect(parts.runtimeStartMs).toBeGreaterThan(0);
    expect(r.record.initMs).toBeCloseTo(parts.runtimeStartMs + parts.functionInitMs, 6);
    expect(parts.hostWaitMs).toBe(0);
    // The REPORT line carries the whole Init Duration.
    const report = t.linesOf('slow').find((l) => l.startsWith('REPORT'))!;
    expect(report).toContain(`Init Duration: ${r.record.initMs!.toFixed(2)} ms`);
  });

  it('refills in the background: the next cold start gets a fresh process, the warm one is reused', async () => {
    t = createTestService([fn('sleep', 'node-esm', 'index.sleep')], { spareRuntimes: 1 });
    await t.service.start();
    const burst = await Promise.all([1, 2, 3].map(() => t!.service.invoke('sleep', event({ ms: 200 }))));
    expect(burst.every((r) => r.record.cold)).toBe(true);
    expect(new Set(burst.map((r) => json(r.payload).pid)).size).toBe(3);
    // One spare was ready; the two others waited for start-ups (only the wait beyond the boot counts as host wait).
    expect(burst.every((r) => r.record.initBreakdown?.runtimeStart === 'measured')).toBe(true);
    expect(burst.every((r) => (r.record.initBreakdown?.hostWaitMs ?? -1) >= 0)).toBe(true);
    const warm = await t.service.invoke('sleep', event({ ms: 1 }));
    expect(warm.record.cold).toBe(false);
    expect(t.service.stats()).toMatchObject({ environments: 3, coldStarts: 3 });
    // Spares are not environments: AWS would not count them, and neither does the pool.
    await waitFor(async () => (await runtimesOf(process.pid)).length === 4);
    expect(t.service.stats().environments).toBe(3);
  });

  it('gives a Python function spares too, and its init errors are reported as before', async () => {
    t = createTestService(
      [fn('py', 'python', 'app.handler', { runtime: 'python3.12' }), fn('broken', 'python', 'missing.handler', { runtime: 'python3.12' })],
      { spareRuntimes: 1 },
    );
    await t.service.start();
    expect(await runtimesOf(process.pid)).toHaveLength(2);
    const ok = await t.service.invoke('py', event({ name: 'x' }));
    expect(ok.record.outcome).toBe('success');
    expect(ok.record.initBreakdown?.runtimeStart).toBe('measured');
    const bad = await t.service.invoke('broken', event({}));
    expect(bad.record.outcome).toBe('init-error');
    expect(json(bad.payload).errorType).toBe('Runtime.ImportModuleError');
  });

  it('keeps custom runtimes on demand: their bootstrap is the function itself', async () => {
    t = createTestService([fn('bash', 'provided-bash', 'function.handler', { runtime: 'provided.al2023' })], { spareRuntimes: 2 });
    await t.service.start();
    const r = await t.service.invoke('bash', event({}));
    expect(r.record.cold).toBe(true);
    expect(r.record.initBreakdown?.runtimeStart).toBe('included');
    expect(r.record.initBreakdown?.hostWaitMs).toBeUndefined();
  });

  it('stops every spare at close()', async () => {
    t = createTestService([fn('a', 'node-esm', 'index.handler'), fn('b', 'node-cjs', 'index.handler')], { spareRuntimes: 2 });
    await t.service.start();
    expect(await runtimesOf(process.pid)).toHaveLength(4);
    await t.service.close();
    t = undefined;
    expect(await runtimesOf(process.pid)).toHaveLength(0);
  });
});

async function waitFor(check: () => Promise<boolean>, limitMs = 20_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
