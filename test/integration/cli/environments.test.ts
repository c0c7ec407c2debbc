/**
 * Environments as AWS gives them, through the real CLI on real processes: the result says per function which CPU and
 * memory model was in force and where its cold starts' runtime start came from; a handler that allocates past its
 * memory size fails as Lambda reports it, the run counts it, and the next request gets a fresh environment. The
 * memory limit needs control groups: where the host has none, that part is skipped with the reason printed (CI runs
 * as root with LAMBDALOAD_REQUIRE_CGROUPS=1, so there it must run).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCgroups } from '../../../src/emulator/lambda/cgroup.js';
import { ensureBuilt, readResult, runCli, useCliWorkspace } from './helpers.js';

const ws = useCliWorkspace('environments');
const probe = openCgroups(`lambdaload-probe-${process.pid}`);
await probe.close();
const cgroups = probe.support;
if (!cgroups.available) {
  if (process.env.LAMBDALOAD_REQUIRE_CGROUPS === '1') throw new Error(`control groups are required here but unavailable: ${cgroups.reason}`);
  console.warn(`environments.test.ts: memory-limit test skipped: ${cgroups.reason}`);
}

describe('lambdaload run: environments', () => {
  it('states each function’s CPU, memory and runtime-start model in the result and the summary', async () => {
    await ensureBuilt();
    const out = path.join(ws.dir, 'models.json');
    const ran = await runCli(['run', 'test/fixtures/cli/emulator-hello.ts', '--out', out, '--no-color'], {}, 60_000);
    expect(ran.code).toBe(0);
    const result = await readResult(out);
    const [hello] = result.emulator!.environments!;
    expect(hello).toMatchObject({ function: 'hello', memoryMb: 128, memory: { limitMb: 128 } });
    expect(hello!.cpu.model).toBe('aws');
    expect(hello!.cpu.cpus).toBeCloseTo(128 / 1769, 6);
    expect(hello!.runtimeStart.source).toBe('spare-reference');
    expect(hello!.runtimeStart.referenceBootMs).toBeGreaterThan(0);
    if (cgroups.available) expect(hello!.cpu.enforcedBy).toBe(`cgroup ${cgroups.version}`);
    else expect(result.warnings.map((w) => w.code)).toContain('EMULATOR_CPU_UNTHROTTLED');
    expect(ran.stdout).toMatch(/hello: CPU 0\.072 vCPU \(AWS's share of 128 MB, cgroup v[12]\)|hello: CPU: the host's, NOT/);
  }, 90_000);

  it.runIf(cgroups.available)('ends an invocation past its memory size with Runtime.OutOfMemory; the next request gets a fresh environment', async () => {
    await ensureBuilt();
    const out = path.join(ws.dir, 'memory.json');
    const ran = await runCli(['run', 'test/fixtures/cli/memory-limit.ts', '--out', out, '--no-color'], {}, 90_000);
    expect(ran.code).toBe(0);
    const result = await readResult(out);
    // An HTTP API answers a crashed invocation with 500; the others succeed.
    expect(result.statusCodes['500']).toBe(1);
    expect(result.statusCodes['200']).toBe(result.requests.completed - 1);
    const fn = result.emulator!.functions.find((f) => f.name === 'memory')!;
    expect(fn.functionErrors).toBe(1);
    // The crashed environment is gone: the requests after it ran in new ones (while the first was still allocating
    // at 128 MB's CPU share, later arrivals started their own, by Lambda's rule).
    expect(fn.coldStarts).toBeGreaterThanOrEqual(2);
    expect(fn.invocations).toBe(result.requests.completed);
    const oom = result.errorKinds.functions.find((f) => f.function === 'memory');
    expect(JSON.stringify(oom)).toContain('Runtime.OutOfMemory');
    expect(ran.stdout).toContain('Runtime.OutOfMemory');
    expect(result.emulator!.maxMemoryUsedMb).toBe(128);
  }, 120_000);
});
