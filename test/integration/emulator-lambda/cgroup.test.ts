/**
 * Environments in control groups (cgroup.ts): the memory size's CPU share on invocations (not on INIT), the memory
 * limit enforced by the kernel and reported as Lambda reports it, nothing left behind. Needs a host where lambdaload
 * can create control groups (root, or a delegated subtree): skipped elsewhere, with the reason printed. CI runs as
 * root and sets LAMBDALOAD_REQUIRE_CGROUPS=1, so there a missing cgroup fails instead of skipping.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cfsPeriodUs, lambdaCpus, openCgroups } from '../../../src/emulator/lambda/cgroup.js';
import { createTestService, event, fn, json, type TestService } from './helpers.js';

const probe = openCgroups(`lambdaload-probe-${process.pid}`);
await probe.close();
const available = probe.support.available;
if (!available) {
  const reason = probe.support.available ? '' : probe.support.reason;
  if (process.env.LAMBDALOAD_REQUIRE_CGROUPS === '1') throw new Error(`control groups are required here but unavailable: ${reason}`);
  console.warn(`cgroup.test.ts skipped: ${reason}`);
}

/** The folder of an environment's group in the v1 `cpu` hierarchy (or the v2 tree). */
function groupDir(controller: 'cpu' | 'memory', environmentId: string): string {
  const root = probe.support.available && probe.support.version === 'v1' ? `/sys/fs/cgroup/${controller}` : '/sys/fs/cgroup';
  const found = findDir(root, environmentId, 6);
  if (!found) throw new Error(`no control group named ${environmentId} under ${root}`);
  return found;
}

function findDir(dir: string, name: string, depth: number): string | undefined {
  if (depth < 0) return undefined;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    if (entry.name === name) return path.join(dir, entry.name);
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || !(entry.name.startsWith('lambdaload-') || depth > 4)) continue;
    const found = findDir(path.join(dir, entry.name), name, depth - 1);
    if (found) return found;
  }
  return undefined;
}

function read(file: string): string {
  return readFileSync(file, 'utf8').trim();
}

describe.runIf(available)('environments in control groups', () => {
  let t: TestService | undefined;
  afterEach(async () => {
    await t?.service.close();
    t = undefined;
  });

  it("runs invocations at the memory size's CPU share, INIT without it", async () => {
    t = createTestService([fn('small', 'node-cpu', 'index.handler', { memoryMb: 128, cpu: 'aws' }), fn('host', 'node-cpu', 'index.handler', { memoryMb: 128, cpu: 'host' })]);
    const small = await t.service.invoke('small', event({ rounds: 3_000 }));
    expect(small.record.outcome).toBe('success');
    const cpuDir = groupDir('cpu', small.record.environmentId!);
    // 128 / 1,769 of a CPU: the kernel's minimum 1 ms quota in every 13.8 ms period.
    const periodUs = cfsPeriodUs(lambdaCpus(128));
    expect(periodUs).toBe(13_821);
    expect(Number(read(path.join(cpuDir, 'cpu.cfs_quota_us')))).toBe(Math.round(lambdaCpus(128) * periodUs));
    expect(Number(read(path.join(cpuDir, 'cpu.cfs_period_us')))).toBe(periodUs);
    expect(read(path.join(cpuDir, 'cgroup.procs')).split('\n')).toContain(String(json(small.payload).pid));
    // Thousands of hash rounds need more than 1.4 ms of CPU: the kernel held the runtime back at least once.
    const throttled = /^(?:nr_throttled) (\d+)$/m.exec(read(path.join(cpuDir, 'cpu.stat')));
    expect(Number(throttled?.[1])).toBeGreaterThan(0);

    const host = await t.service.invoke('host', event({ rounds: 10 }));
    const hostDir = groupDir('cpu', host.record.environmentId!);
    expect(read(path.join(hostDir, 'cpu.cfs_quota_us'))).toBe('-1');
  });

  it('ends an invocation that allocates past the memory size with Runtime.OutOfMemory; the next re-runs INIT in the reset environment', async () => {
    t = createTestService([fn('mem', 'node-cpu', 'index.allocate', { memoryMb: 128, timeoutMs: 60_000 })]);
    const fits = await t.service.invoke('mem', event({ mb: 24 }));
    expect(fits.record.outcome).toBe('success');
    const memoryDir = groupDir('memory', fits.record.environmentId!);
    expect(Number(read(path.join(memoryDir, 'memory.limit_in_bytes')))).toBe(128 * 1024 * 1024);

    const over = await t.service.invoke('mem', event({ mb: 400 }));
    expect(over.record).toMatchObject({ outcome: 'crash', functionError: 'Unhandled', maxMemoryUsedMb: 128 });
    expect(json(over.payload)).toEqual({
      errorType: 'Runtime.OutOfMemory',
      errorMessage: `RequestId: ${over.record.requestId} Error: Runtime exited with error: signal: killed`,
    });
    expect(t.linesOf('mem').find((l) => l.startsWith(`REPORT RequestId: ${over.record.requestId}`))).toMatch(
      /\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime\.OutOfMemory$/,
    );
    // Lambda resets the environment after the crash: the same one serves next, re-running INIT inside the invoke.
    const next = await t.service.invoke('mem', event({ mb: 8 }));
    expect(next.record).toMatchObject({ outcome: 'success', cold: true, environmentId: fits.record.environmentId });
    expect(next.record.initMs).toBeUndefined();
  });

  it('removes every group when the service closes', async () => {
    t = createTestService([fn('a', 'node-cpu', 'index.handler', { cpu: 'aws' })], { spareRuntimes: 1 });
    await t.service.start();
    const r = await t.service.invoke('a', event({ rounds: 1 }));
    const dir = groupDir('cpu', r.record.environmentId!);
    const parent = path.dirname(dir);
    await t.service.close();
    t = undefined;
    expect(() => readdirSync(parent)).toThrow();
  });
});
