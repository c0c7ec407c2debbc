/**
 * The plan page in headless Chromium: `lambdaload plan scenarios/plans/launch.ts --html` (a launch spike), opened from
 * a file:// URL. Every chart drawn with one point per simulated second and the plan's numbers in the page, no console
 * error, no request. Screenshot in test-artifacts/report-html/.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanResult } from '../../../src/plan/result-types.js';
import { ensureBuilt, ROOT, runCli } from '../cli/helpers.js';
import { chromiumPath, drawnPixels, launchBrowser, visit } from './browser.js';

let dir: string;
let browser: Browser;

beforeAll(async () => {
  if (chromiumPath === undefined) return;
  await ensureBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-plan-html-'));
  browser = await launchBrowser();
}, 150_000);

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(chromiumPath === undefined)('plan page in Chromium', () => {
  it('draws traffic, environments, cold starts and throttles over time, offline and without errors', async () => {
    const html = path.join(dir, 'plan.html');
    const json = path.join(dir, 'plan.json');
    const ran = await runCli(['plan', path.join(ROOT, 'scenarios', 'plans', 'launch.ts'), '--no-recommendations', '--html', html, '--out', json], {}, 120_000);
    expect(ran.code, ran.stderr).toBe(0);
    const result = JSON.parse(await readFile(json, 'utf8')) as PlanResult;
    const { page, problems, requests } = await visit(browser, html);
    for (const chart of ['plan-traffic', 'plan-environments', 'plan-cold-throttles']) {
      expect(await page.getAttribute(`figure[data-chart="${chart}"]`, 'data-rendered'), chart).toBe(String(result.timeline.rows.length));
      expect(await drawnPixels(page, chart), chart).toBeGreaterThan(1_000);
    }
    expect(await page.textContent('#verdict')).toBe('✓ thresholds met');
    expect(await page.textContent('#outcome')).toContain(`${result.arrivals.toLocaleString('en-US')} requests`);
    expect(await page.textContent('#functions')).toContain(result.functions[0]!.name);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    const artifacts = path.join(ROOT, 'test-artifacts', 'report-html');
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'plan.png'), fullPage: true });
    await page.close();
  }, 180_000);
});
