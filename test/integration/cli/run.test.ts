/**
 * `lambdaload run` as a user runs it: the real bin/lambdaload.js in a child process, its exit codes, what it prints
 * and the result file it writes.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/result/types.js';
import { readResult, runCli, useCliWorkspace } from './helpers.js';

const URL_SCENARIO = 'test/fixtures/cli/url-target.ts';

const ws = useCliWorkspace('run');

describe('lambdaload run: a run that completes', () => {
  it('exits 0, prints the summary and writes the result JSON into --reports-dir', async () => {
    const reports = path.join(ws.dir, 'reports');
    const ran = await runCli(['run', URL_SCENARIO, '--quiet', '--reports-dir', reports], { LAMBDALOAD_TEST_URL: ws.target.url });
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('cli-url');
    expect(ran.stdout).toMatch(/✓ error rate ≤ 1%: 0\.0%/);
    const written = /^result: (.+)$/m.exec(ran.stdout)?.[1];
    expect(written).toBeDefined();
    expect(path.dirname(written!)).toBe(reports);
    expect(path.basename(written!)).toMatch(/^cli-url-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/);
    const result = await readResult(written!);
    expect(result).toMatchObject({ schemaVersion: 2, kind: 'run' });
    expect(result.status).toBe('completed');
    expect(result.scenario.target).toMatchObject({ type: 'url', url: ws.target.url });
    // 1 s at 20 req/s.
    expect(result.requests.completed).toBe(20);
    expect(result.requests.errors).toBe(0);
    expect(result.statusCodes).toEqual({ '200': 20 });
    expect(result.thresholds).toEqual([expect.objectContaining({ passed: true, actual: 0 })]);
  });

  it('--json prints the result JSON (and only it) on stdout, and still writes the file', async () => {
    const out = path.join(ws.dir, 'json-run.json');
    const ran = await runCli(['run', URL_SCENARIO, '--quiet', '--json', '--out', out], { LAMBDALOAD_TEST_URL: ws.target.url });
    expect(ran.code).toBe(0);
    const printed = JSON.parse(ran.stdout) as RunResult;
    expect(printed.status).toBe('completed');
    expect(printed.requests.completed).toBe(20);
    expect(await readResult(out)).toEqual(printed);
  });

  it('--out never overwrites an existing file: exit 2, the old file untouched, no temporary file left', async () => {
    const sub = await mkdtemp(path.join(ws.dir, 'out-'));
    const out = path.join(sub, 'taken.json');
    await writeFile(out, '{"keep":true}\n');
    const ran = await runCli(['run', URL_SCENARIO, '--quiet', '--out', out], { LAMBDALOAD_TEST_URL: ws.target.url });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(`✗ ${out} already exists; lambdaload never overwrites a result`);
    expect(ran.stderr).toContain('hint: Choose another --out path');
    expect(await readFile(out, 'utf8')).toBe('{"keep":true}\n');
    expect(await readdir(sub)).toEqual(['taken.json']);
  });

  it('an emulator scenario runs from dist/ with its function (exit 0, cold start labelled by the emulator)', async () => {
    const out = path.join(ws.dir, 'emulator-run.json');
    const ran = await runCli(['run', 'test/fixtures/cli/emulator-hello.ts', '--quiet', '--out', out]);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const result = await readResult(out);
    expect(result.requests).toMatchObject({ completed: 5, errors: 0 });
    // One environment serves 5 req/s; a slow first INIT on a busy machine can make the next requests start more.
    expect(result.coldStarts.count).toBeGreaterThanOrEqual(1);
    expect(result.labelSources).toEqual({ 'emulator-header': 5 });
    expect(result.emulator).toMatchObject({ invocations: 5, coldStarts: result.coldStarts.count, throttles: 0, timeouts: 0 });
    expect(result.emulator!.maxEnvironments).toBe(result.coldStarts.count);
    expect(result.scenario.target.functions).toEqual([expect.objectContaining({ name: 'hello', runtime: 'nodejs22.x', memoryMb: 128, architecture: 'x86_64', timeoutMs: 3000 })]);
    // Every default the run applied, with its source: the timeout here is AWS's 3 s.
    expect(result.scenario.target.defaults).toContainEqual(expect.objectContaining({ path: 'target.functions.hello.timeout', value: 3000 }));
  });
});

describe('lambdaload run: the runtime version that actually ran', () => {
  const localMajor = Number(process.versions.node.split('.')[0]);

  it('records the local Node.js per function and warns RUNTIME_VERSION_MISMATCH with the figures when it differs', async () => {
    const declared = localMajor === 22 ? 'nodejs20.x' : 'nodejs22.x';
    const out = path.join(ws.dir, 'runtime-mismatch.json');
    const ran = await runCli(['run', 'test/fixtures/cli/emulator-hello.ts', '--quiet', '--out', out], { LAMBDALOAD_TEST_RUNTIME: declared });
    expect(ran.code).toBe(0);
    const result = await readResult(out);
    expect(result.emulator!.runtimes).toEqual([{ function: 'hello', runtime: declared, local: 'node', localVersion: process.versions.node }]);
    const warning = result.warnings.find((w) => w.code === 'RUNTIME_VERSION_MISMATCH');
    expect(warning?.message).toContain(`hello declares ${declared} but ran on the local node ${process.versions.node}`);
  });

  it('gives no such warning when the declared runtime is the local one', async ({ skip }) => {
    const declared = `nodejs${localMajor}.x`;
    if (!['nodejs20.x', 'nodejs22.x', 'nodejs24.x'].includes(declared)) skip(`no Lambda runtime for the local Node.js ${localMajor}`);
    const out = path.join(ws.dir, 'runtime-match.json');
    const ran = await runCli(['run', 'test/fixtures/cli/emulator-hello.ts', '--quiet', '--out', out], { LAMBDALOAD_TEST_RUNTIME: declared });
    expect(ran.code).toBe(0);
    const result = await readResult(out);
    expect(result.emulator!.runtimes).toEqual([{ function: 'hello', runtime: declared, local: 'node', localVersion: process.versions.node }]);
    expect(result.warnings.map((w) => w.code)).not.toContain('RUNTIME_VERSION_MISMATCH');
  });
});

describe('lambdaload run: alternatives priced beside the measured setup', () => {
  it('prices SnapStart and Managed Instances rows from projection.alternatives, each marked', async () => {
    const out = path.join(ws.dir, 'alternatives.json');
    const ran = await runCli(['run', 'test/fixtures/cli/emulator-alternatives.ts', '--quiet', '--out', out]);
    expect(ran.code).toBe(0);
    const result = await readResult(out);
    const rows = result.cost!.comparison.rows;
    const measured = rows.find((r) => r.baseline)!;
    const snap = rows.find((r) => r.alternative === 'snapstart')!;
    const managed = rows.find((r) => r.alternative === 'managed-instances')!;
    expect(snap.label).toBe('SnapStart (restore 250 ms)');
    // Python pays SnapStart's cache (the whole month by default) and a restore per cold start on top of the measured setup.
    expect(snap.deltaUsd).toBeGreaterThan(0);
    expect(managed.label).toBe('Managed Instances (m7g.large)');
    expect(managed.monthlyUsd).not.toBe(measured.monthlyUsd);
    expect(result.cost!.comparison.notes).toContain('the SnapStart row assumes a Billed Restore Duration of 250 ms per cold start (given, not measured)');
  });

  it('offers no SnapStart row for a runtime SnapStart does not support, and says why', async () => {
    const out = path.join(ws.dir, 'alternatives-node.json');
    const ran = await runCli(['run', 'test/fixtures/cli/emulator-alternatives.ts', '--quiet', '--out', out], { LAMBDALOAD_TEST_RUNTIME: 'nodejs22.x' });
    expect(ran.code).toBe(0);
    const result = await readResult(out);
    expect(result.cost!.comparison.rows.map((r) => r.alternative)).toEqual([undefined, undefined, undefined, undefined, 'managed-instances']);
    const warning = result.warnings.find((w) => w.code === 'COST_SNAPSTART_UNSUPPORTED');
    expect(warning?.message).toContain('SnapStart is offered for java, python, dotnet runtimes');
    expect(warning?.message).toContain('not nodejs22.x');
  });
});
