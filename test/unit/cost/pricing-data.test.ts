import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICING, knownRegions } from '../../../src/cost/pricing.js';
import { estimateCost } from '../../../src/cost/estimate.js';
import { LambdaloadError } from '../../../src/errors.js';
import type { PriceRow } from '../../../src/cost/types.js';

/** Every price row of the tables, with where it sits. */
function allRows(): Array<[string, PriceRow]> {
  const rows: Array<[string, PriceRow]> = [];
  const visit = (path: string, value: unknown) => {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray((value as PriceRow).tiers)) rows.push([path, value as PriceRow]);
    else for (const [key, child] of Object.entries(value)) visit(`${path}.${key}`, child);
  };
  visit('lambda', DEFAULT_PRICING.lambda);
  visit('apiGateway', DEFAULT_PRICING.apiGateway);
  visit('features', DEFAULT_PRICING.features);
  return rows;
}

describe('pricing tables', () => {
  it('give every row a source and a date', () => {
    const rows = allRows();
    expect(rows.length).toBeGreaterThan(100);
    for (const [path, row] of rows) {
      expect(row.source, path).toMatch(/\S{10,}/);
      expect(row.asOf, path).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
    }
    for (const allowance of [...Object.values(DEFAULT_PRICING.freeTier), ...Object.values(DEFAULT_PRICING.metering)]) {
      expect(allowance.source).not.toBe('');
      expect(allowance.asOf).toMatch(/^\d{4}/);
    }
  });

  it('hold the feature prices of aws-facts §1.1, §1.5 and §2.1, each citing its AWS page', () => {
    const rows = allRows().filter(([path]) => path.startsWith('features.'));
    expect(rows.map(([path]) => path)).toHaveLength(15);
    for (const [path, row] of rows) expect(row.source, path).toMatch(/aws\.amazon\.com\/(lambda|api-gateway)\/pricing/);
    const usd = (path: string) => rows.find(([p]) => p === path)![1].tiers[0]!.usd;
    expect(usd('features.us-east-1.snapStartCache.x86_64')).toBe(0.0000015046);
    expect(usd('features.us-east-1.snapStartRestore.x86_64')).toBe(0.0001397998);
    expect(usd('features.us-east-1.edgeDuration')).toBe(0.00005001);
    expect(usd('features.us-east-1.esmProvisioned')).toBe(0.185);
  });

  it('keep tiers ascending and open-ended', () => {
    for (const [path, row] of allRows()) {
      const bounds = row.tiers.map((t) => t.upTo);
      expect(bounds.at(-1), path).toBeNull();
      const finite = bounds.slice(0, -1) as number[];
      expect(finite, path).toEqual([...finite].sort((a, b) => a - b));
      for (const tier of row.tiers) expect(tier.usd, path).toBeGreaterThanOrEqual(0);
    }
  });

  it('cover every commercial Region with published Lambda prices, and no GovCloud or China Region', () => {
    const regions = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1', 'af-south-1', 'me-south-1', 'me-central-1'];
    regions.push('eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-south-1', 'eu-north-1');
    regions.push('ap-east-1', 'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3');
    regions.push('ap-southeast-1', 'ap-southeast-2', 'ap-southeast-4', 'ap-southeast-5');
    expect(knownRegions()).toEqual([...regions].sort());
    expect(DEFAULT_PRICING.lambda['ap-northeast-2']!.provisionedConcurrency!.x86_64!.tiers[0]!.usd).toBe(0.0000051254);
  });

  it('keep the us-east-1 list prices of aws-facts §1.1', () => {
    const lambda = DEFAULT_PRICING.lambda['us-east-1']!;
    expect(lambda.requests!.tiers[0]!.usd * 1e6).toBeCloseTo(0.2, 12);
    expect(lambda.duration!.x86_64!.tiers.map((t) => t.usd)).toEqual([0.0000166667, 0.000015, 0.0000133334]);
    expect(lambda.duration!.arm64!.tiers.map((t) => t.upTo)).toEqual([7.5e9, 18.75e9, null]);
    expect(lambda.provisionedDuration!.arm64!.tiers[0]!.usd).toBe(0.0000077778);
  });
});

describe('unknown Regions', () => {
  it('throw PRICING_DATA_MISSING with the known Regions in the hint, never a default', () => {
    const attempt = () => estimateCost({ region: 'us-gov-west-1', functions: [{ memoryMb: 128, requests: 1, durationMs: 1 }] });
    expect(attempt).toThrow(LambdaloadError);
    try {
      attempt();
    } catch (error) {
      const e = error as LambdaloadError;
      expect(e.code).toBe('PRICING_DATA_MISSING');
      expect(e.message).toContain("'us-gov-west-1'");
      expect(e.hint).toContain('ap-northeast-2');
      expect(e.hint).toContain('us-east-1');
      expect(e.hint).toContain('--pricing');
      // The hint points to the documentation of the file, not to a function name.
      expect(e.hint).toContain('README, "Pricing overrides (--pricing)"');
      expect(e.hint).not.toMatch(/loadPricingOverrides/);
      expect(e.exitCode).toBe(2);
    }
  });
});
