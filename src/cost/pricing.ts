/**
 * The default pricing tables (Lambda, API Gateway, free tier, metering) and Region lookup. An unknown Region is an
 * error that lists the known ones; there is no default Region.
 */
import { LambdaloadError } from '../errors.js';
import { API_GATEWAY_PRICES } from './api-gateway-prices.js';
import { FEATURE_PRICES } from './feature-prices.js';
import { LAMBDA_PRICES } from './lambda-prices.js';
import { SOURCES } from './sources.js';
import type { PricingTables } from './types.js';

/** The tables lambdaload ships with. Override or extend them with `loadPricingOverrides` (`--pricing` on the CLI). */
export const DEFAULT_PRICING: PricingTables = {
  lambda: LAMBDA_PRICES,
  apiGateway: API_GATEWAY_PRICES,
  features: FEATURE_PRICES,
  freeTier: {
    lambdaRequests: { quantity: 1_000_000, unit: 'request', ...SOURCES.lambdaFreeTier },
    lambdaGbSeconds: { quantity: 400_000, unit: 'GB-s', ...SOURCES.lambdaFreeTier },
    dataTransferOutGb: { quantity: 100, unit: 'GB', ...SOURCES.dtoFreeTier },
    restRequests: { quantity: 1_000_000, unit: 'request', ...SOURCES.apiFreeTier },
    httpRequests: { quantity: 1_000_000, unit: 'request', ...SOURCES.apiFreeTier },
    websocketMessages: { quantity: 1_000_000, unit: 'message', ...SOURCES.apiFreeTier },
    websocketConnectionMinutes: { quantity: 750_000, unit: 'connection-minute', ...SOURCES.apiFreeTier },
    // "The free tier also covers 100 GiB/month of HTTP response streaming" (aws-facts §1.4); binary GB, as AWS says GiB.
    responseStreamingGb: { quantity: 100, unit: 'GB', ...SOURCES.lambdaFreeTier },
  },
  metering: {
    httpIncrementKb: { quantity: 512, unit: 'KB', ...SOURCES.apiMetering },
    websocketIncrementKb: { quantity: 32, unit: 'KB', ...SOURCES.apiMetering },
  },
};

/** Every Region with any price in the tables, sorted. */
export function knownRegions(pricing: PricingTables = DEFAULT_PRICING): string[] {
  return [...new Set([...Object.keys(pricing.lambda), ...Object.keys(pricing.apiGateway)])].sort();
}

/** Throws PRICING_DATA_MISSING with the known Regions when `region` has no data at all. */
export function assertKnownRegion(region: string, pricing: PricingTables = DEFAULT_PRICING): void {
  if (pricing.lambda[region] !== undefined || pricing.apiGateway[region] !== undefined) return;
  throw new LambdaloadError('PRICING_DATA_MISSING', `no pricing data for Region '${region}'`, {
    hint: `Known Regions: ${knownRegions(pricing).join(', ')}. Add prices for '${region}' with --pricing overrides.json (README, "Pricing overrides (--pricing)").`,
  });
}
