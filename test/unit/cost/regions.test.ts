import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICING, knownRegions } from '../../../src/cost/pricing.js';
import { estimateCost, sumLines } from '../../../src/cost/estimate.js';
import type { PriceRow } from '../../../src/cost/types.js';

/** Every price row of one Region, with where it sits. */
function regionRows(region: string): Array<[string, PriceRow]> {
  const rows: Array<[string, PriceRow]> = [];
  const visit = (path: string, value: unknown) => {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray((value as PriceRow).tiers)) rows.push([path, value as PriceRow]);
    else for (const [key, child] of Object.entries(value)) visit(`${path}.${key}`, child);
  };
  visit(`lambda.${region}`, DEFAULT_PRICING.lambda[region]);
  visit(`apiGateway.${region}`, DEFAULT_PRICING.apiGateway[region]);
  return rows;
}

/**
 * AWS itself: its pricing pages, a Price List usage type such as EUW2-Lambda-GB-Second or USE1-ApiGatewayMessage, or a
 * Price List SKU (16 characters, e.g. RP9RSZYUC96SQ4G2).
 */
const CITES_AWS = new RegExp(
  [
    String.raw`aws\.amazon\.com/(lambda|api-gateway)/pricing`,
    String.raw`AWS Price List .*\b([A-Z]{2,4}\d-|EU-|Global-)?(Request|Lambda-GB-Second|ApiGateway(Request|HttpRequest|Message|Minute)|DataTransfer-Out-Bytes)\b`,
    String.raw`AWS Price List .*\bSKU [A-Z0-9]{16}\b`,
  ].join('|'),
);

const perMillion = (row: PriceRow | undefined) => Number(((row?.tiers[0]?.usd ?? NaN) * 1e6).toFixed(6));

describe('every Region in the tables', () => {
  const regions = knownRegions();

  it('includes the Regions issue 17 could not price', () => {
    expect(regions).toEqual(expect.arrayContaining(['eu-west-2', 'ap-southeast-2', 'ca-central-1', 'eu-north-1', 'eu-west-3', 'us-west-1', 'sa-east-1']));
  });

  it.each(regions)('%s: every row cites AWS and carries an ISO-like asOf', (region) => {
    const rows = regionRows(region);
    expect(rows.length).toBeGreaterThan(0);
    for (const [path, row] of rows) {
      expect(row.source, path).toMatch(CITES_AWS);
      expect(row.asOf, path).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
    }
  });

  it.each(regions)('%s: REST, HTTP and WebSocket with Lambda x86 and arm64 give a finite, positive total', (region) => {
    const functions = [
      { name: 'x86', memoryMb: 512, requests: 1_000_000, durationMs: 100 },
      { name: 'arm', memoryMb: 1024, architecture: 'arm64' as const, requests: 1_000_000, durationMs: 100 },
    ];
    const websocket = { messages: 1_000_000, connectionMinutes: 100_000 };
    for (const type of ['rest', 'http'] as const) {
      const e = estimateCost({ region, functions, api: { type, requests: 1_000_000 }, websocket });
      expect(Number.isFinite(e.totalUsd), `${region} ${type}`).toBe(true);
      expect(e.totalUsd, `${region} ${type}`).toBeGreaterThan(0);
      // Both architectures are priced (no Region falls back to another's duration).
      expect(e.lines.map((l) => l.item)).toEqual(expect.arrayContaining(['Lambda duration (x86_64)', 'Lambda duration (arm64)']));
      // An API Gateway price that is not in the tables is a visible warning, never a silent zero.
      const apiPrices = DEFAULT_PRICING.apiGateway[region] ?? {};
      const missing = [type, 'websocketMessages', 'websocketConnectionMinutes'].filter((item) => !(item in apiPrices));
      const warned = e.warnings.filter((w) => w.code === 'PRICE_MISSING' && w.message.startsWith('API Gateway'));
      expect(warned.length, `${region} ${type}`).toBe(missing.length);
    }
  });
});

describe('spot checks against the copies read (see src/cost/lambda-region-prices.ts and sources.ts)', () => {
  const lambda = (region: string) => DEFAULT_PRICING.lambda[region]!;
  const api = (region: string) => DEFAULT_PRICING.apiGateway[region]!;

  it('eu-west-2 Lambda: $0.0000166667/GB-s x86, $0.0000133334 arm, PC $0.0000048304, /tmp $0.0000000358', () => {
    expect(lambda('eu-west-2').duration!.x86_64!.tiers[0]!.usd).toBe(0.0000166667);
    expect(lambda('eu-west-2').duration!.arm64!.tiers[0]!.usd).toBe(0.0000133334);
    expect(lambda('eu-west-2').provisionedConcurrency!.x86_64!.tiers[0]!.usd).toBe(0.0000048304);
    expect(lambda('eu-west-2').ephemeralStorage!.arm64!.tiers[0]!.usd).toBe(0.0000000358);
    expect(lambda('eu-west-2').duration!.x86_64!.source).toContain('EUW2-Lambda-GB-Second');
  });

  it('ap-southeast-2 Lambda: PC $0.0000052360 and PC duration $0.0000122173 (Pricing API, effective 2026-07-01)', () => {
    expect(lambda('ap-southeast-2').provisionedConcurrency!.x86_64!.tiers[0]!.usd).toBe(0.000005236);
    expect(lambda('ap-southeast-2').provisionedDuration!.x86_64!.tiers[0]!.usd).toBe(0.0000122173);
  });

  it('Regions with their own on-demand prices: eu-central-2, ap-southeast-5, af-south-1, me-south-1', () => {
    expect(lambda('eu-central-2').duration!.x86_64!.tiers[0]!.usd).toBe(0.0000183334);
    expect(perMillion(lambda('ap-southeast-5').requests)).toBe(0.18);
    expect(perMillion(lambda('af-south-1').requests)).toBe(0.27);
    expect(perMillion(lambda('me-south-1').requests)).toBe(0.25);
  });

  it('API Gateway HTTP API first tiers: eu-west-2 $1.16, us-west-1 $1.17, us-east-2 $1.00, ap-northeast-2 $1.23', () => {
    expect(perMillion(api('eu-west-2').http)).toBe(1.16);
    expect(perMillion(api('us-west-1').http)).toBe(1.17);
    expect(perMillion(api('us-east-2').http)).toBe(1);
    expect(perMillion(api('ap-northeast-2').http)).toBe(1.23);
  });

  const tiersPerMillion = (row: PriceRow | undefined) => (row?.tiers ?? []).map((t) => Number((t.usd * 1e6).toFixed(6)));

  it('API Gateway REST outside us-east-1: eu-west-1 $3.50/$3.19/$2.71/$1.72 (Price List 2026-09-21), eu-north-1 $3.50/$3.03/$2.58/$1.64', () => {
    expect(tiersPerMillion(api('eu-west-1').rest)).toEqual([3.5, 3.19, 2.71, 1.72]);
    expect(api('eu-west-1').rest!.source).toContain('EU-ApiGatewayRequest');
    expect(api('eu-west-1').rest!.unknownAbove).toBeUndefined();
    expect(tiersPerMillion(api('eu-north-1').rest)).toEqual([3.5, 3.03, 2.58, 1.64]);
    expect(api('eu-north-1').rest!.caveat).toContain('single 2024 copy');
  });

  it('API Gateway HTTP API first tiers added from Price List copies: eu-west-1 $1.11 then $1.00, ap-southeast-1 $1.25, ap-south-1 $1.05', () => {
    expect(tiersPerMillion(api('eu-west-1').http)).toEqual([1.11, 1]);
    expect(perMillion(api('ap-southeast-1').http)).toBe(1.25);
    expect(api('ap-southeast-1').http!.source).toContain('APS1-ApiGatewayHttpRequest');
    expect(api('ap-southeast-1').http!.unknownAbove).toBe(300_000_000);
    expect(perMillion(api('ap-south-1').http)).toBe(1.05);
  });

  it('API Gateway WebSocket outside us-east-1: ap-northeast-2 messages $1.14/M then $0.94/M, connection minutes $0.285/M', () => {
    expect(tiersPerMillion(api('ap-northeast-2').websocketMessages)).toEqual([1.14, 0.94]);
    expect(perMillion(api('ap-northeast-2').websocketConnectionMinutes)).toBe(0.285);
  });

  it('ap-southeast-2 has no API Gateway price in any copy found: HTTP stays absent and is reported, never borrowed', () => {
    expect(DEFAULT_PRICING.apiGateway['ap-southeast-2']?.http).toBeUndefined();
    const e = estimateCost({ region: 'ap-southeast-2', api: { type: 'http', requests: 1_000_000 } });
    expect(e.totalUsd).toBe(0);
    expect(e.warnings).toEqual([expect.objectContaining({ code: 'PRICE_MISSING', message: expect.stringContaining('ap-southeast-2') })]);
  });

  it('prices eu-west-1 REST across the first two tiers: 400M requests = 333M × $3.50 + 67M × $3.19', () => {
    const e = estimateCost({ region: 'eu-west-1', api: { type: 'rest', requests: 400_000_000 } });
    expect(e.totalUsd).toBeCloseTo(1165.5 + 213.73, 6);
    expect(e.warnings).toEqual([]);
  });

  it('prices eu-west-2 end to end: 1M × 100 ms × 512 MB + 1M REST requests', () => {
    const e = estimateCost({
      region: 'eu-west-2',
      functions: [{ memoryMb: 512, requests: 1_000_000, durationMs: 100 }],
      api: { type: 'rest', requests: 1_000_000 },
    });
    // 50,000 GB-s × $0.0000166667 = $0.833335; 1M × $0.20/M = $0.20; 1M × $3.50/M = $3.50.
    expect(sumLines(e, 'Lambda')).toBeCloseTo(1.033335, 9);
    expect(sumLines(e, 'API Gateway')).toBeCloseTo(3.5, 9);
    expect(e.warnings).toEqual([]);
  });
});
