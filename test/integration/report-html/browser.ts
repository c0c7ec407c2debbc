/**
 * The real browser for the HTML report tests: Debian's `chromium` (installed by .ci/run), driven by playwright-core
 * (which downloads no browser of its own). Missing, the tests skip with a message, unless LAMBDALOAD_REQUIRE_BROWSER is
 * set (CI), where they fail instead.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env.LAMBDALOAD_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);

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
