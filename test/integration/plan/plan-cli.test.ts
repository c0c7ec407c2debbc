/**
 * `lambdaload plan` as a user runs it (the built CLI, a spawned process): a plan file gives the terminal verdict and
 * the versioned JSON; a saved result's traffic scaled up names the quotas to raise; a bad plan lists every problem
 * with exit 2; a failed threshold exits 3; the plan's alternatives come beside it.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, runCli } from '../cli/helpers.js';

let dir: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'lambdaload-plan-'));
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('lambdaload plan', () => {
  it('an example plan: the verdict, the cost, the recommendations; --out writes kind plan, schemaVersion 1', async () => {
    const out = path.join(dir, 'launch.json');
    const ran = await runCli(['plan', 'scenarios/plans/launch.ts', '--out', out], {}, 120_000);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/^plan launch: ✓ thresholds met · us-east-1 · REST API · spike traffic, peak 3,000 req\/s/);
    expect(ran.stdout).toContain('API Gateway REST requests');
    expect(ran.stdout).toMatch(/provisioned concurrency \d+: \d+ fewer cold starts/);
    const result = JSON.parse(await readFile(out, 'utf8'));
    expect(result.kind).toBe('plan');
    expect(result.schemaVersion).toBe(1);
    expect(result.coldStarts).toBeGreaterThan(0);
    expect(result.timeline.bucketS).toBe(1);
    expect(result.timeline.rows).toHaveLength(140);
    expect(result.cost.totalUsd).toBeGreaterThan(0);
    expect(typeof result.histograms.all).toBe('string');
  }, 120_000);

  it("a saved run of scenarios/hello.ts × 2,000: throttled past the account's limits, with the quota increases to ask for, exit 0", async () => {
    const ran = await runCli(['plan', 'test/integration/plan/fixtures/hello-run.json', '--scale', '2000', '--json'], {}, 120_000);
    expect(ran.code, ran.stderr).toBe(0);
    const result = JSON.parse(ran.stdout);
    expect(result.plan.trafficType).toBe('result');
    expect(result.plan.peakRps).toBeGreaterThan(100_000);
    expect(result.throttles.apiAccount).toBeGreaterThan(0);
    expect(result.statuses['429']).toBe(result.throttles.apiAccount);
    const asked = result.recommendations.quotas.map((q: { quota: string }) => q.quota);
    expect(asked).toContain('API Gateway account throttle');
    expect(result.warnings.map((w: { code: string }) => w.code)).toContain('REGION_DEFAULTED');
  }, 120_000);

  it("a plan file naming a result beside it: the run's traffic × 10 and its durations, read relative to the plan", async () => {
    await writeFile(path.join(dir, 'run.json'), await readFile(path.join(ROOT, 'test/integration/plan/fixtures/hello-run.json')));
    const file = path.join(dir, 'from-run.ts');
    await writeFile(file, "export default {\n  name: 'from-run',\n  region: 'us-east-1',\n  traffic: { type: 'result', file: './run.json', scale: 10 },\n  functions: { hello: { memoryMb: 128, duration: { fromResult: './run.json' }, init: { fromResult: './run.json' } } },\n};\n");
    const ran = await runCli(['plan', file, '--json', '--no-recommendations']);
    expect(ran.code, ran.stderr).toBe(0);
    const result = JSON.parse(ran.stdout);
    expect(result.plan.peakRps).toBe(1_510); // the run's busiest second (151 sent) × 10
    expect(result.functions[0].durationSource).toMatch(/run\.json: \d+ warm service times/);
    expect(result.functions[0].initSource).toMatch(/cold service times less the warm median/);
    expect(result.latency.cold.p50Ms).toBeGreaterThan(result.latency.warm.p50Ms);
  });

  it('a plan with problems: every one listed with its line, exit 2', async () => {
    const file = path.join(dir, 'bad.ts');
    await writeFile(file, "export default {\n  name: 'bad',\n  traffic: { type: 'steady', rps: 0, duration: '1m' },\n  functions: {\n    f: { memoryMb: 99999, duration: 10 },\n  },\n};\n");
    const ran = await runCli(['plan', file]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('3 problems');
    expect(ran.stderr).toMatch(/bad\.ts:\d+ traffic\.rps must be > 0 \(got 0\)/);
    expect(ran.stderr).toMatch(/bad\.ts:5 functions\.f\.memoryMb must be from 128 to 10240/);
    expect(ran.stderr).toMatch(/bad\.ts:5 functions\.f\.init is required/);
  });

  it("the plan's alternatives: SnapStart and Managed Instances beside the plan, even with --no-recommendations; a bad key with its line", async () => {
    const ran = await runCli(['plan', 'scenarios/plans/slow-init.ts', '--no-recommendations'], {}, 120_000);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/alternatives \(same traffic, simulated again\):/);
    expect(ran.stdout).toMatch(/│ SnapStart \(restore 300 ms\) +│ \d+ +│ 0 +│/);
    expect(ran.stdout).toMatch(/│ Managed Instances \(m7g\.large\) +│ 0 +│ 0 +│/);
    const file = path.join(dir, 'bad-alternatives.ts');
    await writeFile(file, "export default {\n  name: 'bad',\n  traffic: { type: 'steady', rps: 5, duration: '1m' },\n  functions: { f: { duration: 10, init: 300 } },\n  alternatives: {\n    snapStart: { restoreDurationMs: 200 },\n  },\n};\n");
    const bad = await runCli(['plan', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad-alternatives\.ts:6 alternatives\.snapStart\.restoreDurationMs is not a known key; did you mean restoreDuration\?/);
    expect(bad.stderr).toMatch(/alternatives\.snapStart\.restoreDuration is required/);
  });

  it('a threshold the plan misses: ✗ in the verdict, exit 3', async () => {
    const file = path.join(dir, 'slow.ts');
    await writeFile(file, "export default {\n  name: 'slow',\n  region: 'us-east-1',\n  traffic: { type: 'steady', rps: 50, duration: '20s' },\n  functions: { f: { memoryMb: 1024, duration: 500, init: 800, timeout: '5s' } },\n  thresholds: { p99Ms: 300 },\n};\n");
    const ran = await runCli(['plan', file, '--no-recommendations']);
    expect(ran.code, ran.stderr).toBe(3);
    expect(ran.stdout).toMatch(/^plan slow: ✗ 1 threshold failed/);
    expect(ran.stdout).toMatch(/✗ p99Ms/);
  });
});
