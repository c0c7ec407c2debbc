/**
 * The HTML report in a real browser (headless Chromium), from a real short run: the CLI runs a scenario against a
 * local HTTP server that answers as a Lambda behind API Gateway would (cold/warm evidence headers, 429 throttles, a
 * handler failing with markup in its body), under a hostile scenario name, and writes the report with --html. The
 * page, opened from a file:// URL, must draw every chart with the run's numbers, log no error, make no network
 * request and run none of the hostile markup. Screenshots and a PDF print go to test-artifacts/report-html/.
 * The saved emulator result of test/fixtures/results/hello.json (with cost) is rendered with `report --format html`,
 * and so is a saved result with incomplete CloudWatch evidence (test/fixtures/results/make-evidence-result.ts).
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/result/types.js';
import { ensureBuilt, ROOT, runCli } from '../cli/helpers.js';
import { chromiumPath, drawnPixels, launchBrowser, visit as open } from './browser.js';

const HOSTILE_NAME = `</script><img src=x onerror="window.__pwned=1">report`;
const HOSTILE_BODY = `</script><img src=x onerror="window.__pwned=2">`;
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'report-html');

let dir: string;
let server: Server;
let browser: Browser;
let result: RunResult;
let runExit: number | null;

beforeAll(async () => {
  if (chromiumPath === undefined) return;
  await ensureBuilt();
  let n = 0;
  // Every 25th request throttled (API Gateway's own 429 body), every 37th a handler 500 whose body is markup; the
  // first five cold (Init Duration in the evidence header), the rest warm on five environments.
  server = createServer((req, res) => {
    req.resume();
    const i = n++;
    if (i % 25 === 24) return void res.writeHead(429, { 'content-type': 'application/json' }).end('{"message":"Too Many Requests"}');
    if (i % 37 === 36) return void res.writeHead(500, { 'content-type': 'text/html' }).end(HOSTILE_BODY);
    const evidence = i < 5 ? `cold; init-ms=${(100 + i * 10).toFixed(1)}; env=e-${i}` : `warm; env=e-${i % 5}`;
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain', 'x-lambdaload-start': evidence }).end('hello'), i < 5 ? 100 : 2);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-html-'));
  const env = { LAMBDALOAD_TEST_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/prod`, LAMBDALOAD_TEST_NAME: HOSTILE_NAME };
  const ran = await runCli(['run', 'test/integration/report-html/fixtures/html-run.ts', '--quiet', '--out', path.join(dir, 'run.json'), '--html', path.join(dir, 'run.html')], env, 90_000);
  runExit = ran.code;
  expect(ran.stderr).not.toMatch(/✗/);
  result = JSON.parse(await readFile(path.join(dir, 'run.json'), 'utf8')) as RunResult;
  browser = await launchBrowser();
  await mkdir(ARTIFACTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  if (server) await new Promise((resolve) => server.close(resolve));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(chromiumPath === undefined)('HTML report of a real run, in Chromium', () => {
  it('the run wrote its report; thresholds failed (errors), so exit 3', () => {
    expect(runExit).toBe(3);
    expect(result.coldStarts.count).toBe(5);
    expect(result.errorKinds.requests.map((e) => e.status).sort()).toEqual([429, 500]);
  });

  it('draws every chart with the run’s numbers, offline, without an error or the hostile markup running', async () => {
    const { page, problems, requests } = await open(browser, path.join(dir, 'run.html'));
    for (const chart of ['percentiles', 'latency-time', 'throughput']) {
      const rendered = await page.getAttribute(`figure[data-chart="${chart}"]`, 'data-rendered');
      expect(Number(rendered), chart).toBeGreaterThan(0);
      expect(await drawnPixels(page, chart), chart).toBeGreaterThan(1_000);
    }
    expect(Number(await page.getAttribute('figure[data-chart="latency-time"]', 'data-rendered'))).toBe(result.timeline.length);
    const legend = await page.textContent('figure[data-chart="percentiles"] .u-legend');
    expect(legend).toContain(`warm (${result.latency.overall.warm.count})`);
    expect(legend).toContain(`cold (${result.latency.overall.cold.count})`);
    const overTime = await page.textContent('#over-time');
    expect(overTime).toContain(`${result.coldStarts.count} cold starts`);
    expect(await page.textContent('#verdict')).toContain('✗ FAILED');
    const errors = await page.textContent('#errors');
    expect(errors).toContain('Too Many Requests (429)');
    // The hostile strings are on the page as text, and nothing of them ran.
    expect(errors).toContain(HOSTILE_BODY);
    expect(await page.title()).toBe(`lambdaload: ${HOSTILE_NAME}`);
    expect(await page.$$eval('img', (imgs) => imgs.length)).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'run-report.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: path.join(ARTIFACTS, 'run-report.pdf'), format: 'A4' });
    await page.close();
  }, 90_000);

  it('`report --format html` of a saved emulator result: cost, comparison and quota tables with its numbers', async () => {
    const out = path.join(dir, 'hello.html');
    const ran = await runCli(['report', 'test/fixtures/results/hello.json', '--format', 'html', '--out', out]);
    expect(ran.stderr).toContain('written:');
    const saved = JSON.parse(await readFile(path.join(ROOT, 'test/fixtures/results/hello.json'), 'utf8')) as RunResult;
    const { page, problems, requests } = await open(browser, out);
    const cost = (await page.textContent('#cost'))!;
    expect(cost).toMatch(/per million requests: \$[\d.]+/);
    for (const row of saved.cost!.comparison.rows) expect(cost).toContain(row.label);
    expect(await page.$$eval('#cost .bar', (bars) => bars.length)).toBe(saved.cost!.comparison.rows.length);
    expect(await page.$$eval('#quotas tbody tr', (rows) => rows.length)).toBe(saved.quotas.length);
    expect(Number(await page.getAttribute('figure[data-chart="percentiles"]', 'data-rendered'))).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'saved-report.png'), fullPage: true });
    await page.close();
  }, 90_000);

  it('`report --format html` of a result with incomplete CloudWatch evidence: the server side beside the client, marked', async () => {
    const out = path.join(dir, 'evidence.html');
    const ran = await runCli(['report', 'test/fixtures/results/evidence-incomplete.json', '--format', 'html', '--out', out]);
    expect(ran.stderr).toContain('written:');
    const saved = JSON.parse(await readFile(path.join(ROOT, 'test/fixtures/results/evidence-incomplete.json'), 'utf8')) as RunResult;
    const { page, problems, requests } = await open(browser, out);
    const cells = await page.$$eval('#evidence table:first-of-type tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    const invocations = saved.evidence!.functions.reduce((n, f) => n + (f.invocations.value ?? 0), 0);
    expect(cells[0]).toEqual(['invocations / requests', String(invocations), String(saved.requests.completed), '! incomplete', expect.stringContaining('more invocations than requests')]);
    expect(await page.$$eval('#evidence-notes li', (items) => items.length)).toBe(saved.evidence!.notes.length);
    expect(await page.isVisible('#evidence')).toBe(true);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'evidence-report.png'), fullPage: true });
    await page.close();
  }, 90_000);
});
