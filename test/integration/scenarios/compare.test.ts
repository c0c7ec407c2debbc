/**
 * `lambdaload compare` on real runs (the CLI, real HTTP, the runs' own histograms) against a local server that answers
 * after the time each run asks for: two runs at the same time report no regression; a run 20 ms slower per request
 * reports the warm p50 regression (and p99's where the machine's noise lets it show) with exit 3; runs of another
 * scenario are refused (exit 2) unless forced.
 * In the project 'alone' of vitest.config.ts: no other test file beside them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from '../cli/helpers.js';

let dir: string;
let server: Server;
let url: string;
const file = (name: string) => path.join(dir, `${name}.json`);

async function runSleep(name: string, sleepMs: number): Promise<void> {
  const ran = await runCli(['run', 'test/fixtures/cli/compare-sleep.ts', '--quiet', '--out', file(name)], { LAMBDALOAD_TEST_URL: url, LAMBDALOAD_TEST_SLEEP_MS: String(sleepMs) }, 60_000);
  expect(ran.code, ran.stderr).toBe(0);
}

beforeAll(async () => {
  await ensureBuilt();
  // `GET /sleep?ms=N` answers after N ms: a handler that takes N ms, without a function runtime's noise.
  server = createServer((req, res) => {
    const ms = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('ms') ?? '0');
    req.resume();
    // Labelled warm as lambdaload's wrapper would label a warm Lambda: the comparison reads warm percentiles.
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain', 'x-lambdaload-start': 'warm; env=e-1' }).end('hello'), ms);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prod`;
  dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-compare-'));
  // The three runs go at once, so they share whatever else this machine is doing: a busy moment that slowed one
  // sequential run by hundreds of ms made it "regress" for real. Sharing the machine, they differ only by the handler.
  await Promise.all([runSleep('base', 5), runSleep('again', 5), runSleep('slower', 25)]);
}, 180_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
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
    // p99 is the machine's as much as the handler's: on a quiet machine it regresses by the same 20 ms; when this
    // machine's own hiccups fill the tail of both runs, their intervals overlap and it stays `unchanged`. Never better.
    expect(ran.stdout).toMatch(/GET \/sleep · warm p99 .*(✗ regression|· unchanged)/);
    const md = await runCli(['compare', file('base'), file('slower'), '--format', 'md']);
    expect(md.code).toBe(3);
    expect(md.stdout).toMatch(/\| GET \/sleep · warm p50 \| [\d.]+ ms \| [\d.]+ ms \| \+[\d.]+ ms \(\+\d+%\) \| ✗ regression \|/);
    const html = await runCli(['compare', file('base'), file('slower'), '--format', 'html']);
    expect(html.code).toBe(3);
    expect(html.stdout).toMatch(/<td>GET \/sleep · warm p50<\/td>.*<span class="bad">✗ regression<\/span>/);
    const json = await runCli(['compare', file('base'), file('slower'), '--format', 'json']);
    const rows = (JSON.parse(json.stdout) as { rows: Array<{ metric: string; verdict: string; delta?: number }> }).rows;
    const p50 = rows.find((r) => r.metric === 'GET /sleep · warm p50')!;
    expect(p50.verdict).toBe('regression');
    // The handler's 20 ms, give or take the machine's noise.
    expect(p50.delta).toBeGreaterThan(15);
  });

  it('another scenario: exit 2 saying why; --force compares anyway', async () => {
    const other = path.join(dir, 'other.json');
    const ran = await runCli(['run', 'test/fixtures/cli/url-target.ts', '--quiet', '--out', other], { LAMBDALOAD_TEST_URL: url });
    expect(ran.code).toBe(0);
    const refused = await runCli(['compare', file('base'), other]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("the scenario names differ ('cli-compare-sleep' and 'cli-url')");
    const forced = await runCli(['compare', file('base'), other, '--force']);
    expect(forced.stdout).toContain('note: compared although the scenario names differ');
  });
});
