/**
 * The plan's alternatives (issue 14): SnapStart and Lambda Managed Instances simulated on the same traffic and priced
 * with the cost room's charges beside the plan as given; refused where AWS does not offer them, with the reason.
 */
import { describe, expect, it } from 'vitest';
import { planCapacity } from '../../../src/plan/plan.js';
import { assertPlanResult } from '../../../src/plan/read-saved.js';
import { renderPlan } from '../../../src/plan/render.js';
import { renderPlanHtml } from '../../../src/plan/render-html.js';
import { renderPlanMarkdown } from '../../../src/plan/render-markdown.js';
import { validatePlan } from '../../../src/plan/validate.js';
import type { Plan } from '../../../src/plan/types.js';

const capacity = (plan: Plan) => {
  expect(validatePlan(plan)).toEqual([]);
  return planCapacity({ plan, dir: process.cwd(), results: new Map() }, { file: 'test.ts', recommendations: false });
};

const MONTHLY_REQUESTS = 10_000_000;

/**
 * One request every 5 s, evenly spaced, and environments reclaimed after 1 s idle: every request is a cold start,
 * with a 3 s INIT as with a 200 ms restore, so the two months differ only by what SnapStart changes in the bill.
 */
const slowInit = (runtime: string, extra: Partial<Plan> = {}): Plan => ({
  name: 'slow-init',
  region: 'us-east-1',
  arrivals: 'uniform',
  traffic: { type: 'steady', rps: 0.2, duration: '10m' },
  idleReclaim: '1s',
  monthlyRequests: MONTHLY_REQUESTS,
  functions: { f: { memoryMb: 1024, runtime, duration: 100, init: 3000, timeout: '10s' } },
  alternatives: { snapStart: { restoreDuration: '200ms', cachedHours: 720 } },
  ...extra,
});

describe('SnapStart alternative', () => {
  it('a 200 ms restore in place of a 3 s INIT: cold p99 falls to restore + handler, the month changes by cache + restore − the INIT billing replaced', () => {
    const result = capacity(slowInit('python3.13'));
    expect(result.arrivals).toBe(120);
    expect(result.coldStarts).toBe(120);
    const snap = result.alternatives!.find((a) => a.kind === 'snapstart')!;
    expect(snap.label).toBe('SnapStart (restore 200 ms)');
    expect(snap.coldStarts).toBe(120);
    expect(result.latency.cold.p99Ms).toBeGreaterThan(3000);
    expect(snap.coldP99Ms).toBeGreaterThan(299);
    expect(snap.coldP99Ms).toBeLessThan(302);

    // By hand, us-east-1, 1 GB, every one of the month's 10 M requests a cold start (aws-facts §1.1, §1.7):
    // INIT billed since 2025-08-01: ceil(100 + 3000) = 3,100 ms a request; SnapStart bills the restore in INIT's
    // place: ceil(100 + 200) = 300 ms. Both months stay in the first x86 duration tier ($0.0000166667 per GB-s).
    const replacedInitUsd = MONTHLY_REQUESTS * ((3100 - 300) / 1000) * 1 * 0.0000166667;
    // Cache: $0.0000015046 per GB-s (SKU WRKYMVM4XSRFFQ7B) × 1 GB × 720 h; restore: $0.0001397998 per GB restored
    // (SKU W3GTWG4PTZMXZ4F2) × 1 GB × 10 M restores.
    const cacheUsd = 1 * 720 * 3600 * 0.0000015046;
    const restoreUsd = MONTHLY_REQUESTS * 1 * 0.0001397998;
    expect(cacheUsd + restoreUsd - replacedInitUsd).toBeCloseTo(935.2303232, 6);
    expect(snap.deltaUsd).toBeCloseTo(cacheUsd + restoreUsd - replacedInitUsd, 6);
    expect(snap.monthlyUsd).toBeCloseTo(result.cost.totalUsd + snap.deltaUsd, 9);
    expect(snap.notes.join('\n')).toMatch(/restore duration given, 200 ms, instead of INIT \(given, not measured/);
    expect(result.recommendations.summary.join('\n')).toMatch(/SnapStart \(restore 200 ms\): 120 cold starts, cold p99 3,1\d\d → 300 ms/);
  });

  it('a Java managed runtime: the same shorter cold starts, no cache or restore charge', () => {
    const result = capacity(slowInit('java21'));
    const snap = result.alternatives!.find((a) => a.kind === 'snapstart')!;
    expect(snap.coldP99Ms).toBeLessThan(302);
    expect(snap.deltaUsd).toBeCloseTo(-MONTHLY_REQUESTS * 2.8 * 0.0000166667, 6);
    expect(snap.notes.join('\n')).toMatch(/Java managed runtimes pay no SnapStart cache or restore charge/);
  });

  it('a runtime SnapStart is not offered for: the run\'s warning, no row', () => {
    const result = capacity(slowInit('nodejs22.x'));
    expect(result.alternatives).toEqual([]);
    const warning = result.warnings.find((w) => w.code === 'COST_SNAPSTART_UNSUPPORTED');
    expect(warning?.message).toMatch(/^no SnapStart alternative: SnapStart is offered for java, python, dotnet runtimes \(.*\), not nodejs22\.x$/);
    expect(renderPlan(result)).not.toMatch(/alternatives \(same traffic/);
  });

  it('Provisioned Concurrency in the plan: no SnapStart row, and the note says why', () => {
    const plan = slowInit('python3.13');
    plan.functions.f.provisionedConcurrency = 1;
    const result = capacity(plan);
    expect(result.alternatives?.some((a) => a.kind === 'snapstart')).toBe(false);
    expect(result.notes).toContain('no SnapStart alternative: SnapStart cannot be combined with Provisioned Concurrency (Lambda SnapStart docs), which f uses in this plan');
  });
});

describe('Managed Instances alternative', () => {
  const spike = (managed: NonNullable<Plan['alternatives']>['managedInstances']): Plan => ({
    name: 'spike',
    region: 'us-east-1',
    traffic: { type: 'spike', toRps: 300, ramp: '10s', hold: '30s' },
    monthlyRequests: MONTHLY_REQUESTS,
    functions: { f: { memoryMb: 1024, duration: 80, init: { p50: 800, p99: 2000 }, timeout: '10s' } },
    alternatives: { managedInstances: managed },
  });

  it('removes the cold starts (capacity kept running) and is priced as requests, instances and the management fee', () => {
    const result = capacity(spike({ instanceHours: 1440, instanceType: 'm7g.large', ec2OnDemandHourlyUsd: 0.0816 }));
    expect(result.coldStarts).toBeGreaterThan(10);
    const managed = result.alternatives!.find((a) => a.kind === 'managed-instances')!;
    expect(managed.label).toBe('Managed Instances (m7g.large)');
    expect(managed.coldStarts).toBe(0);
    expect(managed.throttled).toBe(0);
    expect(managed.p99Ms).toBeLessThan(result.latency.all.p99Ms);
    // aws-facts §1.5: $0.20 per 1M requests, the EC2 hours as given, a management fee of 15% of them; no duration.
    const expected = result.cost.apiUsd + (MONTHLY_REQUESTS / 1e6) * 0.2 + 1440 * 0.0816 * 1.15;
    expect(managed.monthlyUsd).toBeCloseTo(expected, 6);
    expect(managed.deltaUsd).toBeCloseTo(expected - result.cost.totalUsd, 6);
    expect(managed.notes.join('\n')).toMatch(/does not model the instances' capacity/);
    expect(managed.warnings).toEqual([]);
  });

  it('without an EC2 price: PRICE_UNKNOWN, as in the run', () => {
    const result = capacity(spike({ instanceHours: 1440, instanceType: 'm7g.large' }));
    const managed = result.alternatives!.find((a) => a.kind === 'managed-instances')!;
    expect(managed.warnings.join('\n')).toMatch(/EC2 on-demand price of m7g\.large is not in lambdaload's tables/);
    expect(result.warnings.some((w) => w.code === 'PRICE_UNKNOWN' && /m7g\.large/.test(w.message))).toBe(true);
    expect(result.recommendations.summary.join('\n')).toMatch(/Managed Instances \(m7g\.large\): no cold starts .*some charges unpriced/);
  });
});

describe('alternatives in the output', () => {
  it('terminal, Markdown and HTML show the table; a saved plan read back keeps it', () => {
    const plan = slowInit('python3.13', { alternatives: { snapStart: { restoreDuration: '200ms' }, managedInstances: { instanceHours: 720, ec2OnDemandHourlyUsd: 0.1 } } });
    const saved = assertPlanResult(JSON.parse(JSON.stringify(capacity(plan))), 'plan.json');
    expect(saved.alternatives!.map((a) => a.label)).toEqual(['SnapStart (restore 200 ms)', 'Managed Instances']);
    const terminal = renderPlan(saved);
    expect(terminal).toMatch(/alternatives \(same traffic, simulated again\):/);
    expect(terminal).toMatch(/│ SnapStart \(restore 200 ms\) *│ 120 *│ 0 *│/);
    expect(terminal).toMatch(/│ Managed Instances *│ 0 *│/);
    expect(terminal).toMatch(/SnapStart \(restore 200 ms\): the snapshot cached 720 h in the month \(the whole month/);
    const markdown = renderPlanMarkdown(saved);
    expect(markdown).toMatch(/## Alternatives[\s\S]*\| SnapStart \(restore 200 ms\) \| 120 \| 0 \|/);
    expect(renderPlanHtml(saved)).toMatch(/<section id="alternatives">[\s\S]*<td>SnapStart \(restore 200 ms\)<\/td><td class="num">120<\/td>/);
  });
});

describe('validation', () => {
  it('bad alternatives: every problem with its key path', () => {
    const plan = { ...slowInit('python3.13'), alternatives: { snapStart: { restoreDurationMs: 200, cachedHours: -1 }, managedInstances: { instanceType: '' }, microVm: {} } };
    const problems = validatePlan(plan).map((p) => `${p.path} ${p.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^alternatives\.microVm is not a known key/),
        expect.stringMatching(/^alternatives\.snapStart\.restoreDurationMs is not a known key; did you mean restoreDuration\?/),
        expect.stringMatching(/^alternatives\.snapStart\.restoreDuration is required/),
        expect.stringMatching(/^alternatives\.snapStart\.cachedHours must be >= 0/),
        expect.stringMatching(/^alternatives\.managedInstances\.instanceHours is required/),
        expect.stringMatching(/^alternatives\.managedInstances\.instanceType must not be empty/),
      ]),
    );
    expect(validatePlan({ ...slowInit('python3.13'), functions: { f: { duration: 50, init: 300, runtime: 3 } } }).map((p) => p.path)).toEqual(['functions.f.runtime']);
  });
});
