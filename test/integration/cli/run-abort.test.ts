/**
 * Interrupting `lambdaload run`: Ctrl-C (SIGINT) or SIGTERM stops the phases, waits briefly for requests in flight,
 * writes a partial result marked `aborted` and exits 130. With the emulator, no runtime process is left behind.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMULATOR_DEFAULTS } from '../../../src/facts/defaults.js';
import { eventually, groupAlive, readResult, runtimeChildren, startCli, useCliWorkspace } from './helpers.js';

const DEFAULT_SPARE_RUNTIMES = EMULATOR_DEFAULTS.spareRuntimes.value;

const ws = useCliWorkspace('abort');

describe('lambdaload run: interrupted', () => {
  it('SIGINT → exit 130 and a partial result with status aborted', async () => {
    const out = path.join(ws.dir, 'sigint.json');
    const cli = startCli(['run', 'test/fixtures/cli/url-target.ts', '--quiet', '--out', out], {
      LAMBDALOAD_TEST_URL: ws.target.url,
      LAMBDALOAD_TEST_DURATION: '60s',
    });
    const before = ws.target.received;
    // Wait until traffic flows (20 req/s), then interrupt as Ctrl-C does.
    expect(await eventually(() => ws.target.received - before >= 10, 15_000)).toBe(true);
    const interruptedAt = Date.now();
    cli.child.kill('SIGINT');
    const ran = await cli.exited;
    expect(ran.signal).toBeNull();
    expect(ran.code).toBe(130);
    // The 60 s phase was cut short: the grace period for requests in flight is short.
    expect(Date.now() - interruptedAt).toBeLessThan(15_000);
    expect(ran.stderr).toContain('SIGINT: stopping');
    expect(ran.stdout).toContain(`result: ${out}`);

    const result = await readResult(out);
    expect(result.status).toBe('aborted');
    expect(result.requests.completed).toBeGreaterThanOrEqual(10);
    expect(result.requests.completed).toBeLessThan(1200);
    expect(result.timing.durationMs).toBeLessThan(60_000);
    expect(result.warnings.map((w) => w.code)).toContain('RUN_ABORTED');
  }, 30_000);

  it('SIGTERM during an emulator run → exit 130, partial result, no runtime process left', async () => {
    const out = path.join(ws.dir, 'sigterm.json');
    const cli = startCli(['run', 'test/fixtures/cli/emulator-hello.ts', '--quiet', '--out', out], { LAMBDALOAD_TEST_DURATION: '60s' });
    // The runtime processes are children of the emulator child process, each in its own process group. The spare
    // runtime processes start before traffic; one more than them means a cold start took one and it was replaced.
    let runtimes: Awaited<ReturnType<typeof runtimeChildren>> = [];
    expect(
      await eventually(async () => {
        runtimes = await runtimeChildren(cli.child.pid!);
        return runtimes.length > DEFAULT_SPARE_RUNTIMES;
      }, 20_000),
    ).toBe(true);
    // Let a few requests complete on the warm environment before stopping.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    cli.child.kill('SIGTERM');
    const ran = await cli.exited;
    expect(ran.code).toBe(130);
    expect(ran.stderr).toContain('SIGTERM: stopping');

    const result = await readResult(out);
    expect(result.status).toBe('aborted');
    expect(result.requests.completed).toBeGreaterThan(0);
    expect(result.emulator!.invocations).toBeGreaterThan(0);
    for (const runtime of runtimes) expect(groupAlive(runtime.pgid)).toBe(false);
  }, 30_000);
});
