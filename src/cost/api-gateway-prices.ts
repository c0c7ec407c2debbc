/**
 * API Gateway request, WebSocket and cache prices, and data transfer out, per Region (USD per base unit).
 * AWS's pricing page renders the per-Region tables in the browser and no public snapshot of the AmazonApiGateway
 * offer files covering every Region was found (aws-facts §2.5), nor any copy of the Pricing Calculator's apigateway
 * map (calculator.aws/pricing/2.0/meteredUnitMaps/apigateway; only parsers of it, whose sample rows name no Region):
 * only the Regions and tiers found in dated copies of the Price List, or on the page itself, are here. Anything else is reported as missing when a usage needs it, and
 * a tier above the first one that was not found is flagged (`unknownAbove`), never filled from another Region.
 */
import { flat, perMillion, SOURCES, tiered } from './sources.js';
import type { ApiGatewayRegionPrices, PriceRow, Provenance } from './types.js';

const REST_TIER_1 = 333_000_000;
const HTTP_TIER_1 = 300_000_000;
// Data transfer bands are quoted in TB; taken as 1,024 GB, the binary GB used throughout AWS billing.
const TB = 1024;

const restTier1Only = (usd: number, source: Provenance): PriceRow =>
  flat('request', perMillion(usd), source, { unknownAbove: REST_TIER_1 });

const httpTier1Only = (usd: number, source: Provenance): PriceRow =>
  flat('request', perMillion(usd), source, { unknownAbove: HTTP_TIER_1 });

/** REST request tiers: first 333M, next 667M, next 19B, over 20B (per million, USD). */
const restTiers = ([t1, t2, t3, t4]: [number, number, number, number], source: Provenance, caveat?: string): PriceRow =>
  tiered(
    'request',
    [
      { upTo: REST_TIER_1, usd: perMillion(t1) },
      { upTo: 1_000_000_000, usd: perMillion(t2) },
      { upTo: 20_000_000_000, usd: perMillion(t3) },
      { upTo: null, usd: perMillion(t4) },
    ],
    source,
    caveat ? { caveat } : {},
  );

/** HTTP API request tiers: first 300M, over 300M (per million, USD). */
const httpTiers = ([t1, t2]: [number, number], source: Provenance): PriceRow =>
  tiered(
    'request',
    [
      { upTo: HTTP_TIER_1, usd: perMillion(t1) },
      { upTo: null, usd: perMillion(t2) },
    ],
    source,
  );

const cacheRow = (usd: number, source: Provenance, caveat?: string): PriceRow =>
  flat('hour', usd, source, caveat ? { caveat } : {});

const CACHE_UNCONFIRMED = 'this cache size price comes from community copies of the pricing page, not a dated AWS copy (aws-facts §2.2)';

const US_EAST_1: ApiGatewayRegionPrices = {
  rest: restTiers([3.5, 2.8, 2.38, 1.51], SOURCES.apiUsEast1),
  http: httpTiers([1, 0.9], SOURCES.apiUsEast1),
  websocketMessages: tiered(
    'message',
    [
      { upTo: 1_000_000_000, usd: perMillion(1) },
      { upTo: null, usd: perMillion(0.8) },
    ],
    SOURCES.apiUsEast1,
  ),
  websocketConnectionMinutes: flat('connection-minute', perMillion(0.25), SOURCES.apiUsEast1),
  cacheHourly: {
    '0.5': cacheRow(0.02, SOURCES.cacheCommunity, CACHE_UNCONFIRMED),
    '1.6': cacheRow(0.038, SOURCES.cacheExample),
    '6.1': cacheRow(0.2, SOURCES.cacheCommunity, CACHE_UNCONFIRMED),
    '13.5': cacheRow(0.25, SOURCES.cacheCommunity, CACHE_UNCONFIRMED),
    '28.4': cacheRow(0.5, SOURCES.cacheCommunity, CACHE_UNCONFIRMED),
    '58.2': cacheRow(1, SOURCES.cacheCommunity, CACHE_UNCONFIRMED),
    '118': cacheRow(1.9, SOURCES.cacheCommunity, CACHE_UNCONFIRMED),
    '237': cacheRow(3.8, SOURCES.cacheCommunity, CACHE_UNCONFIRMED),
  },
  dataTransferOut: tiered(
    'GB',
    [
      { upTo: 10 * TB, usd: 0.09 },
      { upTo: 50 * TB, usd: 0.085 },
      { upTo: 150 * TB, usd: 0.07 },
      { upTo: null, usd: 0.05 },
    ],
    SOURCES.dtoUsEast1,
  ),
};

const SEOUL: ApiGatewayRegionPrices = {
  rest: restTiers([3.5, 3.19, 2.71, 1.72], SOURCES.apiSeoul),
  http: httpTiers([1.23, 1.11], SOURCES.apiSeoul),
  websocketMessages: tiered(
    'message',
    [
      { upTo: 1_000_000_000, usd: perMillion(1.14) },
      { upTo: null, usd: perMillion(0.94) },
    ],
    SOURCES.apiSeoul,
  ),
  websocketConnectionMinutes: flat('connection-minute', perMillion(0.285), SOURCES.apiSeoul),
  cacheHourly: { '0.5': cacheRow(0.02, SOURCES.apiSeoul) },
  dataTransferOut: tiered(
    'GB',
    [
      { upTo: 10 * TB, usd: 0.126 },
      { upTo: null, usd: 0.122 },
    ],
    SOURCES.dtoAsia,
    { unknownAbove: 50 * TB },
  ),
};

// The caching example says its price applies to "US East, US West, EU Ireland" (aws-facts §2.2).
const cacheExampleOnly = { '1.6': cacheRow(0.038, SOURCES.cacheExample) };

/** API Gateway prices keyed by Region code. */
export const API_GATEWAY_PRICES: Record<string, ApiGatewayRegionPrices> = {
  'us-east-1': US_EAST_1,
  'us-east-2': { rest: restTier1Only(3.5, SOURCES.apiOhio), http: httpTier1Only(1, SOURCES.apiOhio) },
  'us-west-1': { http: httpTier1Only(1.17, SOURCES.apiNorthernCalifornia) },
  'eu-west-2': { rest: restTier1Only(3.5, SOURCES.apiLondon), http: httpTier1Only(1.16, SOURCES.apiLondon) },
  'us-west-2': { rest: restTier1Only(3.5, SOURCES.apiRestExample), cacheHourly: cacheExampleOnly },
  'ap-south-1': { rest: restTier1Only(3.5, SOURCES.apiRestExample), http: httpTier1Only(1.05, SOURCES.apiMumbaiHttp) },
  'ap-southeast-1': { http: httpTier1Only(1.25, SOURCES.apiSingaporeHttp) },
  'eu-north-1': {
    rest: restTiers([3.5, 3.03, 2.58, 1.64], SOURCES.apiStockholmRest, 'eu-north-1 REST prices come from a single 2024 copy of the pricing page, not re-confirmed since (aws-facts §2.5)'),
  },
  'eu-central-1': {
    rest: restTier1Only(3.7, SOURCES.apiFrankfurtRest),
    cacheHourly: { '0.5': cacheRow(0.02, SOURCES.cacheFrankfurt) },
  },
  'eu-west-1': {
    rest: restTiers([3.5, 3.19, 2.71, 1.72], SOURCES.apiIreland),
    http: httpTiers([1.11, 1], SOURCES.apiIreland),
    cacheHourly: cacheExampleOnly,
  },
  'ap-northeast-1': {
    http: httpTier1Only(1.29, SOURCES.apiTokyoHttp),
    dataTransferOut: flat('GB', 0.114, SOURCES.dtoAsia, { unknownAbove: 10 * TB }),
  },
  'ap-northeast-2': SEOUL,
};
