/**
 * Recommendations and the sweep through `planCapacity`: the cheapest configuration is one that meets the thresholds
 * (durations scaled by CPU share at other memory sizes, and the output says so); provisioned levels remove cold
 * starts at a price; throttles turn into the quota or setting to raise, with the value.
 */
import { describe, expect, it } from 'vitest';
import { planCapacity } from '../../../src/plan/plan.js';
import type { Plan } from '../../../src/plan/types.js';

const capacity = (plan: Plan, sweep = false) => planCapacity({ plan, dir: process.cwd(), results: new Map() }, { file: 'test.ts', sweep });

describe('sweep', () => {
  it('marks the cheapest row that meets the p99 target: 512 MB is 3.5× slower by CPU share and misses it', () => {
    const result = capacity({
      name: 'sweep',
      region: 'us-east-1',
      traffic: { type: 'steady', rps: 50, duration: '60s' },
      functions: { f: { memoryMb: 1769, duration: 100, init: 300, timeout: '10s' } },
      thresholds: { p99Ms: 200 },
      sweep: { memoryMb: [512, 1769], architectures: ['x86_64', 'arm64'], apiTypes: ['rest', 'http'], provisioned: [0] },
    });
    const rows = result.sweep!.rows;
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.memoryMb === 512).every((r) => !r.meetsThresholds && r.warmP50Ms > 300)).toBe(true);
    const cheapest = rows.filter((r) => r.cheapest);
    expect(cheapest).toHaveLength(1);
    expect(cheapest[0]).toMatchObject({ memoryMb: 1769, architecture: 'arm64', apiType: 'http' });
    expect(Math.min(...rows.filter((r) => r.meetsThresholds).map((r) => r.monthlyUsd))).toBe(cheapest[0].monthlyUsd);
    expect(result.sweep!.note).toMatch(/scaled by CPU share \(memory \/ 1,769 MB of a vCPU/);
    expect(result.recommendations.summary.join('\n')).toMatch(/cheapest configuration meeting the thresholds: 1769 MB arm64 HTTP API/);
  });
});

describe('recommendations', () => {
  it('provisioned levels remove cold starts and cost more a month; none at the peak leaves none', () => {
    const result = capacity({
      name: 'pc',
      region: 'us-east-1',
      traffic: { type: 'spike', toRps: 200, ramp: '10s', hold: '50s' },
      functions: { f: { memoryMb: 1024, duration: 100, init: 400, timeout: '10s' } },
    });
    const options = result.recommendations.provisioned;
    expect(options.length).toBeGreaterThan(0);
    const atPeak = options.at(-1)!;
    expect(atPeak.coldStarts).toBe(0);
    expect(atPeak.coldStartsRemoved).toBe(result.coldStarts);
    expect(atPeak.extraUsd).toBeGreaterThan(0);
  });

  it('throttles by reserved concurrency and by the API Gateway account: the settings and quotas to raise, with values', () => {
    const result = capacity({
      name: 'quotas',
      region: 'us-east-1',
      traffic: { type: 'steady', rps: 12_000, duration: '20s' },
      functions: { f: { memoryMb: 1769, duration: 20, init: 100, timeout: '3s', reservedConcurrency: 100 } },
    });
    const byQuota = Object.fromEntries(result.recommendations.quotas.map((q) => [q.quota, q]));
    expect(byQuota['reservedConcurrency of f (a setting)'].requested).toBeGreaterThan(100);
    expect(byQuota['API Gateway account throttle']).toMatchObject({ current: 10_000, requested: 15_000, adjustable: true });
    expect(result.statuses['429']).toBe(result.throttles.apiAccount);
    expect(result.statuses['500']).toBe(result.throttles.lambdaConcurrency);
  });
});
