/**
 * `lambdaload plan` with real traffic and saved results, as a user runs it (the built CLI, spawned): a plan replaying
 * a CSV beside it, with payload sizes; --traffic on the command line; a broken CSV listing every problem with
 * file:line (exit 2); a saved plan rendered again with --from (terminal, Markdown, HTML) without simulating; a file
 * that is not a plan result refused with what it is (exit 2).
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, runCli } from '../cli/helpers.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/plan-traffic');
let dir: string;
let saved: string;
let savedResult: { arrivals: number; cost: { totalUsd: number }; plan: { name: string } };

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-plan-inputs-'));
  // A plan naming its CSV relative to itself, with sizes: the run that the --from tests render again.
  await copyFile(path.join(FIXTURES, 'cloudwatch-per-minute.csv'), path.join(dir, 'traffic.csv'));
  await writeFile(
    path.join(dir, 'csv-plan.ts'),
    [
      'export default {',
      "  name: 'csv-plan',",
      "  region: 'us-east-1',",
      "  arrivals: 'uniform',",
      "  traffic: { type: 'csv', file: './traffic.csv' },",
      "  api: { type: 'rest' },",
      "  functions: { f: { memoryMb: 1024, duration: 30, init: 250, timeout: '3s' } },",
      '  payload: { requestKb: [{ sizeKb: 4, weight: 9 }, { sizeKb: 7000, weight: 1 }], responseKb: 64 },',
      '};',
      '',
    ].join('\n'),
  );
  saved = path.join(dir, 'saved-plan.json');
  const ran = await runCli(['plan', path.join(dir, 'csv-plan.ts'), '--no-recommendations', '--out', saved], {}, 120_000);
  expect(ran.code, ran.stderr).toBe(0);
  savedResult = JSON.parse(await readFile(saved, 'utf8'));
}, 180_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('traffic from a CSV, payload sizes', () => {
  it("the plan's CSV is replayed request for request (uniform arrivals) and a 7 MB request band is flagged", async () => {
    const csv = await readFile(path.join(FIXTURES, 'cloudwatch-per-minute.csv'), 'utf8');
    const fileTotal = csv.trim().split('\n').slice(1).reduce((sum, line) => sum + Number(line.split(',')[1].replace(/"/g, '')), 0);
    expect(savedResult.arrivals).toBe(fileTotal);
    const result = savedResult as unknown as { plan: { trafficType: string }; payload: { over: Array<{ kind: string; share: number; status: number }> }; warnings: Array<{ code: string }>; cost: { estimate: { lines: Array<{ item: string }> } } };
    expect(result.plan.trafficType).toBe('csv');
    expect(result.payload.over).toEqual([expect.objectContaining({ kind: 'request', share: 0.1, status: 413 })]);
    expect(result.warnings.map((w) => w.code)).toContain('PAYLOAD_OVER_LIMIT');
    expect((savedResult as unknown as { statuses: Record<string, number> }).statuses['413']).toBeGreaterThan(0);
    expect(result.cost.estimate.lines.map((l) => l.item)).toContain('Data transfer out');
  });

  it('--traffic replaces the plan traffic with a CSV, and --scale multiplies it', async () => {
    const ran = await runCli(['plan', 'scenarios/plans/launch.ts', '--traffic', 'test/fixtures/plan-traffic/offsets-rps.csv', '--scale', '3', '--no-recommendations', '--json'], {}, 120_000);
    expect(ran.code, ran.stderr).toBe(0);
    const result = JSON.parse(ran.stdout);
    expect(result.plan.trafficType).toBe('csv');
    expect(result.plan.peakRps).toBe(150);
    expect(result.durationS).toBe(80);
  }, 120_000);

  it('a broken CSV: every problem with file:line and how to fix it, exit 2', async () => {
    const ran = await runCli(['plan', 'scenarios/plans/launch.ts', '--traffic', 'test/fixtures/plan-traffic/broken.csv']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('6 problems in the traffic CSV');
    expect(ran.stderr).toMatch(/broken\.csv:3 rps 'abc' must be a number >= 0/);
    expect(ran.stderr).toMatch(/broken\.csv:5 time 'yesterday' is neither an ISO 8601 time/);
    expect(ran.stderr).toMatch(/broken\.csv:8 rps '-3'/);
    expect(ran.stderr).toMatch(/header row, then one row per interval/);
  });
});

describe('plan --from: a saved plan rendered again', () => {
  it('the terminal rendering of the saved figures, without simulating', async () => {
    const ran = await runCli(['plan', '--from', saved]);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/^plan csv-plan: ✓ thresholds met · us-east-1 · REST API · csv traffic/);
    expect(ran.stdout).toContain(`requests ${savedResult.arrivals.toLocaleString('en-US')}`);
  });

  it('--format md and --html write the same figures', async () => {
    const html = path.join(dir, 'again.html');
    const ran = await runCli(['plan', '--from', saved, '--format', 'md', '--html', html]);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/^# Plan: csv-plan\n/);
    expect(ran.stdout).toContain(`${savedResult.arrivals.toLocaleString('en-US')} requests`);
    expect(ran.stdout).toMatch(/## Payload sizes\n\nrequests 90% 4 KB, 10% 7,000 KB/);
    const page = await readFile(html, 'utf8');
    expect(page).toContain('<h1>Plan: csv-plan</h1>');
    expect(page).toContain(`${savedResult.arrivals.toLocaleString('en-US')} requests`);
    expect(page).toContain('Payload sizes');
  });

  it('a run result, a file of another kind, or not JSON: exit 2 saying what the file is', async () => {
    const run = await runCli(['plan', '--from', 'test/integration/plan/fixtures/hello-run.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not a plan result: it is a run result of `lambdaload run` \(scenario 'hello'\)/);
    const other = path.join(dir, 'other.json');
    await writeFile(other, JSON.stringify({ kind: 'comparison', schemaVersion: 1 }));
    const kind = await runCli(['plan', '--from', other]);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/its kind is "comparison", not 'plan'/);
    const text = path.join(dir, 'notes.json');
    await writeFile(text, 'plan: launch\n');
    const bad = await runCli(['plan', '--from', text]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not a plan result: not JSON/);
    const both = await runCli(['plan', 'scenarios/plans/launch.ts', '--from', saved]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/not both/);
  });
});
