/**
 * `lambdaload compare` on real runs of one scenario on the emulator (in the project 'alone' of vitest.config.ts: no
 * other test file beside them): two runs at the same handler time report no regression; a run whose handler sleeps
 * 20 ms more reports the warm p50 and p99 regression with exit 3; runs of another scenario are refused (exit 2) unless
 * forced.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from '../cli/helpers.js';

let dir: string;
const file = (name: string) => path.join(dir, `${name}.json`);

async function runSleep(name: string, sleepMs: number): Promise<void> {
  const ran = await runCli(['run', 'test/fixtures/cli/compare-sleep.ts', '--quiet', '--out', file(name)], { LAMBDALOAD_TEST_SLEEP_MS: String(sleepMs) }, 60_000);
  expect(ran.code, ran.stderr).toBe(0);
}

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-compare-'));
  // The three runs go at once, so they share whatever else this machine is doing: a busy moment that slowed one
  // sequential run by hundreds of ms made it "regress" for real. Sharing the machine, they differ only by the handler.
  await Promise.all([runSleep('base', 5), runSleep('again', 5), runSleep('slower', 25)]);
}, 180_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('lambdaload compare', () => {
  it('the same scenario twice: no regression, exit 0 (noise is not a regression)', async () => {
    const ran = await runCli(['compare', file('base'), file('again')]);
    expect(ran.code, ran.stdout).toBe(0);
    expect(ran.stdout).toMatch(/^compare cli-compare-sleep: no regression\n/);
  });

  it('20 ms more per request: the warm p50 and p99 regress, exit 3, in the terminal and in Markdown', async () => {
    const ran = await runCli(['compare', file('base'), file('slower')]);
    expect(ran.code, ran.stdout).toBe(3);
    expect(ran.stdout).toMatch(/GET \/sleep · warm p50 .*\+\d+\.\d+ ms .*✗ regression/);
    expect(ran.stdout).toMatch(/GET \/sleep · warm p99 .*✗ regression/);
    const md = await runCli(['compare', file('base'), file('slower'), '--format', 'md']);
    expect(md.code).toBe(3);
    expect(md.stdout).toMatch(/\| GET \/sleep · warm p50 \| [\d.]+ ms \| [\d.]+ ms \| \+[\d.]+ ms \(\+\d+%\) \| ✗ regression \|/);
    const json = await runCli(['compare', file('base'), file('slower'), '--format', 'json']);
    const rows = (JSON.parse(json.stdout) as { rows: Array<{ metric: string; verdict: string; delta?: number }> }).rows;
    const p50 = rows.find((r) => r.metric === 'GET /sleep · warm p50')!;
    expect(p50.verdict).toBe('regression');
    // The handler's 20 ms, give or take the machine's noise.
    expect(p50.delta).toBeGreaterThan(15);
  });

  it('another scenario: exit 2 saying why; --force compares anyway', async () => {
    const other = path.join(dir, 'other.json');
    const ran = await runCli(['run', 'test/fixtures/cli/emulator-hello.ts', '--quiet', '--out', other]);
    expect(ran.code).toBe(0);
    const refused = await runCli(['compare', file('base'), other]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("the scenario names differ ('cli-compare-sleep' and 'cli-emulator')");
    const forced = await runCli(['compare', file('base'), other, '--force']);
    expect(forced.stdout).toContain('note: compared although the scenario names differ');
  });
});
