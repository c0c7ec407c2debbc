/**
 * `lambdaload trend` by the real CLI: a folder of nightly results as Markdown (stdout) and HTML (--out), the slower
 * night flagged; a non-result .json skipped with a warning naming it; an empty folder, mixed scenarios and an
 * existing --out refused with exit 2 and nothing written or overwritten.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { night, writeNights } from '../../unit/trend/nights.js';
import { runCli, useCliWorkspace } from './helpers.js';

const ws = useCliWorkspace('trend');
let nights: string;

beforeAll(async () => {
  nights = path.join(ws.dir, 'nights');
  await writeNights(nights, { mon: night(1, 5), tue: night(2, 5), wed: night(3, 25) });
  await writeFile(path.join(nights, 'comparison.json'), '{"rows": []}');
});

describe('lambdaload trend', () => {
  it('Markdown to stdout: every night in order, the slower one flagged; the non-result file named on stderr', async () => {
    const ran = await runCli(['trend', nights]);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain('3 runs, 1 flagged');
    const rows = ran.stdout.split('\n').filter((l) => l.startsWith('| 2026'));
    expect(rows.map((r) => /(mon|tue|wed)\.json/.exec(r)?.[1])).toEqual(['mon', 'tue', 'wed']);
    expect(rows[2]).toMatch(/✗ regression: .*warm p50/);
    expect(ran.stderr).toContain(`! skipped ${path.join(nights, 'comparison.json')}: not a lambdaload result`);
  });

  it('HTML to --out, never over an existing file', async () => {
    const out = path.join(ws.dir, 'trend.html');
    const ran = await runCli(['trend', nights, '--format', 'html', '--out', out]);
    expect(ran.code, ran.stderr).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('✗ 1 of 3 runs flagged');
    expect(html).toContain('data-chart="trend-latency"');
    const again = await runCli(['trend', nights, '--format', 'html', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(await readFile(out, 'utf8')).toBe(html);
  });

  it('an empty folder and a folder of two scenarios: exit 2 saying why, nothing written', async () => {
    const empty = path.join(ws.dir, 'empty');
    await mkdir(empty);
    const out = path.join(ws.dir, 'never.md');
    const none = await runCli(['trend', empty, '--out', out]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no lambdaload results to trend: no .json file');

    const mixed = path.join(ws.dir, 'mixed');
    await writeNights(mixed, { a: night(1, 5), b: night(2, 5, { name: 'other' }) });
    const refused = await runCli(['trend', mixed, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('results of 2 scenarios ("hello" ×1, "other" ×1)');
    expect(refused.stderr).toContain('--scenario');
    await expect(stat(out)).rejects.toThrow();
    const chosen = await runCli(['trend', mixed, '--scenario', 'other']);
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).toContain('# Trend: other');
  });

  it('--help says what happens to files that are not results', async () => {
    const help = await runCli(['trend', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('a .json file that is not a lambdaload result is skipped with a warning naming it');
  });
});
