/**
 * The emulator in its own process (what `lambdaload run` uses): real HTTP to a real Node handler served by the child;
 * invocation totals, stats and logs over IPC; a bad target or a taken port fails as `startEmulator` does (same error codes);
 * close() and the parent's death leave no child and no runtime process.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLambdaloadError, LambdaloadError } from '../../../src/errors.js';
import { startEmulatorProcess, type RemoteEmulator } from '../../../src/emulator/child/remote.js';
import type { RecentRecords } from '../../../src/emulator/lambda/types.js';
import { EMULATOR_DEFAULTS } from '../../../src/facts/defaults.js';
import type { EmulatorTarget } from '../../../src/scenario/types.js';
import { emulatorChildrenOf, eventually, groupRunning, running, runtimesOf } from '../../support/processes.js';

const DEFAULT_SPARE_RUNTIMES = EMULATOR_DEFAULTS.spareRuntimes.value;

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const scenarioDir = path.join(repoRoot, 'scenarios');
const helloTarget: EmulatorTarget = {
  type: 'emulator',
  api: { type: 'rest', stage: 'dev' },
  functions: { hello: { code: './functions/hello', handler: 'index.handler', memoryMb: 256 } },
  routes: [{ method: 'GET', path: '/hello', function: 'hello' }],
};

describe('emulator child process', () => {
  let remote: RemoteEmulator;
  const logs: Array<[string, string]> = [];

  beforeAll(async () => {
    remote = await startEmulatorProcess(helloTarget, { scenarioDir, region: 'eu-west-1', onLog: (fn, line) => logs.push([fn, line]) });
  });
  afterAll(async () => {
    await remote?.close();
  });

  it('runs in another process and describes the target', async () => {
    expect(remote.pid).not.toBe(process.pid);
    expect(await emulatorChildrenOf(process.pid)).toEqual([expect.objectContaining({ pid: remote.pid })]);
    expect(remote.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(remote.baseUrl).toBe(`${remote.url}/dev`);
    expect(remote.routes).toEqual([{ method: 'GET', path: '/hello', function: 'hello', url: `${remote.baseUrl}/hello` }]);
    // Resolved configs: the scenario's memory, AWS's defaults for the rest, the code path made absolute.
    expect(remote.functions).toEqual([
      expect.objectContaining({
        name: 'hello',
        runtime: 'nodejs22.x',
        memoryMb: 256,
        timeoutMs: 3_000,
        architecture: 'x86_64',
        codeDir: path.join(scenarioDir, 'functions/hello'),
      }),
    ]);
  });

  it('serves requests; totals, stats and logs come back over IPC, the latest records over HTTP', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${remote.baseUrl}/hello`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ text: 'Hello from Lambda!' });
    }
    const missing = await fetch(`${remote.baseUrl}/nope`);
    await missing.text();
    expect(missing.status).toBe(403);

    const { records, dropped } = (await (await fetch(`${remote.url}/__lambdaload/invocations`)).json()) as RecentRecords;
    expect(dropped).toBe(0);
    expect(records.map((r) => [r.functionName, r.cold, r.outcome])).toEqual([
      ['hello', true, 'success'],
      ['hello', false, 'success'],
      ['hello', false, 'success'],
    ]);
    expect(new Set(records.map((r) => r.environmentId)).size).toBe(1);

    const totals = await remote.totals();
    expect(totals.functions).toHaveLength(1);
    const hello = totals.functions[0]!;
    expect(hello).toMatchObject({ functionName: 'hello', memoryMb: 256, invocations: 3, coldStarts: 1, outcomes: { success: 3 } });
    expect(hello.coldStartEntries).toHaveLength(1);
    expect(hello.coldStartEntries[0]!.initMs).toBeGreaterThan(0);
    expect(hello.billedMs.onDemand).toBe(records.reduce((n, r) => n + r.billedMs, 0));
    // Sequential requests: never more than one in flight.
    expect(totals.concurrency).toEqual({ peak: 1, byFunction: { hello: 1 }, exact: true });

    const stats = await remote.stats();
    expect(stats).toMatchObject({ environments: 1, busy: 0, idle: 1, coldStarts: 1, throttles: 0 });
    // Spare runtime processes (refilled in the background after the cold start took one) are not environments.
    expect(stats.spares).toBeLessThanOrEqual(DEFAULT_SPARE_RUNTIMES);
    expect(await remote.gatewayStats()).toMatchObject({ requests: 4, throttled: 0, lambdaThrottles: 0 });

    // Log lines arrive asynchronously (IPC); every invocation's REPORT line is forwarded.
    expect(await eventually(() => logs.filter(([, line]) => line.startsWith('REPORT RequestId:')).length === 3, 5_000)).toBe(true);
    expect(logs.every(([fn]) => fn === 'hello')).toBe(true);
  });

  it('answers concurrent queries each with its own value', async () => {
    const [stats, totals, gateway] = await Promise.all([remote.stats(), remote.totals(), remote.gatewayStats()]);
    expect(stats.coldStarts).toBe(1);
    expect(totals.functions[0]!.invocations).toBe(3);
    expect(gateway.requests).toBe(4);
  });

  it('close() stops the runtime processes and the child; queries then fail', async () => {
    // The environment and the spare runtime processes.
    const runtimes = await runtimesOf(remote.pid);
    expect(runtimes.length).toBeGreaterThan(1);
    expect(runtimes.length).toBeLessThanOrEqual(1 + DEFAULT_SPARE_RUNTIMES);
    await remote.close();
    await remote.close();
    expect(() => process.kill(remote.pid, 0)).toThrow();
    expect(await running(remote.pid)).toBe(false);
    for (const runtime of runtimes) expect(await groupRunning(runtime.pgid)).toBe(false);
    const error = await remote.stats().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LambdaloadError);
    expect((error as LambdaloadError).message).toMatch(/emulator process/);
  });
});

describe('emulator child process: start failures keep their error codes', () => {
  it('an invalid target rejects with SCENARIO_INVALID, every problem, and no child left', async () => {
    const bad = {
      type: 'emulator',
      api: { type: 'http' },
      functions: { 'bad name!': { code: './functions/none', handler: '', memoryMb: 64 } },
      routes: [{ method: 'GET', path: '/x', function: 'bad name!' }],
    } as EmulatorTarget;
    const error = await startEmulatorProcess(bad, { scenarioDir }).catch((e: unknown) => e);
    expect(isLambdaloadError(error)).toBe(true);
    const failure = error as LambdaloadError;
    expect(failure.code).toBe('SCENARIO_INVALID');
    expect(failure.exitCode).toBe(2);
    expect(failure.hint).toBeTruthy();
    expect(failure.problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('target.functions["bad name!"]: "bad name!" is not a valid function name'),
        expect.stringContaining('target.functions["bad name!"].handler: must not be empty'),
        expect.stringContaining('target.functions["bad name!"].memoryMb'),
        expect.stringContaining('target.functions["bad name!"].code: no folder'),
      ]),
    );
    expect(await emulatorChildrenOf(process.pid)).toEqual([]);
  });

  it('a port in use rejects with EMULATOR_START_FAILED and its hint', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const error = await startEmulatorProcess({ ...helloTarget, port }, { scenarioDir }).catch((e: unknown) => e);
      expect(isLambdaloadError(error)).toBe(true);
      expect((error as LambdaloadError).code).toBe('EMULATOR_START_FAILED');
      expect((error as LambdaloadError).exitCode).toBe(4);
      expect((error as LambdaloadError).message).toContain(`127.0.0.1:${port}`);
      expect((error as LambdaloadError).hint).toMatch(/another port/);
      expect(await emulatorChildrenOf(process.pid)).toEqual([]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('emulator child process: the parent dies', () => {
  it('a SIGKILLed parent leaves no emulator child and no runtime behind', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures/orphan-parent.ts')], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        parent.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0]!);
        });
        parent.once('exit', (code) => reject(new Error(`parent exited early (${code})`)));
      });
      const { childPid, status } = JSON.parse(line) as { childPid: number; status: number };
      expect(status).toBe(200);
      // The environment and the spare runtime processes: all must go with the parent.
      const runtimes = await runtimesOf(childPid);
      expect(runtimes.length).toBeGreaterThan(1);

      parent.kill('SIGKILL');
      expect(await eventually(async () => !(await running(childPid)), 10_000)).toBe(true);
      for (const runtime of runtimes) expect(await eventually(async () => !(await groupRunning(runtime.pgid)), 5_000)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
    }
  }, 30_000);
});
