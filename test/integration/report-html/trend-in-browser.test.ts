/**
 * The trend page in headless Chromium: three nights, the slower one flagged; every chart drawn with one point per
 * night and the flagged marker in its legend, no console error, no request. Screenshot in test-artifacts/report-html/.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTrendFolder } from '../../../src/trend/load.js';
import { renderTrendHtml } from '../../../src/trend/render-html.js';
import { buildTrend } from '../../../src/trend/series.js';
import { night, writeNights } from '../../unit/trend/nights.js';
import { ROOT } from '../cli/helpers.js';
import { chromiumPath, drawnPixels, launchBrowser, visit } from './browser.js';

let dir: string;
let browser: Browser;

beforeAll(async () => {
  if (chromiumPath === undefined) return;
  dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-trend-html-'));
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(chromiumPath === undefined)('trend page in Chromium', () => {
  it('draws latency, rates and cost per night with the flagged night marked, offline and without errors', async () => {
    await writeNights(path.join(dir, 'nights'), { mon: night(1, 5), tue: night(2, 5), wed: night(3, 25) });
    const trend = buildTrend((await loadTrendFolder(path.join(dir, 'nights'))).runs);
    const file = path.join(dir, 'trend.html');
    await writeFile(file, renderTrendHtml(trend));
    const { page, problems, requests } = await visit(browser, file);
    for (const chart of ['trend-latency', 'trend-rates', 'trend-cost']) {
      expect(await page.getAttribute(`figure[data-chart="${chart}"]`, 'data-rendered'), chart).toBe('3');
      expect(await drawnPixels(page, chart), chart).toBeGreaterThan(1_000);
      expect(await page.textContent(`figure[data-chart="${chart}"] .u-legend`)).toContain('flagged by compare');
    }
    expect(await page.$$eval('#trend-table tr.flagged', (rows) => rows.map((r) => r.textContent))).toEqual([expect.stringContaining('wed.json')]);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    const artifacts = path.join(ROOT, 'test-artifacts', 'report-html');
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'trend.png'), fullPage: true });
    await page.close();
  }, 90_000);
});
