/**
 * SnapStart, response streaming, tenant isolation, durable functions, Lambda@Edge, Managed Instances, provisioned
 * event source mappings and private REST APIs, priced from the dated us-east-1 rows (aws-facts §1.1, §1.5, §2.1).
 */
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../../src/cost/estimate.js';
import type { CostEstimate, CostUsage, FunctionUsage } from '../../../src/cost/types.js';

const cents = (usd: number) => Math.round(usd * 100) / 100;
const fn = (f: Partial<FunctionUsage>): FunctionUsage => ({ memoryMb: 1024, requests: 1_000_000, durationMs: 100, ...f });
const amount = (e: CostEstimate, id: string) => cents(e.lines.filter((l) => l.id === id).reduce((n, l) => n + l.amountUsd, 0));
const us = (extra: Partial<CostUsage>): CostUsage => ({ region: 'us-east-1', ...extra });

describe('SnapStart', () => {
  const snap = (extra: Partial<FunctionUsage> = {}) =>
    estimateCost(us({ functions: [fn({ coldStarts: 10_000, initDurationMs: 2000, snapStart: { cachedHours: 730, restoreDurationMs: 200 }, ...extra })] }));

  it('prices the cache per GB-s and each restore per GB of memory', () => {
    const e = snap();
    // 1 GB × 730 h × 3,600 s = 2,628,000 GB-s × $0.0000015046 = $3.954
    expect(amount(e, 'lambda.snapstart.cache.x86_64')).toBe(3.95);
    // 10,000 restores × 1 GB × $0.0001397998 = $1.398
    expect(amount(e, 'lambda.snapstart.restore.x86_64')).toBe(1.4);
  });

  it('bills the restore in place of INIT on cold starts', () => {
    const e = snap();
    // 990,000 × 100 ms + 10,000 × (100 + 200) ms = 102,000 GB-s; the 2 s INIT ran when the version was published.
    expect(e.compute.onDemandGbSeconds).toBeCloseTo(102_000, 6);
    expect(e.compute.initGbSeconds).toBeCloseTo(2_000, 6);
    expect(amount(e, 'lambda.compute.x86_64.tier1')).toBe(1.7);
  });

  it('bills a snapshot for at least 3 hours', () => {
    const e = estimateCost(us({ functions: [fn({ snapStart: { cachedHours: 1 } })] }));
    expect(e.lines.find((l) => l.id === 'lambda.snapstart.cache.x86_64')!.quantity).toBe(3 * 3600);
  });

  it('has no cache or restore charge on Java managed runtimes, and says so', () => {
    const e = snap({ name: 'orders', snapStart: { cachedHours: 730, restores: 10, javaManagedRuntime: true } });
    expect(e.lines.some((l) => l.id.startsWith('lambda.snapstart'))).toBe(false);
    expect(e.notes.join('\n')).toContain('orders: SnapStart on a Java managed runtime has no cache or restore charge');
  });

  it('reports arm64 SnapStart prices as unknown instead of borrowing x86', () => {
    const e = snap({ architecture: 'arm64' });
    expect(e.lines.some((l) => l.id.startsWith('lambda.snapstart'))).toBe(false);
    expect(e.warnings.filter((w) => w.code === 'PRICE_UNKNOWN').map((w) => w.message)).toEqual([
      expect.stringContaining('SnapStart cache (arm64): price unknown in us-east-1 (the arm64 SnapStart cache price is not in the pricing tables'),
      expect.stringContaining('SnapStart restore (arm64): price unknown'),
    ]);
  });
});

describe('response streaming', () => {
  it('prices the bytes beyond the first 6 MB of each response', () => {
    // 1M responses of 7 MB: 1 MB each beyond the free 6 MB = 976.5625 GB × $0.008 = $7.81
    const e = estimateCost(us({ functions: [fn({ streaming: { responseKb: 7 * 1024 } })] }));
    expect(e.lines.find((l) => l.id === 'lambda.streaming.x86_64')!.quantity).toBeCloseTo(976.5625, 9);
    expect(amount(e, 'lambda.streaming.x86_64')).toBe(7.81);
  });

  it('takes off the free 100 GiB only when its switch is on', () => {
    const e = estimateCost(us({ freeTiers: { responseStreaming: true }, functions: [fn({ streaming: { responseKb: 7 * 1024 } })] }));
    expect(e.lines.find((l) => l.id === 'lambda.streaming.x86_64.free')!.quantity).toBe(100);
    expect(amount(e, 'lambda.streaming.x86_64')).toBe(7.01);
  });

  it('takes the free 6 MB off each band of a response mix, not off the average', () => {
    // Half 1 MB, half 11 MB: 0.5 × 5 MB = 2.5 MB billable a response; the 6 MB average would bill nothing.
    const e = estimateCost(us({ functions: [fn({ streaming: { responseDistribution: [{ sizeKb: 1024, share: 0.5 }, { sizeKb: 11 * 1024, share: 0.5 }] } })] }));
    expect(e.lines.find((l) => l.id === 'lambda.streaming.x86_64')!.quantity).toBeCloseTo((1e6 * 2.5) / 1024, 9);
  });

  it('charges nothing for responses within 6 MB', () => {
    const e = estimateCost(us({ functions: [fn({ streaming: { responseKb: 5000 } })] }));
    expect(e.lines.some((l) => l.id.startsWith('lambda.streaming'))).toBe(false);
  });
});

describe('tenant isolation and durable functions', () => {
  it('prices tenant environments per GB of memory', () => {
    // 100,000 environments × 1 GB × $0.000167
    const e = estimateCost(us({ functions: [fn({ tenantIsolation: { environmentsCreated: 100_000 } })] }));
    expect(amount(e, 'lambda.tenant-isolation.x86_64')).toBe(16.7);
  });

  it('prices durable operations, data written and data retained', () => {
    const e = estimateCost(us({ functions: [fn({ durable: { operations: 10_000_000, dataWrittenGb: 5, dataRetainedGbMonths: 2 } })] }));
    expect([amount(e, 'lambda.durable.operations'), amount(e, 'lambda.durable.data-written'), amount(e, 'lambda.durable.data-retained')]).toEqual([80, 1.25, 0.3]);
  });
});

describe('Lambda@Edge, Managed Instances, event source mappings', () => {
  it('prices Lambda@Edge at its own rates, with no free tier', () => {
    // 10M × $0.60/M; 10M × 50 ms × 0.125 GB = 62,500 GB-s × $0.00005001 (= 500,000 128MB-s × $0.00000625125)
    const e = estimateCost(us({ freeTier: true, edgeFunctions: [{ memoryMb: 128, requests: 10_000_000, durationMs: 50 }] }));
    expect([amount(e, 'lambda.edge.requests'), amount(e, 'lambda.edge.compute')]).toEqual([6, 3.13]);
    expect(e.lines.some((l) => l.id.endsWith('.free'))).toBe(false);
    expect(e.warnings.map((w) => w.code)).toContain('PRICE_CAVEAT');
  });

  it('bills Lambda@Edge INIT at Lambda@Edge rates from 2025-08-01 only', () => {
    // 1,000 cold starts of 5 ms + 395 ms INIT at 128 MB: 1,000 × 0.4 s × 0.125 GB = 50 GB-s, against 0.625 GB-s before.
    const edge = (date: string) => estimateCost(us({ billing: { date }, edgeFunctions: [{ memoryMb: 128, requests: 1000, durationMs: 5, coldStarts: 1000, initDurationMs: 395 }] }));
    expect(edge('2025-08-01').lines.find((l) => l.id === 'lambda.edge.compute')!.quantity).toBeCloseTo(50, 9);
    expect(edge('2025-07-31').lines.find((l) => l.id === 'lambda.edge.compute')!.quantity).toBeCloseTo(0.625, 9);
  });

  it('prices Managed Instances: requests, the EC2 price given, and 15% of it as the fee', () => {
    const e = estimateCost(us({ managedInstances: [{ requests: 5_000_000, instanceHours: 730, instanceType: 'm7g.large', ec2OnDemandHourlyUsd: 0.192 }] }));
    expect([amount(e, 'lambda.managed-instances.requests'), amount(e, 'lambda.managed-instances.ec2'), amount(e, 'lambda.managed-instances.fee')]).toEqual([1, 140.16, 21.02]);
  });

  it('names the missing EC2 price instead of guessing one', () => {
    const e = estimateCost(us({ managedInstances: [{ name: 'batch', requests: 5_000_000, instanceHours: 730, instanceType: 'm7g.large' }] }));
    expect(cents(e.totalUsd)).toBe(1);
    expect(e.warnings).toContainEqual({ code: 'PRICE_UNKNOWN', message: expect.stringContaining('Managed Instances batch: price unknown: the EC2 on-demand price of m7g.large') });
  });

  it('prices provisioned pollers per EPU-hour with a 1-minute minimum, and flags the SQS price', () => {
    const e = estimateCost(us({ eventSourceMappings: [{ source: 'sqs', pollers: 2, hours: 730 }, { source: 'kafka', pollers: 1, hours: 0 }] }));
    // (2 × 730 + 1 × 1/60) EPU-hours × $0.185
    expect(e.lines.find((l) => l.id === 'lambda.esm.provisioned')!.quantity).toBeCloseTo(1460 + 1 / 60, 9);
    expect(amount(e, 'lambda.esm.provisioned')).toBe(270.1);
    expect(e.warnings.find((w) => w.code === 'PRICE_CAVEAT')!.message).toContain('$0.00925 per EPU-hour');
  });
});

describe('private REST APIs', () => {
  const usage = us({ api: { type: 'rest', requests: 10_000_000, payloadKb: 2, responseKb: 10, private: { azs: 3, hours: 730 } } });

  it('prices the interface endpoint per AZ-hour and the data it processes, and no data transfer out', () => {
    const e = estimateCost(usage);
    expect(amount(e, 'apigw.private.endpoint-hours')).toBe(21.9);
    // 10M × 12 KB = 114.44 GB × $0.01
    expect(amount(e, 'apigw.private.data-processed')).toBe(1.14);
    expect(amount(e, 'apigw.rest.requests.tier1')).toBe(35);
    expect(e.lines.some((l) => l.id.startsWith('dto.'))).toBe(false);
  });

  it('bills a partial endpoint-hour as a full hour', () => {
    const e = estimateCost(us({ api: { type: 'rest', requests: 1, private: { azs: 2, hours: 0.5, dataProcessedGb: 0 } } }));
    expect(e.lines.find((l) => l.id === 'apigw.private.endpoint-hours')!.quantity).toBe(2);
  });

  it('says when the data processed cannot be worked out', () => {
    const e = estimateCost(us({ api: { type: 'rest', requests: 1000, private: { azs: 2, hours: 730 } } }));
    expect(e.warnings.map((w) => w.code)).toContain('USAGE_INCOMPLETE');
  });
});

describe('outside us-east-1 these prices are unknown, never borrowed', () => {
  it('warns PRICE_UNKNOWN and leaves the charge out of the total', () => {
    const e = estimateCost({ region: 'eu-west-1', functions: [fn({ requests: 0, durable: { operations: 1e6 } })], edgeFunctions: [{ memoryMb: 128, requests: 1e6, durationMs: 5 }] });
    expect(e.totalUsd).toBe(0);
    expect(e.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('Durable operations: price unknown in eu-west-1'),
      expect.stringContaining('Lambda@Edge requests: price unknown in eu-west-1'),
      expect.stringContaining('Lambda@Edge duration: price unknown in eu-west-1'),
    ]);
  });

  it('takes a price from a pricing override', async () => {
    const { mergePricing, parsePricingOverrides } = await import('../../../src/cost/overrides.js');
    const { DEFAULT_PRICING } = await import('../../../src/cost/pricing.js');
    const pricing = mergePricing(DEFAULT_PRICING, parsePricingOverrides({ features: { 'eu-west-1': { durableOperations: { usdPerMillion: 8, asOf: '2026-12-01' } } } }));
    const e = estimateCost({ region: 'eu-west-1', functions: [fn({ requests: 0, durable: { operations: 1e6 } })] }, { pricing });
    expect(amount(e, 'lambda.durable.operations')).toBe(8);
  });
});
