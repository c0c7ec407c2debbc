/**
 * The emulator child dies on its own (SIGKILLed, a crash): the parent hears of it at once through `onDeath` (with the
 * signal or exit code, before any waiting query fails), stops the runtime process groups the child can no longer
 * stop, and a later close() is a no-op. A close() the parent asked for is not a death.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startEmulatorProcess, type EmulatorDeath } from '../../../src/emulator/child/remote.js';
import type { EmulatorTarget } from '../../../src/scenario/types.js';
import { eventually, groupRunning, running, runtimesOf } from '../../support/processes.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const scenarioDir = path.resolve(here, '../../../scenarios');
const helloTarget: EmulatorTarget = {
  type: 'emulator',
  api: { type: 'http' },
  functions: { hello: { code: './functions/hello', handler: 'index.handler', memoryMb: 256 } },
  routes: [{ method: 'GET', path: '/hello', function: 'hello' }],
};

describe('emulator child process: the child dies', () => {
  it('SIGKILL → onDeath first (signal, time), then queries fail; its runtime groups are stopped', async () => {
    const remote = await startEmulatorProcess(helloTarget, { scenarioDir });
    try {
      expect((await fetch(`${remote.baseUrl}/hello`)).status).toBe(200);
      const runtimes = await runtimesOf(remote.pid);
      expect(runtimes.length).toBeGreaterThan(1);

      const events: string[] = [];
      const deaths: EmulatorDeath[] = [];
      remote.onDeath((death) => {
        events.push('death');
        deaths.push(death);
      });
      const before = Date.now();
      // A query the child will never answer (stopped, then killed): it must fail after the death is known.
      process.kill(remote.pid, 'SIGSTOP');
      const query = remote.totals().then(
        () => events.push('answered'),
        () => events.push('rejected'),
      );
      process.kill(remote.pid, 'SIGKILL');
      await query;
      expect(events).toEqual(['death', 'rejected']);
      expect(deaths[0]).toMatchObject({ code: null, signal: 'SIGKILL' });
      expect(deaths[0]!.at.getTime()).toBeGreaterThanOrEqual(before - 1);

      // The environment and the spares were the child's to stop; the parent did it.
      for (const runtime of runtimes) expect(await eventually(async () => !(await groupRunning(runtime.pgid)), 3_000)).toBe(true);
      await expect(remote.stats()).rejects.toThrow(/emulator process/);

      // A listener added after the death hears of it at once; close() has nothing left to do.
      const late: EmulatorDeath[] = [];
      remote.onDeath((death) => late.push(death));
      expect(late).toEqual(deaths);
      await remote.close();
    } finally {
      await remote.close();
    }
  }, 30_000);

  it('close() asked for by the parent is not a death', async () => {
    const remote = await startEmulatorProcess(helloTarget, { scenarioDir });
    const deaths: EmulatorDeath[] = [];
    remote.onDeath((death) => deaths.push(death));
    await remote.close();
    expect(await running(remote.pid)).toBe(false);
    expect(deaths).toEqual([]);
  }, 30_000);
});
