/**
 * The wait for CloudWatch after the traffic, as a user sees it through the real CLI (a child process whose stderr is
 * a pipe, as in CI): one line per step saying what it waits for, up to how long and how to skip, never a redrawn
 * spinner; and a Ctrl-C (SIGINT) during a long wait skips the evidence at once and keeps the run's result, marked.
 * The emulator the run starts serves CloudWatch; the scenario's `evidence.wait` stands for a deployed run's delay.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { RunResult } from '../../../src/result/types.js';
import { ensureBuilt, FIXTURES, startCli } from '../cli/helpers.js';

const SCENARIO = path.join(FIXTURES, 'emulator-evidence-wait.ts');
// The SDK's own notice about Node.js versions (printed once on Node 20) is not lambdaload's output.
const ENV = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

async function resultPath(): Promise<string> {
  return path.join(await mkdtemp(path.join(os.tmpdir(), 'll-evidence-wait-')), 'result.json');
}

describe('lambdaload run: the wait for CloudWatch evidence', () => {
  it('prints one line per step on a non-TTY, then the evidence', async () => {
    const out = await resultPath();
    const cli = startCli(['run', SCENARIO, '--out', out], { ...ENV, LAMBDALOAD_TEST_EVIDENCE_WAIT: '1s' });
    const ran = await cli.exited;
    expect(ran.code).toBe(0);
    expect(ran.stderr).not.toContain('\r');
    const lines = ran.stderr.split('\n').filter((l) => l.startsWith('CloudWatch evidence:'));
    expect(lines).toEqual([
      'CloudWatch evidence: waiting for the data to arrive in CloudWatch (ingestion delay) · up to 1 s · Ctrl-C skips it (the result is kept, without evidence)',
      expect.stringMatching(/^CloudWatch evidence: reading \d+ AWS\/Lambda and AWS\/ApiGateway metrics \(GetMetricData\) · Ctrl-C skips it/),
      expect.stringMatching(/^CloudWatch evidence: querying REPORT lines of 1 log group \(Logs Insights\) · up to \d+ s · Ctrl-C skips it/),
    ]);
    const result = JSON.parse(await readFile(out, 'utf8')) as RunResult;
    expect(result.evidence?.waited).toEqual({ ms: 1000, source: 'evidence.wait in the scenario' });
    expect(result.evidence?.complete).toBe(true);
  }, 120_000);

  it('skips the evidence on Ctrl-C during the wait and keeps the result, marked', async () => {
    const out = await resultPath();
    const cli = startCli(['run', SCENARIO, '--out', out], { ...ENV, LAMBDALOAD_TEST_EVIDENCE_WAIT: '10m' });
    // A CLI left waiting (the feature broken) must not outlive the test.
    const kill = setTimeout(() => cli.child.kill('SIGKILL'), 100_000);
    onTestFinished(() => clearTimeout(kill));
    const deadline = Date.now() + 60_000;
    while (!cli.stderr.includes('CloudWatch evidence: waiting for') && Date.now() < deadline && cli.child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(cli.stderr).toContain('waiting for the data to arrive in CloudWatch (ingestion delay) · up to 10 min');
    cli.child.kill('SIGINT');
    // A wait that the signal did not end would hold the CLI for 10 minutes: killed, it fails the checks below.
    const ran = await cli.exited;
    expect(ran.stderr).toContain('SIGINT: skipping the CloudWatch evidence; the result is kept without it');
    expect(ran.code).toBe(0);
    const result = JSON.parse(await readFile(out, 'utf8')) as RunResult;
    expect(result.status).toBe('completed');
    expect(result.evidence).toBeUndefined();
    expect(result.warnings).toContainEqual({
      code: 'EVIDENCE_SKIPPED',
      message: "CloudWatch evidence skipped (interrupted during the wait for CloudWatch ingestion): this result has the client's figures only",
    });
    expect(ran.stdout).toContain('CloudWatch evidence skipped');
  }, 120_000);
});
