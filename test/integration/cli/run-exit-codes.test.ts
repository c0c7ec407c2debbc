/**
 * `lambdaload run` failing as a user sees it: the real bin/lambdaload.js in a child process, its exit code, and the
 * message on stderr that says what is wrong and where.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closedPort, readResult, ROOT, runCli, useCliWorkspace } from './helpers.js';

const URL_SCENARIO = 'test/fixtures/cli/url-target.ts';

const ws = useCliWorkspace('exit');

describe('lambdaload run: exit codes of failures', () => {
  it('exit 3 when a threshold fails, after printing the summary and writing the result', async () => {
    const out = path.join(ws.dir, 'threshold.json');
    const ran = await runCli(['run', 'test/fixtures/cli/threshold-fails.ts', '--quiet', '--out', out], { LAMBDALOAD_TEST_URL: ws.target.url });
    expect(ran.code).toBe(3);
    expect(ran.stdout).toMatch(/✗ error rate ≤ 1%: 100\.0%/);
    expect(ran.stdout).toMatch(/✓ p99 latency ≤ 10000 ms/);
    const result = await readResult(out);
    expect(result.statusCodes).toEqual({ '503': 10 });
    expect(result.thresholds.map((t) => t.passed)).toEqual([false, true]);
  });

  it('exit 2 for an invalid scenario, listing every problem with the file, line and key path', async () => {
    const ran = await runCli(['run', 'test/fixtures/cli/invalid.ts']);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    const file = 'test/fixtures/cli/invalid.ts';
    expect(ran.stderr).toContain(`✗ ${file}: 4 problems`);
    expect(ran.stderr).toContain(`  - ${file}:6 target.url must be an http:// or https:// URL`);
    expect(ran.stderr).toContain(`  - ${file}:7 phases[0].duration must be a duration`);
    expect(ran.stderr).toContain(`  - ${file}:8 requests[0].expect.status must be from 100 to 599`);
    expect(ran.stderr).toContain(`  - ${file}:9 thresholds[0].max must be from 0 to 1`);
    expect(ran.stderr).toContain('hint: ');
    // No stack trace without --debug.
    expect(ran.stderr).not.toMatch(/\n\s+at /);
  });

  it('exit 2 for a missing scenario file, naming it', async () => {
    const ran = await runCli(['run', 'scenarios/does-not-exist.ts']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(`✗ Scenario file not found: ${path.join(ROOT, 'scenarios', 'does-not-exist.ts')}`);
    expect(ran.stderr).toContain('hint: Check the path');
  });

  it('exit 2 for a scenario that throws at import, naming file:line:column through the source map', async () => {
    const ran = await runCli(['run', 'test/fixtures/scenarios/throws.ts']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('✗ test/fixtures/scenarios/throws.ts:5:9: loading the scenario threw: set AWS_REGION before running this scenario');
  });

  it('exit 2 for an unknown flag', async () => {
    const ran = await runCli(['run', URL_SCENARIO, '--quite']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('quite');
  });

  it('exit 4 for an unreachable URL target, naming the URL, without sending traffic or writing a result', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/prod`;
    const reports = path.join(ws.dir, 'unreachable-reports');
    const ran = await runCli(['run', URL_SCENARIO, '--quiet', '--reports-dir', reports], { LAMBDALOAD_TEST_URL: url });
    expect(ran.code).toBe(4);
    expect(ran.stderr).toContain(`✗ Cannot reach ${url}: ECONNREFUSED`);
    expect(ran.stderr).toContain('hint: Nothing is listening there.');
    expect(await readdir(reports).catch(() => [])).toEqual([]);
  });
});
