/**
 * The trend of a folder: runs in time order whatever their file names, the night `compare` would flag marked in
 * Markdown and HTML, non-result files skipped by name, and the folders a trend cannot follow refused with why.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LambdaloadError } from '../../../src/errors.js';
import { loadTrendFolder } from '../../../src/trend/load.js';
import { renderTrendHtml } from '../../../src/trend/render-html.js';
import { renderTrendMarkdown } from '../../../src/trend/render-markdown.js';
import { buildTrend } from '../../../src/trend/series.js';
import { night, writeNights } from './nights.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-trend-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function refusal(promise: Promise<unknown>): Promise<LambdaloadError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(LambdaloadError);
  return error as LambdaloadError;
}

describe('trend of a folder', () => {
  it('orders runs by start time and flags the night that regressed against the night before', async () => {
    // File names out of time order: the trend follows timing.startedAt.
    await writeNights(dir, { c: night(1, 5), a: night(2, 5), b: night(3, 25), d: night(4, 25) });
    const { runs, skipped } = await loadTrendFolder(dir);
    expect(skipped).toEqual([]);
    const trend = buildTrend(runs);
    expect(trend.points.map((p) => path.basename(p.file))).toEqual(['c.json', 'a.json', 'b.json', 'd.json']);
    expect(trend.points.map((p) => p.regressions.length > 0)).toEqual([false, false, true, false]);
    expect(trend.points[2]!.regressions).toContain('GET /hello · warm p50');
    expect(trend.points[0]!.notCompared).toBe('first run');
    expect(trend.flagged).toBe(1);

    const md = renderTrendMarkdown(trend);
    const lines = md.split('\n').filter((l) => l.startsWith('| 2026'));
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/✗ regression: .*GET \/hello · warm p50/);
    expect(lines[1]).toContain('✓ no regression');
    expect(md).toContain('4 runs, 1 flagged');
    const warmP50 = trend.points[2]!.warm!.p50Ms;
    expect(lines[2]).toContain(`| ${warmP50.toFixed(1)} |`);

    const html = renderTrendHtml(trend);
    expect(html).toContain('✗ 1 of 4 runs flagged');
    const data = JSON.parse(/<script type="application\/json" id="lambdaload-data">([\s\S]*?)<\/script>/.exec(html)![1]!) as { flagged: boolean[]; warmP50: number[] };
    expect(data.flagged).toEqual([false, false, true, false]);
    expect(data.warmP50[2]).toBeCloseTo(warmP50, 2);
  });

  it('skips a .json file that is not a result, naming it; ignores other files and hidden temporaries', async () => {
    await writeNights(dir, { one: night(1, 5), two: night(2, 5) });
    await writeFile(path.join(dir, 'comparison.json'), '{"rows": []}');
    await writeFile(path.join(dir, 'cut.json'), '{"schemaVersion": 1, "status"');
    await writeFile(path.join(dir, 'one.html'), '<html></html>');
    await writeFile(path.join(dir, '.two.json.123-abc.tmp'), 'partial');
    const { runs, skipped } = await loadTrendFolder(dir);
    expect(runs).toHaveLength(2);
    expect(skipped.map((s) => path.basename(s.file))).toEqual(['comparison.json', 'cut.json']);
    expect(skipped[0]!.reason).toContain('not a lambdaload result');
    expect(skipped[1]!.reason).toContain('truncated');
  });

  it('refuses a folder with no result, saying what it found', async () => {
    const empty = await refusal(loadTrendFolder(dir));
    expect(empty.code).toBe('RESULT_INVALID');
    expect(empty.message).toContain('no .json file');
    await writeFile(path.join(dir, 'notes.json'), '[]');
    const none = await refusal(loadTrendFolder(dir));
    expect(none.message).toMatch(/1 \.json file, none a lambdaload result \(notes\.json: not a lambdaload result/);
    expect(none.exitCode).toBe(2);
    const missing = await refusal(loadTrendFolder(path.join(dir, 'nope')));
    expect(missing.message).toContain('no such folder');
  });

  it('refuses results of several scenarios, naming them; --scenario follows one', async () => {
    await writeNights(dir, { a: night(1, 5), b: night(2, 5), c: night(3, 5, { name: 'other' }) });
    const mixed = await refusal(loadTrendFolder(dir));
    expect(mixed.code).toBe('RESULT_MISMATCH');
    expect(mixed.message).toContain('results of 2 scenarios ("hello" ×2, "other" ×1)');
    expect(mixed.hint).toContain('--scenario');
    const chosen = await loadTrendFolder(dir, { scenario: 'other' });
    expect(chosen.runs).toHaveLength(1);
    expect(chosen.otherScenarios).toBe(2);
    expect((await refusal(loadTrendFolder(dir, { scenario: 'nope' }))).message).toContain('no results of scenario "nope"');
  });

  it('escapes a hostile scenario name in HTML and Markdown', async () => {
    const name = '</script><img src=x onerror=alert(1)>|x';
    await writeNights(dir, { a: night(1, 5, { name }), b: night(2, 5, { name }) });
    const trend = buildTrend((await loadTrendFolder(dir)).runs);
    const html = renderTrendHtml(trend);
    expect(html).not.toContain('<img');
    expect(html).toContain('Trend: &lt;/script&gt;&lt;img');
    expect(renderTrendMarkdown(trend)).toContain('# Trend: &lt;/script>&lt;img src=x onerror=alert(1)>\\|x');
  });
});
