/**
 * The sources behind the pricing tables, each with the date it was last confirmed. Every source cites AWS itself (the
 * pricing page, the Price List offer with its usage types or SKUs, or the Pricing Calculator's map of the same SKUs);
 * the public copy that was read and the copy it was cross-checked against follow, since the AWS pages are not
 * versioned. The full citations, with the contradictions between them, are in `../shared/reference/aws-facts.md`
 * (§ numbers in the comments).
 */
import type { LambdaRegionRow } from './lambda-region-prices.js';
import type { PriceRow, PriceTier, Provenance } from './types.js';

export const SOURCES = {
  // aws-facts §1.1
  lambdaUsEast1: {
    source:
      'aws.amazon.com/lambda/pricing; AWS Price List AWSLambda us-east-1 (effective 2025-10-01): Request GU2ZS9HVP6QTQ7KE, Lambda-GB-Second TG3M4CAGBA3NYQBH, Lambda-GB-Second-ARM 72SBSFWPMDTH8S3J, Lambda-Provisioned-Concurrency BMKCD2ZCEYKTYYCB; cross-checked against the ocelhq/ocel price book (2026-09-06)',
    asOf: '2026-09-06',
  },
  // aws-facts §1.8: only artillery has the UAE Region, and only its duration.
  lambdaMiddleEast: {
    source:
      'aws.amazon.com/lambda/pricing, Middle East (UAE) duration as copied in artilleryio/artillery lib/platform/aws-lambda/prices.js @2b0d59f; no second copy found',
    asOf: '2026',
  },
  // aws-facts §1.4
  lambdaFreeTier: { source: 'aws.amazon.com/lambda/pricing, always-free tier', asOf: '2026' },
  // aws-facts §2.1
  apiUsEast1: {
    source:
      'aws.amazon.com/api-gateway/pricing (last_updated 2025-11-02); AWS Price List AmazonApiGateway us-east-1 (effective 2025-07-01): USE1-ApiGatewayRequest, USE1-ApiGatewayHttpRequest FC2TWT2UEPTBKVBX, USE1-ApiGatewayMessage, USE1-ApiGatewayMinute; cross-checked against the ocelhq/ocel price book (2026-09-06)',
    asOf: '2026-09-06',
  },
  // aws-facts §2.5
  apiRestExample: {
    source: 'aws.amazon.com/api-gateway/pricing REST example: "US East (N. Virginia/Ohio), US West (Oregon), Asia Pacific (Mumbai)"',
    asOf: '2025-11-02',
  },
  apiOhio: {
    source:
      'aws.amazon.com/api-gateway/pricing REST example (Ohio at $3.50); AWS Price List AmazonApiGateway us-east-2: USE2-ApiGatewayRequest 6GJWQNG8KBVT7A5U, USE2-ApiGatewayHttpRequest 9R977R3Z4DEQKWJB, read 2026-07-20 (quoted in a repository cost ticket)',
    asOf: '2026-07-20',
  },
  apiNorthernCalifornia: {
    source:
      'AWS Price List AmazonApiGateway us-west-1 bulk file read 2026-09-29: USW1-ApiGatewayHttpRequest C3CJ8ENJSX6PD83A (quoted in a repository cost packet; a single copy)',
    asOf: '2026-09-29',
  },
  apiLondon: {
    source:
      'AWS Price List AmazonApiGateway eu-west-2 snapshot dated 2026-09-05: EUW2-ApiGatewayHttpRequest and EUW2-ApiGatewayRequest, first tier only (a repository test fixture; a single copy)',
    asOf: '2026-09-05',
  },
  apiSeoul: {
    source:
      'AWS Price List AmazonApiGateway ap-northeast-2: APN2-ApiGatewayRequest, APN2-ApiGatewayHttpRequest, APN2-ApiGatewayMessage, APN2-ApiGatewayMinute, copy dated 2026-10-01 in a third-party repository; WebSocket cross-checked against a repository test (tiered 1.1B messages = $1,234)',
    asOf: '2026-10-01',
  },
  apiFrankfurtRest: { source: 'AWS Price List AmazonApiGateway EUC1-ApiGatewayRequest, read 2026-08-12 (quoted in a repository doc)', asOf: '2026-08-12' },
  apiTokyoHttp: { source: 'AWS Price List AmazonApiGateway APN1-ApiGatewayHttpRequest, lookups quoted in 2026 repository docs', asOf: '2026' },
  // aws-facts §2.5 (added 2026-12): dated Price List copies found in public repositories.
  apiIreland: {
    source:
      'AWS Price List AmazonApiGateway eu-west-1 offer published 2026-09-21T23:14:04Z: EU-ApiGatewayRequest ("$3.50/million requests - first 333 million requests/month", four tiers) and EU-ApiGatewayHttpRequest ("$1.11/million requests - API Gateway HTTP API (first 300 million)", two tiers); copy: snapshot fetched 2026-10-02 in mamtha4u/SDLC backend/config/pricing_eu-west-1.json @45b7bae. The earlier copy of the HTTP tiers agrees but is probably the same repository, so no independent second copy',
    asOf: '2026-10-02',
  },
  apiSingaporeHttp: {
    source:
      'AWS Price List AmazonApiGateway ap-southeast-1 offer version 20260921231404 (published 2026-09-21): APS1-ApiGatewayHttpRequest "$1.25/million requests - API Gateway HTTP API (first 300 million)"; copy: prices.json fetched 2026-09-25 in aadk979/SPOH_2027 remediation/reports/P05/pricing @6f5149c; a single copy',
    asOf: '2026-09-25',
  },
  apiMumbaiHttp: {
    source:
      'AWS Price List AmazonApiGateway ap-south-1: APS3-ApiGatewayHttpRequest 1.05e-06 USD per request, from the list-price snapshot captured in a 2026 repository study (Serverless vs EC2, Locust 2.46.3); a single copy',
    asOf: '2026',
  },
  apiStockholmRest: {
    source:
      'aws.amazon.com/api-gateway/pricing eu-north-1 REST table (first 333 million $3.50, next 667 million $3.03, next 19 billion $2.58, over 20 billion $1.64) as copied next to an AWS Price List EUN1-ApiGatewayRequest query in pjaskowiec/cloud-deployment-calucator cost_calculator.sh @86d9e82 (2024); a single copy',
    asOf: '2024',
  },
  // aws-facts §2.3
  apiFreeTier: { source: 'aws.amazon.com/api-gateway/pricing, legacy 12-month free tier', asOf: '2025-11-02' },
  apiMetering: { source: 'aws.amazon.com/api-gateway/pricing, metering rules', asOf: '2025-11-02' },
  // aws-facts §2.2
  cacheExample: { source: 'aws.amazon.com/api-gateway/pricing caching example: 1.6 GB at $0.038/hour', asOf: '2025-11-02' },
  cacheCommunity: {
    source: 'aws.amazon.com/api-gateway/pricing caching table as copied in i05nagai/memorandum and kejyun/aws-learning-notes (no dated AWS copy)',
    asOf: '2025',
  },
  cacheFrankfurt: {
    source: 'aws.amazon.com/api-gateway/pricing caching table, eu-central-1 0.5 GB, as returned by an AWS Pricing API (AmazonApiGateway) lookup in 2026',
    asOf: '2026',
  },
  // aws-facts §2.4
  dtoUsEast1: {
    source: 'AWS Price List AWSDataTransfer us-east-1 DataTransfer-Out-Bytes (EC2 rates); cross-checked against the ocelhq/ocel price book',
    asOf: '2026-09-06',
  },
  dtoAsia: {
    source: 'AWS Price List AWSDataTransfer APN1-DataTransfer-Out-Bytes / APN2-DataTransfer-Out-Bytes, lookups quoted in 2026 repository docs',
    asOf: '2026',
  },
  dtoFreeTier: {
    source: 'AWS Price List Global-DataTransfer-Out-Bytes 0–100 GB at $0; AWS announcement 2021 (always free since 2021-12-01)',
    asOf: '2026-09-06',
  },
} as const satisfies Record<string, Provenance>;

/**
 * Provenance of a Region row of lambda-region-prices.ts: AWS's calculator map (the Price List's SKUs and, where
 * confirmed, its usage types), the copy read, and the copy it was cross-checked against (aws-facts §1.8).
 */
export function lambdaRegionProvenance(region: string, row: LambdaRegionRow): Provenance {
  const p = row.usageTypePrefix;
  const usageTypes = p
    ? `${p}-Request, ${p}-Lambda-GB-Second, ${p}-Lambda-GB-Second-ARM, ${p}-Lambda-Provisioned-Concurrency, ${p}-Lambda-Provisioned-GB-Second, ${p}-Lambda-Storage-GB-Second; `
    : '';
  return {
    source:
      `AWS Price List AWSLambda ${region}: ${usageTypes}x86 duration SKU ${row.durationSku}, from the AWS Pricing Calculator map ` +
      `calculator.aws/pricing/2.0/meteredUnitMaps/lambda (copy: ${row.copy ?? 'remotion-dev/remotion@024b341a'}); cross-checked against ${row.crossCheck}`,
    asOf: row.asOf,
  };
}

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
