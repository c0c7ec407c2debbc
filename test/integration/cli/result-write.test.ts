/**
 * A result that cannot be written at the end of a run (here its folder is a file; a full disk fails the same way):
 * the summary is still printed, so the run's numbers are not lost with the file; then a clear error, exit 2, and no
 * file or temporary left behind.
 */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, useCliWorkspace } from './helpers.js';

const ws = useCliWorkspace('result-write');

describe('lambdaload run: the result cannot be written', () => {
  it('prints the summary, then the error with what to do, and exits 2', async () => {
    const reports = path.join(ws.dir, 'reports');
    await writeFile(reports, 'a file where the reports folder should be');
    const ran = await runCli(['run', 'test/fixtures/cli/url-target.ts', '--quiet', '--reports-dir', reports], { LAMBDALOAD_TEST_URL: ws.target.url });
    expect(ran.code, ran.stderr).toBe(2);
    expect(ran.stdout).toContain('cli-url');
    expect(ran.stdout).toContain('result: not written (see the error below)');
    expect(ran.stderr).toMatch(/✗ could not write the result .*cli-url-.*\.json: its folder is a file, not a folder \(EEXIST\)/);
    expect(ran.stderr).toContain('hint: Choose a place you can write to with --out (or --reports-dir). Nothing was left at');
    expect(await readdir(ws.dir)).toEqual(['reports']);
  });
});
