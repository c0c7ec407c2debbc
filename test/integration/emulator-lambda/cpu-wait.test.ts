/**
 * Time a function's code waits for the host's CPU (cpu-wait.ts) is the host's, not the function's: it is kept out of
 * Duration, the timeout is deferred by it, and the record says how long it was. Busy processes beside the handler
 * make the wait happen on any machine; Linux only (the figure comes from /proc/<pid>/schedstat).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { lambdaCpus, openCgroups } from '../../../src/emulator/lambda/cgroup.js';
import { createTestService, event, fn, type TestService } from './helpers.js';

const probe = openCgroups(`lambdaload-probe-${process.pid}`);
await probe.close();
const cgroups = probe.support.available;

const available = existsSync('/proc/self/schedstat');
if (!available) console.warn('cpu-wait.test.ts skipped: no /proc/<pid>/schedstat on this host');

describe.runIf(available)('waiting for the host CPU', () => {
  let t: TestService | undefined;
  const hogs: ChildProcess[] = [];
  afterEach(async () => {
    for (const hog of hogs.splice(0)) hog.kill('SIGKILL');
    await t?.service.close();
    t = undefined;
  });

  /** Twice as many busy processes as cores, plus one, each in a session of its own (see below). */
  async function startHogs(): Promise<void> {
    for (let i = 0; i <= 2 * availableParallelism(); i++) hogs.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore', detached: true }));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  it.runIf(cgroups)("under the memory size's CPU share, keeps the share's own throttle in Duration and only the host's wait out", async () => {
    const cpuMs = 60;
    const memoryMb = 512;
    const lambdaMs = cpuMs / lambdaCpus(memoryMb); // about 208 ms at 0.29 of a CPU, as on Lambda
    t = createTestService([fn('spender', 'node-cpu', 'index.spend', { timeoutMs: 3_000, memoryMb, cpu: 'aws' })]);
    expect((await t.service.invoke('spender', event({ cpuMs: 1 }))).record.outcome).toBe('success');
    await startHogs();
    const { record } = await t.service.invoke('spender', event({ cpuMs }));
    expect(record.outcome).toBe('success');
    expect(record.cpuWaitMs).toBeGreaterThan(0);
    // The share's throttle stays: Duration is about CPU ÷ share, not the CPU alone nor the host-slowed wall time.
    expect(record.durationMs).toBeGreaterThan(0.7 * lambdaMs);
    expect(record.durationMs).toBeLessThan(1.6 * lambdaMs);
  }, 30_000);

  it('leaves the wait out of Duration and defers the timeout by it', async () => {
    const cpuMs = 400;
    const timeoutMs = 700;
    t = createTestService([fn('spender', 'node-cpu', 'index.spend', { timeoutMs })]);
    // Warm the environment first: this test is about the invoke, not INIT.
    expect((await t.service.invoke('spender', event({ cpuMs: 1 }))).record.outcome).toBe('success');
    // Twice as many busy processes as cores, plus one, each in a session of its own (the kernel's autogroups weigh
    // a session's processes together, so hogs started in one session would weigh as one): the handler gets about a
    // third of a CPU, so 400 ms of its own CPU take over `timeoutMs` of wall time.
    await startHogs();
    const startedAt = performance.now();
    const result = await t.service.invoke('spender', event({ cpuMs }));
    const wallMs = performance.now() - startedAt;
    const { record } = result;
    expect(wallMs).toBeGreaterThan(timeoutMs);
    expect(record.outcome).toBe('success');
    expect(record.cpuWaitMs).toBeGreaterThan(100);
    // Duration is the handler's own time: its CPU and little else, never the time it waited.
    expect(record.durationMs).toBeLessThan(timeoutMs);
    expect(record.durationMs + record.cpuWaitMs!).toBeLessThanOrEqual(wallMs + 1);
    expect(wallMs).toBeGreaterThan(record.durationMs + 100);
    const report = t.linesOf('spender').find((l) => l.startsWith(`REPORT RequestId: ${record.requestId}`));
    expect(report).toContain(`Duration: ${record.durationMs.toFixed(2)} ms`);
  }, 30_000);

  it("leaves the wait out of Init Duration and defers the INIT limit by it", async () => {
    const initLimitMs = 800;
    t = createTestService([fn('slow-init', 'node-cpu', 'init-spend.handler', { environment: { INIT_CPU_MS: '350' } })], {}, { onDemandInitLimitMs: initLimitMs });
    await startHogs();
    const startedAt = performance.now();
    const { record } = await t.service.invoke('slow-init', event({}));
    const wallMs = performance.now() - startedAt;
    // The busy processes stretch 350 ms of INIT's own CPU (and Node's start-up) past the limit in wall time.
    expect(wallMs).toBeGreaterThan(initLimitMs);
    expect(record.outcome).toBe('success');
    expect(record.cold).toBe(true);
    expect(record.cpuWaitMs).toBeGreaterThan(100);
    expect(record.initBreakdown?.functionInitMs).toBeLessThan(initLimitMs);
  }, 30_000);
});
