/**
 * The sources behind the pricing tables, each with the date it was last confirmed. The full citations, with the
 * contradictions between them, are in `../shared/reference/aws-facts.md` (§ numbers below).
 */
import type { PriceRow, PriceTier, Provenance } from './types.js';

export const SOURCES = {
  lambdaUsEast1: {
    source:
      'AWS Price List API (AWSLambda, us-east-1, effective 2025-10-01); ocel price book; aws.amazon.com/lambda/pricing (aws-facts §1.1)',
    asOf: '2026-09-06',
  },
  lambdaRegions: {
    source:
      'remotion-dev/remotion packages/lambda-client/src/price-per-1s.ts @024b341a, generated from calculator.aws lambda.json (aws-facts §1.8)',
    asOf: '2026',
  },
  lambdaMiddleEast: {
    source: 'artilleryio/artillery packages/artillery/lib/platform/aws-lambda/prices.js @2b0d59f (aws-facts §1.8)',
    asOf: '2026',
  },
  lambdaFreeTier: { source: 'aws.amazon.com/lambda/pricing, always-free tier (aws-facts §1.4)', asOf: '2026' },
  apiUsEast1: {
    source:
      'aws.amazon.com/api-gateway/pricing (last_updated 2025-11-02); AWS Price List (effective 2025-07-01); ocel price book (aws-facts §2.1)',
    asOf: '2026-09-06',
  },
  apiRestExample: {
    source: 'aws.amazon.com/api-gateway/pricing REST example: "US East (N. Virginia/Ohio), US West (Oregon), Asia Pacific (Mumbai)" (aws-facts §2.5)',
    asOf: '2025-11-02',
  },
  apiSeoul: { source: 'AWS Price List copy (third-party repository) dated 2026-10-01 (aws-facts §2.5)', asOf: '2026-10-01' },
  apiFrankfurtRest: { source: 'AWS Pricing API usage type EUC1-ApiGatewayRequest, measured 2026-08-12 (aws-facts §2.5)', asOf: '2026-08-12' },
  apiTokyoHttp: { source: 'AWS Pricing API usage type APN1-ApiGatewayHttpRequest, lookups quoted in 2026 (aws-facts §2.5)', asOf: '2026' },
  apiIrelandHttp: { source: 'AWS Price List copy (a single copy) (aws-facts §2.5)', asOf: '2026' },
  apiFreeTier: { source: 'aws.amazon.com/api-gateway/pricing, legacy 12-month free tier (aws-facts §2.3)', asOf: '2025-11-02' },
  apiMetering: { source: 'aws.amazon.com/api-gateway/pricing, metering rules (aws-facts §2.1)', asOf: '2025-11-02' },
  cacheExample: { source: 'aws.amazon.com/api-gateway/pricing caching example: 1.6 GB at $0.038/hour (aws-facts §2.2)', asOf: '2025-11-02' },
  cacheCommunity: { source: 'i05nagai/memorandum and kejyun notes, copies of the API Gateway pricing page (aws-facts §2.2)', asOf: '2025' },
  cacheFrankfurt: { source: 'AWS Pricing API lookup 2026 (aws-facts §2.2)', asOf: '2026' },
  dtoUsEast1: { source: 'AWS Price List, EC2 data transfer out, us-east-1; ocel price book (aws-facts §2.4)', asOf: '2026-09-06' },
  dtoAsia: { source: 'AWS Price List lookups quoted in 2026 repository docs (aws-facts §2.4)', asOf: '2026' },
  dtoFreeTier: { source: 'AWS Price List Global-DataTransfer-Out-Bytes 0–100 GB at $0; AWS announcement 2021 (aws-facts §2.4)', asOf: '2026-09-06' },
} as const satisfies Record<string, Provenance>;

/** Per-million prices as AWS prints them, converted to USD per unit (0.2 → 2e-7, without binary noise). */
export const perMillion = (usd: number): number => Number((usd / 1_000_000).toPrecision(12));

/** A price with one band. */
export function flat(unit: string, usd: number, provenance: Provenance, extra: Partial<PriceRow> = {}): PriceRow {
  return { unit, tiers: [{ upTo: null, usd }], ...provenance, ...extra };
}

/** A price with monthly volume bands. */
export function tiered(unit: string, tiers: PriceTier[], provenance: Provenance, extra: Partial<PriceRow> = {}): PriceRow {
  return { unit, tiers, ...provenance, ...extra };
}
