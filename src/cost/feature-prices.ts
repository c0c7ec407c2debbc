/**
 * Prices of SnapStart, response streaming, tenant isolation, durable functions, Lambda@Edge, Lambda Managed Instances,
 * event source mappings in provisioned mode and private REST API endpoints (USD per base unit). Only us-east-1 is
 * known (aws-facts §1.1, §1.5, §2.1): every other Region reports these charges as "price unknown" until `--pricing`
 * or a custom table adds them. arm64 SnapStart and tenant isolation prices were not found and are absent.
 */
import { flat, perMillion } from './sources.js';
import type { FeatureRegionPrices, Provenance } from './types.js';

const SOURCES = {
  // aws-facts §1.1: the Price List, the ocel price book and the pricing page agree.
  lambdaSkus: (sku: string): Provenance => ({
    source: `aws.amazon.com/lambda/pricing; AWS Price List AWSLambda us-east-1 SKU ${sku}; cross-checked against the ocelhq/ocel price book (2026-09-06)`,
    asOf: '2026-09-06',
  }),
  // aws-facts §1.5: the pricing page's text and worked examples, no SKU found.
  lambdaPage: (what: string): Provenance => ({ source: `aws.amazon.com/lambda/pricing (2026 version), ${what}; aws-facts §1.5`, asOf: '2026' }),
  // aws-facts §2.1: the private API example of the API Gateway pricing page.
  privateApi: {
    source: 'aws.amazon.com/api-gateway/pricing private API example (AWS PrivateLink interface endpoint: $0.01 per hour per AZ, $0.01 per GB processed); aws.amazon.com/privatelink/pricing',
    asOf: '2025-11-02',
  },
} as const;

/** The first 6 MB of each streamed response are free (Lambda pricing page, aws-facts §1.1). */
export const STREAMING_FREE_PER_RESPONSE_KB = 6 * 1024;
/** A SnapStart snapshot is billed for at least 3 hours (Lambda pricing page, aws-facts §1.1). */
export const SNAPSTART_MINIMUM_HOURS = 3;
/** Provisioned-mode event pollers are billed per second with a 1-minute minimum (aws-facts §1.5). */
export const ESM_MINIMUM_HOURS = 1 / 60;
/** SQS event source mappings in provisioned mode keep at least 2 pollers (aws-facts §1.5). */
export const ESM_SQS_MINIMUM_POLLERS = 2;

const PETABYTE_GB = 1024 ** 2;

const US_EAST_1: FeatureRegionPrices = {
  snapStartCache: { x86_64: flat('GB-s', 0.0000015046, SOURCES.lambdaSkus('WRKYMVM4XSRFFQ7B')) },
  snapStartRestore: { x86_64: flat('GB', 0.0001397998, SOURCES.lambdaSkus('W3GTWG4PTZMXZ4F2')) },
  responseStreaming: {
    x86_64: flat('GB', 0.008, SOURCES.lambdaSkus('RJKWHBCSDT32Z53D')),
    arm64: flat('GB', 0.008, SOURCES.lambdaSkus('NCWFKF9SX4W4MNY5')),
  },
  tenantIsolation: { x86_64: flat('environment-GB', 0.000167, SOURCES.lambdaPage('tenant isolation mode, per execution environment created, per GB (x86)')) },
  durableOperations: flat('operation', perMillion(8), SOURCES.lambdaPage('durable functions, $8.00 per 1M durable operations')),
  durableDataWritten: flat('GB', 0.25, SOURCES.lambdaPage('durable functions, $0.25 per GB written')),
  durableDataRetained: flat('GB-month', 0.15, SOURCES.lambdaPage('durable functions, $0.15 per GB-month retained')),
  edgeRequests: flat('request', perMillion(0.6), SOURCES.lambdaSkus('NQA9ZMGJKNJQT78E')),
  edgeDuration: flat('GB-s', 0.00005001, SOURCES.lambdaSkus('UMUS4AT5S27NHYZQ'), {
    caveat: 'Lambda@Edge duration is rounded like Lambda duration (1 ms since December 2020); its own rounding rule was not re-confirmed (aws-facts §1.3 covers Lambda only)',
  }),
  managedInstancesRequests: flat('request', perMillion(0.2), SOURCES.lambdaPage('Lambda Managed Instances, $0.20 per 1M requests')),
  managedInstancesFee: flat('USD of EC2', 0.15, SOURCES.lambdaPage('Lambda Managed Instances, management fee of 15% of the EC2 on-demand instance price')),
  esmProvisioned: flat('EPU-hour', 0.185, SOURCES.lambdaSkus('E9QEPQBP6HKCU5DW'), {
    caveat: "the pricing page's SQS provisioned-mode example uses $0.00925 per EPU-hour (1/20 of the $0.185 listed), so this price is unconfirmed for SQS (aws-facts §1.1)",
  }),
  privateEndpointHour: flat('endpoint-AZ-hour', 0.01, SOURCES.privateApi),
  // PrivateLink's cheaper bands above 1 PB a month were not confirmed by a dated AWS copy: usage above warns.
  privateDataProcessed: flat('GB', 0.01, SOURCES.privateApi, { unknownAbove: PETABYTE_GB }),
};

/** Feature prices keyed by Region code. */
export const FEATURE_PRICES: Record<string, FeatureRegionPrices> = { 'us-east-1': US_EAST_1 };
