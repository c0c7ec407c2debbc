/**
 * The real browser for the HTML report tests: Debian's `chromium` (installed by .ci/run), driven by playwright-core
 * (which downloads no browser of its own). Missing, the tests skip with a message, unless LAMBDALOAD_REQUIRE_BROWSER is
 * set (CI), where they fail instead.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** LAMBDALOAD_CHROMIUM, when set, is the only candidate: a wrong path must not silently fall back to another browser. */
const CANDIDATES = process.env.LAMBDALOAD_CHROMIUM ? [process.env.LAMBDALOAD_CHROMIUM] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const chromiumPath: string | undefined = CANDIDATES.find((p) => existsSync(p));

export const browserRequired = !!process.env.LAMBDALOAD_REQUIRE_BROWSER;

if (chromiumPath === undefined) {
  const message = `no chromium at ${CANDIDATES.join(' or ')}: install it (apt-get install chromium) or set LAMBDALOAD_CHROMIUM`;
  if (browserRequired) throw new Error(`LAMBDALOAD_REQUIRE_BROWSER is set and ${message}`);
  console.warn(`SKIPPED: the HTML report's browser tests: ${message}`);
}

export async function launchBrowser(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'], timeout: 60_000 });
}

export interface Visit {
  page: Page;
  /** Console errors and warnings, page errors, dialogs (an alert would be injected markup running). */
  problems: string[];
  /** Every request other than the file itself: an offline page makes none. */
  requests: string[];
}

/** Opens `file` from a file:// URL and records what went wrong while it loaded and drew. */
export async function visit(browser: Browser, file: string): Promise<Visit> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const url = pathToFileURL(file).href;
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  return { page, problems, requests };
}

/** Pixels drawn (not transparent) on the canvases of the chart `figure[data-chart=chart]`. */
export function drawnPixels(page: Page, chart: string): Promise<number> {
  return page.$$eval(`figure[data-chart="${chart}"] canvas`, (canvases) =>
    (canvases as HTMLCanvasElement[]).reduce((sum, c) => {
      const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) n++;
      return sum + n;
    }, 0),
  );
}
