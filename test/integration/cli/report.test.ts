/**
 * `lambdaload report`: a result saved by a real run, rendered again as terminal, Markdown, JUnit and JSON; the exit
 * code follows the run's verdict; bad inputs exit 2 and never overwrite a file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, useCliWorkspace } from './helpers.js';

const ws = useCliWorkspace('report');
let passed: string;
let failed: string;

beforeAll(async () => {
  passed = path.join(ws.dir, 'passed.json');
  failed = path.join(ws.dir, 'failed.json');
  const ok = await runCli(['run', 'test/fixtures/cli/url-target.ts', '--quiet', '--out', passed], { LAMBDALOAD_TEST_URL: ws.target.url });
  expect(ok.code).toBe(0);
  const bad = await runCli(['run', 'test/fixtures/cli/threshold-fails.ts', '--quiet', '--out', failed], { LAMBDALOAD_TEST_URL: ws.target.url });
  expect(bad.code).toBe(3);
}, 120_000);

describe('lambdaload report', () => {
  it('renders the terminal summary of a saved result as run printed it, exit 0', async () => {
    const ran = await runCli(['report', passed]);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^cli-url\n/);
    expect(ran.stdout).toContain('✓ error rate ≤ 1%: 0.0%');
  });

  it('Markdown and JSON to stdout; JUnit to a file; exit 3 for a run whose threshold failed', async () => {
    const md = await runCli(['report', failed, '--format', 'md']);
    expect(md.code).toBe(3);
    expect(md.stdout).toMatch(/^# cli-threshold-fails\n/);
    expect(md.stdout).toContain('## Thresholds');
    const json = await runCli(['report', passed, '--format', 'json']);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(await readFile(passed, 'utf8')));
    const out = path.join(ws.dir, 'junit.xml');
    const junit = await runCli(['report', failed, '--format', 'junit', '--out', out]);
    expect(junit.code).toBe(3);
    const xml = await readFile(out, 'utf8');
    expect(xml).toMatch(/<testsuite name="lambdaload [^"]+" tests="3" failures="1"/);
    expect(xml).toContain('<failure message="error rate ≤ 1%: actual 1">');
  });

  it('exit 2 for a file that is not a result, a truncated one, and an --out that exists (left as it was)', async () => {
    const notJson = path.join(ws.dir, 'notes.txt');
    await writeFile(notJson, 'hello');
    const a = await runCli(['report', notJson]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain(`✗ ${notJson}: not valid JSON`);
    const cut = path.join(ws.dir, 'cut.json');
    await writeFile(cut, (await readFile(passed, 'utf8')).slice(0, 300));
    const b = await runCli(['report', cut]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('it ends early (truncated?)');
    const c = await runCli(['report', passed, '--format', 'md', '--out', notJson]);
    expect(c.code).toBe(2);
    expect(await readFile(notJson, 'utf8')).toBe('hello');
    const d = await runCli(['report', passed, '--format', 'pdf']);
    expect(d.code).toBe(2);
  });
});
