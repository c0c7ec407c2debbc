/**
 * Failures are never silent: a function whose files are missing stops the run before any traffic (exit 2, every
 * problem with file:line and key path), and a function that fails at import fails the run by the implicit errorRate
 * threshold (exit 3), with its Lambda error type in the summary and the result.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResult, runCli, useCliWorkspace } from './helpers.js';

const ws = useCliWorkspace('failures');

describe('lambdaload run: failures are never silent', () => {
  it('exit 2 before any traffic when a handler file or a code folder is missing, every problem at once with file:line', async () => {
    const reports = path.join(ws.dir, 'missing-reports');
    const ran = await runCli(['run', 'test/fixtures/cli/missing-code.ts', '--quiet', '--reports-dir', reports], {}, 60_000);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    const file = 'test/fixtures/cli/missing-code.ts';
    expect(ran.stderr).toContain(`✗ ${file}: 3 problems`);
    expect(ran.stderr).toContain(`  - ${file}:10 target.functions.hello.handler "main.handler" names a file that is not in "./functions/hello" (looked for main.js, main.mjs, main.cjs)`);
    expect(ran.stderr).toContain(`  - ${file}:11 target.functions.gone.code "./functions/no-such-folder" does not exist`);
    expect(ran.stderr).toContain(`  - ${file}:11 target.functions.gone.memoryMb must be from 128 to 10240`);
    expect(ran.stderr).toContain('hint: ');
    // No run happened: no result file.
    expect(await readdir(reports).catch(() => [])).toEqual([]);
  }, 90_000);

  it('exit 3 by the implicit errorRate threshold when the function fails at import, with Runtime.ImportModuleError counted and shown', async () => {
    const out = path.join(ws.dir, 'broken-import.json');
    const markdown = path.join(ws.dir, 'broken-import.md');
    const ran = await runCli(['run', 'test/fixtures/cli/broken-import.ts', '--quiet', '--out', out, '--markdown', markdown], {}, 120_000);
    expect(ran.code, ran.stderr).toBe(3);
    expect(ran.stdout).toMatch(/✗ error rate ≤ 1% \(implicit: no errorRate threshold declared\): 100\.0%/);
    expect(ran.stdout).toMatch(/Errors: (\d+) of \1 requests failed \(100\.0%\)/);
    expect(ran.stdout).toMatch(/✗ GET \/broken: \d+ × 502 Internal server error \(gateway\)/);
    expect(ran.stdout).toMatch(/✗ broken: \d+ × Runtime\.ImportModuleError/);
    expect(ran.stdout.indexOf('Errors:')).toBeLessThan(ran.stdout.indexOf('Latency from intended send'));

    const result = await readResult(out);
    const completed = result.requests.completed;
    expect(completed).toBeGreaterThan(0);
    expect(result.thresholds).toEqual([expect.objectContaining({ threshold: { metric: 'errorRate', max: 0.01 }, passed: false, actual: 1, implicit: true })]);
    expect(result.errorKinds.requests).toEqual([
      { request: 'GET /broken', source: 'gateway', kind: 'Internal server error', status: 502, count: completed, example: '{"message": "Internal server error"}' },
    ]);
    // Every request reached the function and failed its INIT: one error per invocation, with the runtime's message.
    const [importError] = result.errorKinds.functions;
    expect(result.errorKinds.functions).toHaveLength(1);
    expect(importError).toMatchObject({ function: 'broken', errorType: 'Runtime.ImportModuleError', count: result.emulator!.invocations });
    expect(importError!.example).toContain('lambdaload-test-package-that-does-not-exist');
    expect(result.errorKinds.otherCount).toBe(0);

    const md = await readFile(markdown, 'utf8');
    expect(md).toContain('| broken | Runtime.ImportModuleError |');
  }, 150_000);
});
