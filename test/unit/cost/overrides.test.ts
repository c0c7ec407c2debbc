import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPricingOverrides, mergePricing, parsePricingOverrides } from '../../../src/cost/overrides.js';
import { DEFAULT_PRICING } from '../../../src/cost/pricing.js';
import { estimateCost } from '../../../src/cost/estimate.js';
import { LambdaloadError } from '../../../src/errors.js';

const cents = (usd: number) => Math.round(usd * 100) / 100;

function problemsOf(json: unknown): string[] {
  try {
    parsePricingOverrides(json, 'prices.json');
  } catch (error) {
    expect(error).toBeInstanceOf(LambdaloadError);
    expect((error as LambdaloadError).code).toBe('PRICING_FILE_INVALID');
    return (error as LambdaloadError).problems;
  }
  throw new Error('expected the overrides to be rejected');
}

describe('pricing overrides reproduce an old pricing page', () => {
  // The 2020 Lambda pricing page used $0.00001667 per GB-s and 100 ms rounding.
  const pricing = mergePricing(
    DEFAULT_PRICING,
    parsePricingOverrides({
      lambda: { 'us-east-1': { duration: { x86_64: { usd: 0.00001667, asOf: '2020-06-01', source: 'aws.amazon.com/lambda/pricing (2020)' } } } },
    }),
  );

  it.each([
    // Example 1: 512 MB, 3M × 1 s: (1.5M − 0.4M) GB-s × $0.00001667 = $18.34; (3M − 1M) × $0.20/M = $0.40.
    { name: 'example 1: $18.74', fn: { memoryMb: 512, requests: 3e6, durationMs: 1000 }, compute: 18.34, total: 18.74 },
    // Example 2: 128 MB, 30M × 200 ms: (750k − 400k) GB-s = $5.83; 29M requests = $5.80.
    { name: 'example 2: $11.63', fn: { memoryMb: 128, requests: 30e6, durationMs: 200 }, compute: 5.83, total: 11.63 },
  ])('$name', ({ fn, compute, total }) => {
    const e = estimateCost({ region: 'us-east-1', freeTier: true, billing: { date: '2020-06-01' }, functions: [fn] }, { pricing });
    expect(cents(e.lines.filter((l) => l.item.startsWith('Lambda duration')).reduce((s, l) => s + l.amountUsd, 0))).toBe(compute);
    expect(cents(e.totalUsd)).toBe(total);
    expect(e.lines.find((l) => l.item.startsWith('Lambda duration') && l.amountUsd > 0)!.source).toBe('aws.amazon.com/lambda/pricing (2020)');
  });
});

describe('merging', () => {
  it('extends the tables with a new Region', () => {
    const pricing = mergePricing(
      DEFAULT_PRICING,
      parsePricingOverrides(
        {
          lambda: {
            'us-gov-west-1': {
              requests: { usdPerMillion: 0.2, asOf: '2026-05-01' },
              duration: { x86_64: { tiers: [{ upTo: 6e9, usd: 0.0000166667 }, { upTo: null, usd: 0.000015 }], asOf: '2026-05-01' } },
            },
          },
        },
        'mine.json',
      ),
    );
    const e = estimateCost({ region: 'us-gov-west-1', functions: [{ memoryMb: 1536, requests: 3e6, durationMs: 120 }] }, { pricing });
    expect(cents(e.totalUsd)).toBe(9.6);
    expect(e.lines[0]!.source).toBe('pricing override file mine.json');
  });

  it('replaces one item and keeps the rest of the Region', () => {
    const pricing = mergePricing(DEFAULT_PRICING, parsePricingOverrides({ apiGateway: { 'us-west-1': { rest: { usdPerMillion: 3.5, asOf: '2026-05' } } } }));
    expect(cents(estimateCost({ region: 'us-west-1', api: { type: 'rest', requests: 2e6 } }, { pricing }).totalUsd)).toBe(7);
    expect(pricing.apiGateway['us-west-1']!.http).toBe(DEFAULT_PRICING.apiGateway['us-west-1']!.http);
    expect(DEFAULT_PRICING.apiGateway['us-west-1']!.rest).toBeUndefined();
  });

  it('replaces one architecture and one cache size, not their siblings', () => {
    const pricing = mergePricing(
      DEFAULT_PRICING,
      parsePricingOverrides({
        lambda: { 'us-east-1': { duration: { arm64: { usd: 0.00001, asOf: '2026' } } } },
        apiGateway: { 'us-east-1': { cacheHourly: { '0.5': { usd: 0.03, asOf: '2026' } } } },
      }),
    );
    expect(pricing.lambda['us-east-1']!.duration!.x86_64).toBe(DEFAULT_PRICING.lambda['us-east-1']!.duration!.x86_64);
    expect(pricing.apiGateway['us-east-1']!.cacheHourly!['1.6']).toBe(DEFAULT_PRICING.apiGateway['us-east-1']!.cacheHourly!['1.6']);
    expect(pricing.apiGateway['us-east-1']!.cacheHourly!['0.5']!.tiers[0]!.usd).toBe(0.03);
  });
});

describe('validation names the key path of every problem', () => {
  it('reports all problems at once', () => {
    const problems = problemsOf({
      lambda: { 'ca-central-1': { requests: { usd: -1 }, duration: { x86: { usd: 1, asOf: '2026' } }, speed: {} } },
      apiGateway: { 'eu-west-1': { http: { tiers: [{ upTo: 300e6, usdPerMillion: 1.1 }, { upTo: 100, usd: 1 }], asOf: 'May 2026' } } },
      currency: 'EUR',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'currency: unknown key (expected lambda, apiGateway, features)',
        'lambda.ca-central-1.requests.usd: expected a non-negative number, got -1',
        'lambda.ca-central-1.requests.asOf: required, the date the price was read (YYYY-MM-DD)',
        'lambda.ca-central-1.duration.x86: unknown architecture (expected x86_64 or arm64)',
        expect.stringMatching(/^lambda\.ca-central-1\.speed: unknown item/),
        'apiGateway.eu-west-1.http.tiers[1].upTo: the last tier must have upTo: null',
        'apiGateway.eu-west-1.http.asOf: required, the date the price was read (YYYY-MM-DD)',
      ]),
    );
    expect(problems).toHaveLength(7);
  });

  it('rejects a price given twice or not at all', () => {
    expect(problemsOf({ lambda: { 'us-east-1': { requests: { usd: 1, usdPerMillion: 1, asOf: '2026' } } } })).toEqual([
      'lambda.us-east-1.requests: give exactly one of usd (per unit) or usdPerMillion',
    ]);
    expect(problemsOf([])).toEqual(['(root): expected an object with lambda, apiGateway and/or features']);
  });
});

describe('loadPricingOverrides', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lambdaload-pricing-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file and merges it over the defaults', async () => {
    const file = join(dir, 'ok.json');
    await writeFile(file, JSON.stringify({ apiGateway: { 'ap-southeast-1': { http: { usdPerMillion: 1.2, asOf: '2026-05-01' } } } }));
    const pricing = await loadPricingOverrides(file);
    expect(cents(estimateCost({ region: 'ap-southeast-1', api: { type: 'http', requests: 1e6 } }, { pricing }).totalUsd)).toBe(1.2);
    expect(pricing.lambda['us-east-1']).toBe(DEFAULT_PRICING.lambda['us-east-1']);
  });

  it('says which file is not JSON, or cannot be read', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, '{ lambda: ');
    await expect(loadPricingOverrides(file)).rejects.toMatchObject({ code: 'PRICING_FILE_INVALID', message: `${file}: not valid JSON` });
    await expect(loadPricingOverrides(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'PRICING_FILE_INVALID' });
  });
});
