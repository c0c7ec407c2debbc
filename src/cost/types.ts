/**
 * The cost room's contracts: dated, sourced pricing tables; the usage a month (or a run) consumed; the itemised
 * estimate. All plain data: usage in, lines out. Prices are USD per base unit (per request, per GB-s, per hour, per GB),
 * so every line satisfies `amountUsd = quantity × unitPriceUsd`.
 */
import type { CostEstimate as ResultCostEstimate, CostLine as ResultCostLine } from '../result/cost.js';
import type { Architecture } from '../scenario/types.js';
import type {
  EdgeFunctionUsage,
  EventSourceMappingUsage,
  FeatureRegionPrices,
  FreeTierSwitches,
  FunctionFeatures,
  ManagedInstancesUsage,
  PayloadShare,
  PrivateEndpointUsage,
} from './feature-types.js';

export type { Architecture };
export type * from './feature-types.js';

/** Where a number comes from and when it was last confirmed (ISO date, or `YYYY-MM` / `YYYY` when only that is known). */
export interface Provenance {
  source: string;
  asOf: string;
}

/** One price band. `upTo` is the cumulative monthly quantity where the band ends (`null`: no end). */
export interface PriceTier {
  upTo: number | null;
  usd: number;
}

/** A price: one tier for a flat price, several for monthly volume tiers. */
export interface PriceRow extends Provenance {
  /** Base unit the price is per, e.g. `request`, `GB-s`, `hour`, `GB`. */
  unit: string;
  tiers: PriceTier[];
  /**
   * Tiers above this monthly quantity were not found for this Region; the quantity above it is priced at the last
   * known tier (an upper bound) and the estimate says so in a warning.
   */
  unknownAbove?: number;
  /** Set when the row is derived or unconfirmed; the estimate repeats it as a warning whenever the row is used. */
  caveat?: string;
}

export type ByArchitecture<T> = Partial<Record<Architecture, T>>;

/** Lambda prices of one Region. A missing item is reported, never replaced by another Region's price. */
export interface LambdaRegionPrices {
  requests?: PriceRow;
  /** On-demand duration, tiered per account, Region and architecture. */
  duration?: ByArchitecture<PriceRow>;
  /** Provisioned Concurrency allocation (configured GB × seconds enabled). */
  provisionedConcurrency?: ByArchitecture<PriceRow>;
  /** Duration of invocations served by Provisioned Concurrency environments. */
  provisionedDuration?: ByArchitecture<PriceRow>;
  /** `/tmp` above 512 MB, per GB-s. */
  ephemeralStorage?: ByArchitecture<PriceRow>;
}

/** API Gateway prices of one Region (and the data transfer out of it). */
export interface ApiGatewayRegionPrices {
  rest?: PriceRow;
  http?: PriceRow;
  websocketMessages?: PriceRow;
  websocketConnectionMinutes?: PriceRow;
  /** REST cache per hour, keyed by cache size in GB as AWS lists it (`"0.5"`, `"1.6"`, `"6.1"`, ...). */
  cacheHourly?: Record<string, PriceRow>;
  /** Data transfer out to the internet (EC2 rates), per GB. */
  dataTransferOut?: PriceRow;
}

export interface FreeTierAllowance extends Provenance {
  quantity: number;
  unit: string;
}

/** Monthly free allowances. Applied only when the usage switches them on. */
export interface FreeTierAllowances {
  lambdaRequests: FreeTierAllowance;
  lambdaGbSeconds: FreeTierAllowance;
  dataTransferOutGb: FreeTierAllowance;
  restRequests: FreeTierAllowance;
  httpRequests: FreeTierAllowance;
  websocketMessages: FreeTierAllowance;
  websocketConnectionMinutes: FreeTierAllowance;
  /** Lambda response streaming, GB a month (absent in older custom tables: then never applied). */
  responseStreamingGb?: FreeTierAllowance;
}

/** Metering sizes of API Gateway (request and message increments). */
export interface ApiMetering {
  httpIncrementKb: FreeTierAllowance;
  websocketIncrementKb: FreeTierAllowance;
}

export interface PricingTables {
  lambda: Record<string, LambdaRegionPrices>;
  apiGateway: Record<string, ApiGatewayRegionPrices>;
  freeTier: FreeTierAllowances;
  metering: ApiMetering;
  /** SnapStart, streaming, Lambda@Edge, Managed Instances, ...; absent: every such charge is "price unknown". */
  features?: Record<string, FeatureRegionPrices>;
}

/** Which billing rules apply. */
export interface BillingOptions {
  /**
   * Billing date (ISO `YYYY-MM-DD`). Selects INIT billing (from 2025-08-01), tiered duration (from 2022-08-01) and,
   * unless `granularityMs` is given, 100 ms rounding before 2020-12-01. Default: the rules in force today.
   */
  date?: string;
  /** Duration rounding: 1 ms (since December 2020) or 100 ms (before). */
  granularityMs?: 1 | 100;
}

/** Usage of one function (or one memory size of it) over the priced period. */
export interface FunctionUsage extends FunctionFeatures {
  name?: string;
  memoryMb: number;
  /** Default `x86_64`, Lambda's own default. */
  architecture?: Architecture;
  /** `/tmp` size, 512–10,240 MB; only the part above 512 MB is priced. Default 512. */
  ephemeralStorageMb?: number;
  /** Every invocation, on-demand and provisioned. */
  requests: number;
  /** Average handler duration per invocation in ms, before rounding (used when `billed` is absent). */
  durationMs?: number;
  /** Cold starts on on-demand environments. */
  coldStarts?: number;
  /** Average INIT duration of those cold starts, in ms. */
  initDurationMs?: number;
  /** Custom runtime (`provided.*`) or container image: INIT was billed before 2025-08-01 too. */
  initAlwaysBilled?: boolean;
  /** Measured billed totals (REPORT `Billed Duration`); when given, durations are not re-rounded. */
  billed?: {
    /** Billed ms of on-demand invocations, INIT included where it was billed. */
    onDemandMs: number;
    /** The part of `onDemandMs` that was INIT. */
    initMs?: number;
    /** Billed ms of invocations served by Provisioned Concurrency. */
    provisionedMs?: number;
  };
  provisioned?: {
    /** Configured Provisioned Concurrency (environments). */
    environments: number;
    /** Hours it was enabled; rounded up to 5 minutes. */
    hoursEnabled: number;
    /** Invocations served by provisioned environments (the rest spill over to on-demand). */
    requests: number;
    /** Their average duration in ms. Default: `durationMs`. */
    durationMs?: number;
  };
}

export type PricedApiType = 'rest' | 'http';

export interface ApiUsage {
  /** Shown in the lines of this API's cache and private endpoint. */
  name?: string;
  type: PricedApiType;
  requests: number;
  /** Average request size in KB (1 KB = 1,024 bytes); HTTP APIs meter in 512 KB increments. */
  payloadKb?: number;
  /** Request sizes as a mix (shares add up to 1): each band is metered on its own size (wins over `payloadKb`). */
  payloadDistribution?: PayloadShare[];
  /** HTTP API requests already counted in 512 KB increments (wins over `payloadKb` and `payloadDistribution`). */
  meteredRequests?: number;
  /** Average response size in KB: requests × responseKb is priced as data transfer out (not for private APIs). */
  responseKb?: number;
  /** REST API cache of this API (rounded up to the next size AWS offers). */
  cache?: { sizeGb: number; hours: number };
  /** A private REST API: interface VPC endpoint hours per AZ and data processed (AWS PrivateLink). */
  private?: PrivateEndpointUsage;
}

export interface WebSocketUsage {
  messages: number;
  /** Average message size in KB; messages are metered in 32 KB increments. */
  messageKb?: number;
  connectionMinutes?: number;
}

/** What a month (or a run) used. Every field with a price can be given. */
export interface CostUsage {
  /** AWS Region, e.g. `us-east-1`. Required: there is no default Region. */
  region: string;
  /**
   * Shorthand: Lambda's always-free 1M requests, 400,000 GB-s and 100 GiB of response streaming, and the 100 GB
   * data-transfer allowance. Default false. `freeTiers` switches them one by one and wins over this.
   */
  freeTier?: boolean;
  /** Shorthand for `freeTiers.apiGateway`: API Gateway's legacy 12-month free tier. Default false. */
  apiGatewayFreeTier?: boolean;
  /** One switch per free allowance (see FreeTierSwitches). */
  freeTiers?: FreeTierSwitches;
  billing?: BillingOptions;
  functions?: FunctionUsage[];
  /** One API; `apis` lists several (request tiers apply to their aggregate per type). */
  api?: ApiUsage;
  apis?: ApiUsage[];
  websocket?: WebSocketUsage;
  /** REST API cache (rounded up to the next size AWS offers). */
  cache?: { sizeGb: number; hours: number };
  dataTransferOutGb?: number;
  edgeFunctions?: EdgeFunctionUsage[];
  managedInstances?: ManagedInstancesUsage[];
  eventSourceMappings?: EventSourceMappingUsage[];
}

/** A cost line as the cost room makes it: every line has its stable `id` (the result's `id` is optional for v1). */
export interface CostLine extends ResultCostLine {
  id: string;
}

export interface CostWarning {
  /** `PRICE_MISSING`, `PRICE_UNKNOWN`, `PRICE_CAVEAT`, `TIERS_UNKNOWN`, `FREE_TIER_PC`, `USAGE_OUT_OF_RANGE`, `USAGE_INCOMPLETE`. */
  code: string;
  message: string;
}

export interface CostEstimate extends Omit<ResultCostEstimate, 'lines' | 'warnings'> {
  lines: CostLine[];
  warnings: CostWarning[];
}
