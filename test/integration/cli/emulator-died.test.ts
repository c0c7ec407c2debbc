/**
 * The emulator's process dies mid-run (SIGKILLed here; the OOM killer or a crash end it the same way): the run stops
 * scheduling at once instead of sending the rest of its phases into refused connections, writes a partial result
 * (`status: 'aborted'`, `abort.reason: 'emulator-died'`, an EMULATOR_DIED warning with the signal and when), prints
 * it, exits 4 (target unreachable), and leaves no runtime process behind, not even one busy in a handler.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMULATOR_DEFAULTS } from '../../../src/facts/defaults.js';
import { emulatorChildrenOf, type ProcessRow } from '../../support/processes.js';
import { eventually, groupAlive, readResult, runtimeChildren, startCli, useCliWorkspace, type CliProcess } from './helpers.js';

const DEFAULT_SPARE_RUNTIMES = EMULATOR_DEFAULTS.spareRuntimes.value;

const ws = useCliWorkspace('emulator-died');

/** Waits until the CLI's emulator child runs more than `minRuntimes` runtime processes; returns both. */
async function emulatorWithRuntimes(cli: CliProcess, minRuntimes: number): Promise<{ emulator: ProcessRow; runtimes: ProcessRow[] }> {
  let runtimes: ProcessRow[] = [];
  const ready = await eventually(async () => {
    runtimes = await runtimeChildren(cli.child.pid!);
    return runtimes.length > minRuntimes;
  }, 40_000);
  expect(ready, `runtimes did not start; stderr: ${cli.stderr}`).toBe(true);
  const [emulator] = await emulatorChildrenOf(cli.child.pid!);
  expect(emulator).toBeDefined();
  return { emulator: emulator!, runtimes };
}

describe('lambdaload run: the emulator process dies mid-run', () => {
  it('SIGKILL of the emulator → exit 4 at once, a partial result that says so, no runtime process left', async () => {
    const out = path.join(ws.dir, 'killed.json');
    const cli = startCli(['run', 'test/fixtures/cli/emulator-hello.ts', '--quiet', '--out', out], { LAMBDALOAD_TEST_DURATION: '60s' });
    // One more runtime than the spares: a cold start took one (traffic flows); then a few warm requests.
    const { emulator, runtimes } = await emulatorWithRuntimes(cli, DEFAULT_SPARE_RUNTIMES);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const killedAt = Date.now();
    process.kill(emulator.pid, 'SIGKILL');
    const ran = await cli.exited;
    const exitedAt = Date.now();

    expect(ran.signal).toBeNull();
    expect(ran.code, ran.stderr).toBe(4);
    // Stopped at once (the 2 s grace for requests in flight, then the report), not at the end of the 60 s phase.
    expect(exitedAt - killedAt).toBeLessThan(10_000);
    expect(ran.stderr).toMatch(/✗ the emulator process was killed by SIGKILL \d+\.\d s into the run: the run stopped there; partial result: /);
    expect(ran.stdout).toContain('(ABORTED: partial result)');
    expect(ran.stdout).toContain('the emulator process was killed by SIGKILL');
    expect(ran.stdout).toContain(`result: ${out}`);

    const result = await readResult(out);
    expect(result.status).toBe('aborted');
    expect(result.abort).toMatchObject({ reason: 'emulator-died', signal: 'SIGKILL', exitCode: null });
    const abort = result.abort as Extract<NonNullable<typeof result.abort>, { reason: 'emulator-died' }>;
    expect(Date.parse(abort.at)).toBeGreaterThanOrEqual(killedAt - 1);
    expect(Date.parse(abort.at)).toBeLessThanOrEqual(exitedAt);
    expect(abort.elapsedMs).toBeGreaterThan(0);
    expect(abort.elapsedMs).toBeLessThanOrEqual(result.timing.durationMs);
    const codes = result.warnings.map((w) => w.code);
    expect(codes).toContain('EMULATOR_DIED');
    expect(codes).not.toContain('RUN_ABORTED');
    expect(codes).not.toContain('COST_NO_INVOCATIONS');

    // The part that ran is there: requests answered before the kill, with their latency.
    expect(result.requests.ok).toBeGreaterThan(0);
    expect(result.latency.overall.all.count).toBeGreaterThan(0);
    // And the run did not go on hammering a dead target: 5 req/s for the rest of 60 s would be ~250 errors.
    expect(result.requests.errors).toBeLessThan(15);
    expect(result.timing.durationMs).toBeLessThan(40_000);
    // What only the emulator knew is missing, not made up.
    expect(result.emulator).toBeUndefined();
    expect(result.cost).toBeUndefined();

    expect(await emulatorChildrenOf(cli.child.pid!)).toEqual([]);
    expect(await eventually(() => runtimes.every((r) => !groupAlive(r.pgid)), 5_000)).toBe(true);
  }, 90_000);

  it('runtimes busy in a handler when the emulator dies are stopped by the run, not left for minutes', async () => {
    const out = path.join(ws.dir, 'hang.json');
    const cli = startCli(['run', 'test/fixtures/cli/emulator-hang.ts', '--quiet', '--out', out]);
    // Two environments busy in a two-minute handler, beside the spares.
    const { emulator, runtimes } = await emulatorWithRuntimes(cli, DEFAULT_SPARE_RUNTIMES + 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    process.kill(emulator.pid, 'SIGKILL');
    const ran = await cli.exited;
    expect(ran.code, ran.stderr).toBe(4);
    // Nothing in the runtimes notices the emulator's death until its handler ends; lambdaload stopped their groups.
    expect(await eventually(() => runtimes.every((r) => !groupAlive(r.pgid)), 3_000)).toBe(true);

    const result = await readResult(out);
    expect(result.status).toBe('aborted');
    expect(result.abort?.reason).toBe('emulator-died');
    // The two requests in flight failed when the emulator's sockets closed: counted, not lost.
    expect(result.requests.completed).toBeGreaterThanOrEqual(2);
    expect(result.requests.errors).toBe(result.requests.completed);
  }, 90_000);
});
