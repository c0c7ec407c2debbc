/**
 * `lambdaload run --workers 2`: one command, two generator processes, one merged result. Against a plain counting
 * server the merged counts equal what it received and the scenario's schedule exactly; against the local emulator
 * one emulator serves both workers (seen in the process table) and its own ledger is the result's, quotas checked
 * on it; Ctrl-C stops every worker and writes a partial result; a worker that dies ends the run with exit 4 and a
 * partial result.
 * In the project 'alone' of vitest.config.ts: no other test file beside it.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProcesses, type ProcessRow } from '../../support/processes.js';
import { ensureBuilt, eventually, readResult, runCli, startCli } from '../cli/helpers.js';
import { quotasOfOneRun, startSleepServer, type SleepServer } from './shard-runs.js';

let server: SleepServer;
let dir: string;

beforeAll(async () => {
  await ensureBuilt();
  server = await startSleepServer();
  dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-workers-'));
}, 150_000);

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The CLI's generator workers and every emulator child in its process tree (its own, or one per worker). */
async function treeOf(cliPid: number): Promise<{ workers: ProcessRow[]; emulators: ProcessRow[] }> {
  const all = await listProcesses();
  const workers = all.filter((p) => p.ppid === cliPid && /workers\/worker-entry\.(ts|js)/.test(p.args));
  const parents = new Set([cliPid, ...workers.map((w) => w.pid)]);
  return { workers, emulators: all.filter((p) => parents.has(p.ppid) && /emulator\/child\/entry\.(ts|js)/.test(p.args)) };
}

/** A 60 s run on 2 workers against the counting server, once traffic flows: its CLI, its workers and its result path. */
async function startLongRun(name: string) {
  const out = path.join(dir, `${name}.json`);
  const before = server.received;
  const cli = startCli(['run', 'test/fixtures/cli/url-target.ts', '--workers', '2', '--quiet', '--out', out], { LAMBDALOAD_TEST_URL: server.url, LAMBDALOAD_TEST_DURATION: '60s' });
  expect(await eventually(() => server.received - before >= 20, 60_000)).toBe(true);
  const { workers } = await treeOf(cli.child.pid!);
  expect(workers).toHaveLength(2);
  return { out, before, cli, workers };
}

describe('run --workers 2', () => {
  it('against a counting server: the merged counts are what the server received and the scenario\'s schedule, exactly', async () => {
    const out = path.join(dir, 'url.json');
    const before = server.received;
    const ran = await runCli(['run', 'test/fixtures/cli/shards.ts', '--workers', '2', '--quiet', '--out', out], { LAMBDALOAD_TEST_URL: server.url }, 90_000);
    expect(ran.code, ran.stderr).toBe(0);
    const result = await readResult(out);
    const received = server.received - before;
    expect(result.requests.completed).toBe(received);
    expect(result.statusCodes['200']).toBe(received);
    expect(result.timeline.reduce((total, s) => total + s.completed, 0)).toBe(received);
    // 3 s at 50 req/s, split 25 + 25: the open phase's schedule, exactly.
    expect(result.latency.byPhase.open!.all.count).toBe(150);
    expect(result.scenario.phases.map((p) => p.rate ?? p.connections)).toEqual([50, 2]);
    expect(result.workers).toEqual({ count: 2, merged: 2 });
    // The generators' own load: both workers' and their parent's CPU over the phases.
    expect(result.engine.generator).toMatchObject({ processes: 3 });
    expect(result.engine.generator!.cpuMs).toBeGreaterThan(0);
    expect(result.engine.generator!.wallMs).toBeGreaterThanOrEqual(3_000);
    expect(result.shard).toBeUndefined();
    expect(result.merged).toBeUndefined();
    expect(result.status).toBe('completed');
    expect(result.thresholds[0]).toMatchObject({ passed: true, actual: result.latency.overall.all.p99Ms });
    // One result file and nothing else: the workers' results crossed over IPC, not through files.
    expect(await readdir(dir)).toEqual(['url.json']);
  }, 120_000);

  it('against the local emulator: one emulator for both workers, its ledger is the result\'s', async () => {
    const out = path.join(dir, 'emulator.json');
    const cli = startCli(['run', 'test/fixtures/cli/emulator-hello.ts', '--workers', '2', '--evidence', 'cloudwatch', '--quiet', '--out', out], { LAMBDALOAD_TEST_DURATION: '2s' });
    let maxWorkers = 0;
    let maxEmulators = 0;
    const watching = (async () => {
      while (cli.child.exitCode === null && cli.child.signalCode === null) {
        const tree = await treeOf(cli.child.pid!);
        maxWorkers = Math.max(maxWorkers, tree.workers.length);
        maxEmulators = Math.max(maxEmulators, tree.emulators.length);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const ran = await cli.exited;
    await watching;
    expect(ran.code, ran.stderr).toBe(0);
    expect(maxWorkers).toBe(2);
    expect(maxEmulators).toBe(1);
    const result = await readResult(out);
    // 2 s at 5 req/s, split 3 + 2.
    expect(result.requests.completed).toBe(10);
    expect(result.emulator!.invocations).toBe(10);
    expect(result.emulator!.totals!.functions[0]!.invocations).toBe(10);
    expect(result.labelSources).toEqual({ 'emulator-header': 10 });
    // Each worker labelled its own requests from the gateway's header; together they count the emulator's cold starts once.
    expect(result.coldStarts.count).toBe(result.emulator!.coldStarts);
    expect(result.emulator!.coldStarts).toBeGreaterThanOrEqual(1);
    expect(result.emulator!.coldStarts).toBeLessThanOrEqual(result.emulator!.maxEnvironments);
    expect(result.cost!.run.estimate.totalUsd).toBeGreaterThan(0);
    expect(result.workers).toEqual({ count: 2, merged: 2 });
    // CloudWatch's figures are read once, by the parent, for the whole window: the emulator's ground truth.
    const evidence = result.evidence!.functions.find((f) => f.functionName === 'hello')!;
    expect(evidence.invocations.value).toBe(10);
    expect(evidence.coldStarts.value).toBe(result.emulator!.coldStarts);
    expect(result.warnings.map((w) => w.code)).not.toContain('MERGE_EVIDENCE_DROPPED');
    // Quotas checked again on the merged numbers, as one run of them would be (src/run/quotas.ts), with the one
    // emulator's ledger: its concurrency peak is the account's, not the workers' peaks added.
    expect(result.quotas).toEqual(quotasOfOneRun(result));
    const used = (id: string) => result.quotas.find((q) => q.id === id)!;
    expect(used('lambda.concurrency.measured').evidence).toMatch(new RegExp(`^${result.emulator!.totals!.concurrency.peak} invocations in flight`));
    // 5 req/s on 2 workers (3 + 2): their busiest seconds added, held to API Gateway's throttle.
    expect(result.traffic!.peakRps).toBeGreaterThanOrEqual(5);
    expect(used('apigw.throttle.measured').evidence).toMatch(new RegExp(`^${result.traffic!.peakRps} req/s over the busiest second`));
    expect(result.quotas.map((q) => q.id)).toEqual(expect.arrayContaining(['lambda.memory.hello', 'lambda.timeout.hello', 'lambda.payload.response']));
    expect(result.warnings.find((w) => w.code === 'MERGE_QUOTAS')?.message).toMatch(/concurrency and new environments per 10 s from the one emulator/);
  }, 120_000);

  it('SIGINT: every worker stops, the partial result is marked aborted, exit 130', async () => {
    const { out, before, cli, workers } = await startLongRun('sigint');
    cli.child.kill('SIGINT');
    const ran = await cli.exited;
    expect(ran.code, ran.stderr).toBe(130);
    const result = await readResult(out);
    expect(result.status).toBe('aborted');
    expect(result.abort).toEqual({ reason: 'interrupted' });
    expect(result.workers).toEqual({ count: 2, merged: 2 });
    expect(result.requests.completed).toBeGreaterThanOrEqual(20);
    expect(result.requests.completed).toBeLessThanOrEqual(server.received - before);
    expect(result.timing.durationMs).toBeLessThan(60_000);
    const pids = new Set(workers.map((w) => w.pid));
    expect((await listProcesses()).filter((p) => pids.has(p.pid))).toEqual([]);
  }, 120_000);

  it('a worker killed mid-run: exit 4, a clear error and a partial result of the other worker', async () => {
    const { out, cli, workers } = await startLongRun('died');
    process.kill(workers[1]!.pid, 'SIGKILL');
    const ran = await cli.exited;
    expect(ran.code, ran.stderr).toBe(4);
    expect(ran.stderr).toMatch(/generator worker \d was killed by SIGKILL/);
    const result = await readResult(out);
    expect(result.status).toBe('aborted');
    expect(result.abort).toMatchObject({ reason: 'worker-died', signal: 'SIGKILL' });
    expect(result.workers).toEqual({ count: 2, merged: 1 });
    expect(result.warnings.map((w) => w.code)).toContain('WORKER_DIED');
    expect(result.warnings.map((w) => w.code)).not.toContain('RUN_ABORTED');
    expect(result.requests.completed).toBeGreaterThan(0);
    expect(result.timing.durationMs).toBeLessThan(60_000);
  }, 120_000);
});
