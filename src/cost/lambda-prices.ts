/**
 * Lambda list prices per Region (USD per base unit). us-east-1 is complete (aws-facts §1.1); the other Regions carry
 * what aws-facts §1.8 found: tier-1 duration, requests, x86 Provisioned Concurrency and ephemeral storage. What was not
 * found is either absent (reported when used) or derived with a caveat that every estimate using it repeats.
 */
import { flat, perMillion, SOURCES, tiered } from './sources.js';
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

interface RegionColumns {
  x86: number;
  arm: number;
  requestsPerMillion: number;
  pcX86: number;
  pcDurationX86: number;
  storageX86: number;
}

/** A Region from the remotion table: arm64 PC is not published outside us-east-1, so it is derived (0.8 × x86). */
function fromRegionTable(region: string, c: RegionColumns): LambdaRegionPrices {
  const p = SOURCES.lambdaRegions;
  const armPcCaveat = `arm64 Provisioned Concurrency prices for ${region} are not published; derived as 0.8 × x86, the us-east-1 ratio (aws-facts §1.8)`;
  const armStorageCaveat = `arm64 ephemeral storage price for ${region} is not listed; the x86 price is used, as in us-east-1 where both are equal (aws-facts §1.8)`;
  return {
    requests: flat('request', perMillion(c.requestsPerMillion), p),
    duration: { x86_64: tier1(c.x86, X86_TIER_1_GBS, p, region), arm64: tier1(c.arm, ARM_TIER_1_GBS, p, region) },
    provisionedConcurrency: {
      x86_64: flat('GB-s', c.pcX86, p),
      arm64: flat('GB-s', armFromX86(c.pcX86), p, { caveat: armPcCaveat }),
    },
    provisionedDuration: {
      x86_64: flat('GB-s', c.pcDurationX86, p),
      arm64: flat('GB-s', armFromX86(c.pcDurationX86), p, { caveat: armPcCaveat }),
    },
    ephemeralStorage: {
      x86_64: flat('GB-s', c.storageX86, p),
      arm64: flat('GB-s', c.storageX86, p, { caveat: armStorageCaveat }),
    },
  };
}

const BASE = { x86: 0.0000166667, arm: 0.0000133334, requestsPerMillion: 0.2 };

/** Duration only: requests, Provisioned Concurrency and storage were not verified for these Regions (aws-facts §1.8). */
function durationOnly(region: string, x86: number, arm: number): LambdaRegionPrices {
  const p = SOURCES.lambdaMiddleEast;
  return { duration: { x86_64: tier1(x86, X86_TIER_1_GBS, p, region), arm64: tier1(arm, ARM_TIER_1_GBS, p, region) } };
}

/** Lambda prices keyed by Region code. */
export const LAMBDA_PRICES: Record<string, LambdaRegionPrices> = {
  'us-east-1': US_EAST_1,
  'us-east-2': fromRegionTable('us-east-2', { ...BASE, pcX86: 0.0000041667, pcDurationX86: 0.0000097222, storageX86: 0.0000000309 }),
  'us-west-2': fromRegionTable('us-west-2', { ...BASE, pcX86: 0.0000041667, pcDurationX86: 0.0000097222, storageX86: 0.0000000309 }),
  'eu-west-1': fromRegionTable('eu-west-1', { ...BASE, pcX86: 0.000004646, pcDurationX86: 0.0000108407, storageX86: 0.000000034 }),
  'eu-central-1': fromRegionTable('eu-central-1', { ...BASE, pcX86: 0.0000050147, pcDurationX86: 0.0000117011, storageX86: 0.0000000367 }),
  'ap-northeast-1': fromRegionTable('ap-northeast-1', { ...BASE, pcX86: 0.0000053835, pcDurationX86: 0.0000125615, storageX86: 0.000000037 }),
  'ap-northeast-2': fromRegionTable('ap-northeast-2', { ...BASE, pcX86: 0.0000051254, pcDurationX86: 0.0000119592, storageX86: 0.0000000352 }),
  'ap-southeast-1': fromRegionTable('ap-southeast-1', { ...BASE, pcX86: 0.0000051991, pcDurationX86: 0.0000121313, storageX86: 0.000000037 }),
  'sa-east-1': fromRegionTable('sa-east-1', { ...BASE, pcX86: 0.0000066372, pcDurationX86: 0.0000154867, storageX86: 0.0000000586 }),
  // Osaka: power-tuning lists it higher; remotion (newer, from the AWS calculator) at the base price (aws-facts Appendix A 5).
  'ap-northeast-3': fromRegionTable('ap-northeast-3', { ...BASE, pcX86: 0.0000053835, pcDurationX86: 0.0000125615, storageX86: 0.000000037 }),
  'ap-south-1': fromRegionTable('ap-south-1', { ...BASE, pcX86: 0.0000044985, pcDurationX86: 0.0000104966, storageX86: 0.0000000352 }),
  'af-south-1': fromRegionTable('af-south-1', {
    x86: 0.0000221,
    arm: 0.00001768,
    requestsPerMillion: 0.27,
    pcX86: 0.00000553,
    pcDurationX86: 0.0000129,
    storageX86: 0.0000000404,
  }),
  'ap-east-1': fromRegionTable('ap-east-1', {
    x86: 0.00002292,
    arm: 0.0000183,
    requestsPerMillion: 0.28,
    pcX86: 0.0000057153,
    pcDurationX86: 0.0000133358,
    storageX86: 0.0000000407,
  }),
  'eu-south-1': fromRegionTable('eu-south-1', {
    x86: 0.0000195172,
    arm: 0.0000156138,
    requestsPerMillion: 0.23,
    pcX86: 0.0000048783,
    pcDurationX86: 0.0000113827,
    storageX86: 0.0000000357,
  }),
  'eu-central-2': fromRegionTable('eu-central-2', {
    x86: 0.0000183334,
    arm: 0.0000146667,
    requestsPerMillion: 0.22,
    pcX86: 0.0000055162,
    pcDurationX86: 0.0000128712,
    storageX86: 0.0000000441,
  }),
  'ap-southeast-5': fromRegionTable('ap-southeast-5', {
    x86: 0.000015,
    arm: 0.000012,
    requestsPerMillion: 0.18,
    pcX86: 0.0000046791,
    pcDurationX86: 0.0000109181,
    storageX86: 0.0000000333,
  }),
  'me-south-1': durationOnly('me-south-1', 0.0000206667, 0.0000165334),
  'me-central-1': durationOnly('me-central-1', 0.0000206667, 0.0000165334),
};
