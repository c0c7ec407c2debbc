/**
 * Lambda list prices per Region (USD per base unit). us-east-1 is complete (aws-facts §1.1); the other Regions come
 * from the rows of lambda-region-prices.ts: tier-1 duration per architecture, requests, x86 Provisioned Concurrency
 * and ephemeral storage. What AWS does not publish for a Region is either absent (reported when used) or derived with
 * a caveat that every estimate using it repeats.
 */
import { LAMBDA_REGION_ROWS, type LambdaRegionRow } from './lambda-region-prices.js';
import { flat, lambdaRegionProvenance, perMillion, SOURCES, tiered } from './sources.js';
import type { LambdaRegionPrices, PriceRow, Provenance } from './types.js';

// Tier bands: first 6B GB-s, next 9B, over 15B for x86; arm64 bands are the same in x86-equivalent terms
// (7.5B = 6B / 0.8). Aggregated per account, Region and architecture since the August 2022 billing cycle (aws-facts §1.2).
const X86_TIER_1_GBS = 6_000_000_000;
const ARM_TIER_1_GBS = 7_500_000_000;

const US_EAST_1: LambdaRegionPrices = {
  requests: flat('request', perMillion(0.2), SOURCES.lambdaUsEast1),
  duration: {
    x86_64: tiered(
      'GB-s',
      [
        { upTo: X86_TIER_1_GBS, usd: 0.0000166667 },
        { upTo: 15_000_000_000, usd: 0.000015 },
        { upTo: null, usd: 0.0000133334 },
      ],
      SOURCES.lambdaUsEast1,
    ),
    arm64: tiered(
      'GB-s',
      [
        { upTo: ARM_TIER_1_GBS, usd: 0.0000133334 },
        { upTo: 18_750_000_000, usd: 0.0000120001 },
        { upTo: null, usd: 0.0000106667 },
      ],
      SOURCES.lambdaUsEast1,
    ),
  },
  provisionedConcurrency: {
    x86_64: flat('GB-s', 0.0000041667, SOURCES.lambdaUsEast1),
    arm64: flat('GB-s', 0.0000033334, SOURCES.lambdaUsEast1),
  },
  provisionedDuration: {
    x86_64: flat('GB-s', 0.0000097222, SOURCES.lambdaUsEast1),
    arm64: flat('GB-s', 0.0000077778, SOURCES.lambdaUsEast1),
  },
  ephemeralStorage: {
    x86_64: flat('GB-s', 0.0000000309, SOURCES.lambdaUsEast1),
    arm64: flat('GB-s', 0.0000000309, SOURCES.lambdaUsEast1),
  },
};

/** Tier-1 duration only: tier 2/3 prices outside us-east-1 were not found (aws-facts §1.2, Appendix A 9). */
function tier1(usd: number, tier1UpTo: number, provenance: Provenance, region: string): PriceRow {
  return flat('GB-s', usd, provenance, {
    unknownAbove: tier1UpTo,
    source: `${provenance.source}; tier 2/3 prices for ${region} not found`,
  });
}

/** arm64 = 0.8 × x86, the exact us-east-1 ratio (aws-facts §1.8), without binary noise. */
const armFromX86 = (x86: number): number => Number((x86 * 0.8).toPrecision(12));

/** A Region row as pricing tables: arm64 PC is not published outside us-east-1, so it is derived (0.8 × x86). */
function fromRegionRow(region: string, row: LambdaRegionRow): LambdaRegionPrices {
  const p = lambdaRegionProvenance(region, row);
  const armPcCaveat = `arm64 Provisioned Concurrency prices for ${region} are not published; derived as 0.8 × x86, the us-east-1 ratio (aws-facts §1.8)`;
  const prices: LambdaRegionPrices = {
    requests: flat('request', perMillion(row.requestsUsdPerMillion), p),
    duration: {
      x86_64: tier1(row.x86GbSecondUsd, X86_TIER_1_GBS, p, region),
      arm64: tier1(row.armGbSecondUsd, ARM_TIER_1_GBS, p, region),
    },
  };
  if (row.provisionedX86GbSecondUsd !== undefined) {
    prices.provisionedConcurrency = {
      x86_64: flat('GB-s', row.provisionedX86GbSecondUsd, p),
      arm64: flat('GB-s', armFromX86(row.provisionedX86GbSecondUsd), p, { caveat: armPcCaveat }),
    };
  }
  if (row.provisionedDurationX86GbSecondUsd !== undefined) {
    prices.provisionedDuration = {
      x86_64: flat('GB-s', row.provisionedDurationX86GbSecondUsd, p),
      arm64: flat('GB-s', armFromX86(row.provisionedDurationX86GbSecondUsd), p, { caveat: armPcCaveat }),
    };
  }
  if (row.storageGbSecondUsd !== undefined) {
    prices.ephemeralStorage = { x86_64: flat('GB-s', row.storageGbSecondUsd, p), arm64: flat('GB-s', row.storageGbSecondUsd, p) };
  }
  return prices;
}

/** Duration only: requests, Provisioned Concurrency and storage were not found for these Regions (aws-facts §1.8). */
function durationOnly(region: string, x86: number, arm: number): LambdaRegionPrices {
  const p = SOURCES.lambdaMiddleEast;
  return { duration: { x86_64: tier1(x86, X86_TIER_1_GBS, p, region), arm64: tier1(arm, ARM_TIER_1_GBS, p, region) } };
}

/** Lambda prices keyed by Region code. */
export const LAMBDA_PRICES: Record<string, LambdaRegionPrices> = {
  'us-east-1': US_EAST_1,
  ...Object.fromEntries(Object.entries(LAMBDA_REGION_ROWS).map(([region, row]) => [region, fromRegionRow(region, row)])),
  'me-central-1': durationOnly('me-central-1', 0.0000206667, 0.0000165334),
};
