/**
 * Stable ids per kind of charge, free tiers as separate switches, and usage in users' terms (several APIs, payload
 * mixes, response sizes), plus AWS's worked examples that the older tests do not reproduce.
 */
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../../src/cost/estimate.js';
import { validateCostUsage } from '../../../src/cost/usage-validate.js';
import type { CostEstimate, CostUsage } from '../../../src/cost/types.js';

const cents = (usd: number) => Math.round(usd * 100) / 100;
const amount = (e: CostEstimate, prefix: string) => cents(e.lines.filter((l) => l.id.startsWith(prefix)).reduce((n, l) => n + l.amountUsd, 0));

describe('cost line ids', () => {
  it('gives every line the id of its kind of charge, with the tier or free allowance as a suffix', () => {
    const e = estimateCost({
      region: 'us-east-1',
      freeTier: true,
      apiGatewayFreeTier: true,
      functions: [
        { memoryMb: 1024, requests: 2e6, durationMs: 1000, ephemeralStorageMb: 1024 },
        { memoryMb: 1024, architecture: 'arm64', requests: 1e6, durationMs: 100, provisioned: { environments: 1, hoursEnabled: 1, requests: 1e5 } },
      ],
      apis: [{ type: 'rest', requests: 400e6 }, { type: 'http', requests: 2e6, cache: undefined }],
      websocket: { messages: 2e6, connectionMinutes: 1e6 },
      cache: { sizeGb: 0.5, hours: 10 },
      dataTransferOutGb: 11_000,
    });
    expect(e.lines.map((l) => l.id)).toEqual([
      'lambda.requests.free',
      'lambda.requests',
      'lambda.compute.x86_64.free',
      'lambda.compute.x86_64.tier1',
      'lambda.compute.arm64.tier1',
      'lambda.provisioned.arm64',
      'lambda.provisioned-compute.arm64',
      'lambda.ephemeral-storage.x86_64',
      'apigw.rest.requests.free',
      'apigw.rest.requests.tier1',
      'apigw.rest.requests.tier2',
      'apigw.http.requests.free',
      'apigw.http.requests.tier1',
      'apigw.websocket.messages.free',
      'apigw.websocket.messages.tier1',
      'apigw.websocket.minutes.free',
      'apigw.websocket.minutes',
      'apigw.cache',
      'dto.internet.free',
      'dto.internet.tier1',
      'dto.internet.tier2',
    ]);
  });

  it('keeps .tier1 where a Region publishes only the first tier', () => {
    const e = estimateCost({ region: 'eu-west-2', functions: [{ memoryMb: 512, requests: 1e6, durationMs: 10 }], api: { type: 'rest', requests: 1e6 } });
    expect(e.lines.map((l) => l.id)).toEqual(['lambda.requests', 'lambda.compute.x86_64.tier1', 'apigw.rest.requests.tier1']);
  });
});

describe('free tiers, one switch each', () => {
  const usage = (extra: Partial<CostUsage>): CostUsage => ({
    region: 'us-east-1',
    functions: [{ memoryMb: 1536, requests: 3e6, durationMs: 120 }],
    api: { type: 'http', requests: 3e6, responseKb: 100 },
    ...extra,
  });
  const freeIds = (e: CostEstimate) => e.lines.filter((l) => l.tier === 'free tier').map((l) => l.id);

  it.each([
    { name: 'all off by default', extra: {}, free: [] },
    { name: 'requests only', extra: { freeTiers: { lambdaRequests: true } }, free: ['lambda.requests.free'] },
    { name: 'compute only', extra: { freeTiers: { lambdaCompute: true } }, free: ['lambda.compute.x86_64.free'] },
    { name: 'API Gateway only', extra: { freeTiers: { apiGateway: true } }, free: ['apigw.http.requests.free'] },
    { name: 'data transfer only', extra: { freeTiers: { dataTransferOut: true } }, free: ['dto.internet.free'] },
    { name: 'freeTier: true is the shorthand for the Lambda and data-transfer allowances', extra: { freeTier: true }, free: ['lambda.requests.free', 'lambda.compute.x86_64.free', 'dto.internet.free'] },
    { name: 'a freeTiers key wins over the shorthand', extra: { freeTier: true, freeTiers: { dataTransferOut: false } }, free: ['lambda.requests.free', 'lambda.compute.x86_64.free'] },
    { name: 'apiGatewayFreeTier is the shorthand for freeTiers.apiGateway', extra: { apiGatewayFreeTier: true }, free: ['apigw.http.requests.free'] },
  ])('$name', ({ extra, free }) => {
    expect(freeIds(estimateCost(usage(extra as Partial<CostUsage>)))).toEqual(free);
  });

  it('names the allowances taken off in the notes', () => {
    expect(estimateCost(usage({ freeTiers: { lambdaRequests: true, dataTransferOut: true } })).notes).toContain(
      'free tier applied: Lambda requests (1M), data transfer out (100 GB)',
    );
  });
});

describe('usage in users\' terms', () => {
  it('applies request tiers to the aggregate of several APIs of a type', () => {
    // 400M REST requests over two APIs: 333M × $3.50 + 67M × $2.80 = $1,353.10 (one API of 200M would never reach tier 2).
    const e = estimateCost({ region: 'us-east-1', apis: [{ name: 'orders', type: 'rest', requests: 200e6 }, { name: 'users', type: 'rest', requests: 200e6 }] });
    expect(cents(e.totalUsd)).toBe(1353.1);
  });

  it('prices api and apis together', () => {
    const e = estimateCost({ region: 'us-east-1', api: { type: 'http', requests: 1e6 }, apis: [{ type: 'rest', requests: 1e6 }] });
    expect([amount(e, 'apigw.http'), amount(e, 'apigw.rest')]).toEqual([1, 3.5]);
  });

  it('meters an HTTP payload mix band by band, not on the average', () => {
    // 90% of 20 KB count once, 10% of 1.2 MB count 3 times: 1.2M metered. The 139 KB average would meter as 1M.
    const mix = estimateCost({ region: 'us-east-1', api: { type: 'http', requests: 1e6, payloadDistribution: [{ sizeKb: 20, share: 0.9 }, { sizeKb: 1228.8, share: 0.1 }] } });
    expect(mix.lines[0]!.quantity).toBeCloseTo(1.2e6, 3);
    expect(cents(mix.totalUsd)).toBe(1.2);
    const average = estimateCost({ region: 'us-east-1', api: { type: 'http', requests: 1e6, payloadKb: 0.9 * 20 + 0.1 * 1228.8 } });
    expect(cents(average.totalUsd)).toBe(1);
  });

  it('prices data transfer out from the response size × requests', () => {
    // 1M × 100 KB = 95.367 GB × $0.09
    const e = estimateCost({ region: 'us-east-1', api: { type: 'rest', requests: 1e6, responseKb: 100 } });
    expect(e.lines.find((l) => l.id === 'dto.internet.tier1')!.quantity).toBeCloseTo(95.367431640625, 9);
    expect(amount(e, 'dto')).toBe(8.58);
  });
});

describe("AWS's worked examples", () => {
  // aws.amazon.com/lambda/pricing, the 512 MB example of the 100 ms era (stored page): 3M × 1 s at 512 MB, free tier.
  // AWS: 1,100,000 GB-s × $0.00001667 = $18.34 and 2M requests × $0.20/M = $0.40, total $18.74. The page rounds the
  // price to $0.00001667; at the exact list price $0.0000166667 compute is 1,100,000 × 0.0000166667 = $18.3334 →
  // $18.33, so the total is $18.73, one cent below the page.
  it('Lambda 512 MB example: $18.33 + $0.40 (the page, with its rounded price, says $18.34 + $0.40 = $18.74)', () => {
    const e = estimateCost({ region: 'us-east-1', freeTier: true, functions: [{ memoryMb: 512, requests: 3e6, durationMs: 1000 }] });
    expect([amount(e, 'lambda.compute'), amount(e, 'lambda.requests'), cents(e.totalUsd)]).toEqual([18.33, 0.4, 18.73]);
    expect(cents(1_100_000 * 0.00001667)).toBe(18.34);
  });

  // AWS News Blog "New for AWS Lambda – 1ms Billing Granularity Adds Cost Savings" (2020-12-01; stored copy read
  // 2026-12): 60M invocations × 28 ms × 1 GB, no free tier: requests $12, compute $28 (was $100 at 100 ms rounding),
  // total "$40" against "$112" before.
  it.each([
    { granularityMs: 1 as const, compute: 28, total: 40 },
    { granularityMs: 100 as const, compute: 100, total: 112 },
  ])('AWS blog, 1 ms billing: $12 requests + $$compute compute = $$total at $granularityMs ms rounding', ({ granularityMs, compute, total }) => {
    const e = estimateCost({ region: 'us-east-1', billing: { granularityMs }, functions: [{ memoryMb: 1024, requests: 60e6, durationMs: 27.55 }] });
    expect([amount(e, 'lambda.requests'), amount(e, 'lambda.compute'), cents(e.totalUsd)]).toEqual([12, compute, total]);
  });

  // aws.amazon.com/api-gateway/pricing (2025-11-02), WebSocket metering: "a 33 KB message is metered as two messages".
  it('API Gateway WebSocket: 1M messages of 33 KB are billed as 2M, $2.00', () => {
    const e = estimateCost({ region: 'us-east-1', websocket: { messages: 1e6, messageKb: 33 } });
    expect(e.lines[0]).toMatchObject({ id: 'apigw.websocket.messages.tier1', quantity: 2e6 });
    expect(cents(e.totalUsd)).toBe(2);
  });
});

describe('bad usage keys name the path and the allowed keys', () => {
  it('reports every problem of the new keys at once', () => {
    const problems = validateCostUsage({
      region: 'us-east-1',
      freeTiers: { lambda: true },
      apis: [{ type: 'rest', requests: 1 }, { type: 'http', requests: 1, payloadDistribution: [{ sizeKb: 20, share: 0.5 }], private: { azs: 2, hours: 1 }, cache: { sizeGb: 1, hours: 1 } }],
      functions: [{ memoryMb: 1024, requests: 10, durationMs: 1, snapStart: { cachedHours: 1, restore: 1 }, provisioned: { environments: 1, hoursEnabled: 1, requests: 1 } }],
      eventSourceMappings: [{ source: 'sqs', pollers: 1, hours: 1 }],
      edgeFunctions: [{ memoryMb: 128, requests: 1 }],
    });
    expect(problems).toEqual([
      'usage.freeTiers.lambda: unknown key (expected one of lambdaRequests, lambdaCompute, responseStreaming, apiGateway, dataTransferOut)',
      'usage.functions[0].snapStart.restore: unknown key (expected one of cachedHours, versions, restores, restoreDurationMs, javaManagedRuntime)',
      'usage.functions[0].snapStart: SnapStart cannot be combined with Provisioned Concurrency (Lambda SnapStart docs)',
      'usage.apis[1].payloadDistribution: shares add up to 0.5, expected 1 (e.g. [{ "sizeKb": 20, "share": 0.9 }, { "sizeKb": 1200, "share": 0.1 }])',
      'usage.apis[1].cache: only REST APIs have a cache',
      'usage.apis[1].private: private APIs are REST APIs (HTTP APIs have no private endpoint type)',
      'usage.edgeFunctions[0].durationMs: required',
      'usage.eventSourceMappings[0].pollers: 1 is outside 2–∞',
    ]);
  });

  it('lists the allowed top-level keys, old and new', () => {
    expect(validateCostUsage({ region: 'us-east-1', snapstart: {} })[0]).toBe(
      'usage.snapstart: unknown key (expected one of region, freeTier, apiGatewayFreeTier, freeTiers, billing, functions, api, apis, websocket, cache, dataTransferOutGb, edgeFunctions, managedInstances, eventSourceMappings)',
    );
  });
});
