/**
 * Usage and price types of the charges beyond plain on-demand Lambda and API Gateway requests: free-tier switches,
 * payload-size distributions, private REST APIs, SnapStart, response streaming, tenant isolation, durable functions,
 * Lambda@Edge, Lambda Managed Instances and event source mappings in provisioned mode. Re-exported by types.ts.
 */
import type { Architecture, ByArchitecture, PriceRow } from './types.js';

/**
 * Which free allowances apply, one switch each (all default off: AWS's own worked examples apply some and not others,
 * aws-facts §2.4 and Appendix 12). `freeTier: true` on the usage is the shorthand for the four Lambda / data transfer
 * switches; `apiGatewayFreeTier: true` for `apiGateway`. An explicit switch here wins over either shorthand.
 */
export interface FreeTierSwitches {
  /** Lambda's always-free 1M requests a month. */
  lambdaRequests?: boolean;
  /** Lambda's always-free 400,000 GB-s a month (shared by x86_64 and arm64). */
  lambdaCompute?: boolean;
  /** Lambda's always-free 100 GiB a month of response streaming. */
  responseStreaming?: boolean;
  /** API Gateway's legacy 12-month free tier (accounts created before 2025-07-15). */
  apiGateway?: boolean;
  /** The always-free 100 GB a month of data transfer out to the internet. */
  dataTransferOut?: boolean;
}

/** One band of a payload-size mix: `share` of the requests are `sizeKb` (shares add up to 1). */
export interface PayloadShare {
  sizeKb: number;
  share: number;
}

/** A private REST API (reached through an interface VPC endpoint, AWS PrivateLink). */
export interface PrivateEndpointUsage {
  /** Availability Zones the interface endpoint is provisioned in (each is billed per hour). */
  azs: number;
  /** Hours the endpoint exists; a partial hour is billed as a full hour. */
  hours: number;
  /** GB through the endpoint. Default: requests × (payloadKb + responseKb) when both are known. */
  dataProcessedGb?: number;
}

/** SnapStart on a function version: restores replace INIT on cold starts. */
export interface SnapStartUsage {
  /** Hours the snapshot of each version stays cached (minimum 3 hours per snapshot). */
  cachedHours: number;
  /** Published versions with a snapshot cached over those hours. Default 1. */
  versions?: number;
  /** Restores (new environments). Default: the function's `coldStarts`. */
  restores?: number;
  /** Average Billed Restore Duration per restore, ms (billed in place of INIT). Default 0. */
  restoreDurationMs?: number;
  /** Java managed runtimes pay no cache or restore charge (Lambda pricing page). Default false. */
  javaManagedRuntime?: boolean;
}

export interface StreamingUsage {
  /** Invocations that stream their response. Default: the function's `requests`. */
  requests?: number;
  /** Average streamed response size, KB; the first 6 MB of each response are free. */
  responseKb?: number;
  /** Response sizes as a mix (shares add up to 1): the free 6 MB is taken off each band (wins over `responseKb`). */
  responseDistribution?: PayloadShare[];
}

export interface DurableUsage {
  /** Durable operations (steps, waits, callbacks) a month. */
  operations: number;
  /** GB of durable state written. */
  dataWrittenGb?: number;
  /** GB-months of durable state retained. */
  dataRetainedGbMonths?: number;
}

/** Charges a function adds to its requests and duration. */
export interface FunctionFeatures {
  snapStart?: SnapStartUsage;
  streaming?: StreamingUsage;
  /** Tenant isolation mode: execution environments created (each priced per GB of memory). */
  tenantIsolation?: { environmentsCreated: number };
  durable?: DurableUsage;
}

/** A Lambda@Edge function (CloudFront): its own request and duration prices, no free tier. */
export interface EdgeFunctionUsage {
  name?: string;
  memoryMb: number;
  requests: number;
  /** Average duration per invocation, ms, before rounding. */
  durationMs: number;
  /** Cold starts, and their average INIT in ms: billed at Lambda@Edge rates since 2025-08-01 (aws-facts §1.7). */
  coldStarts?: number;
  initDurationMs?: number;
}

/** Lambda Managed Instances: requests, plus EC2 instances and a management fee on their on-demand price. */
export interface ManagedInstancesUsage {
  name?: string;
  requests: number;
  /** Instance-hours of the capacity provider's EC2 instances. */
  instanceHours: number;
  /** EC2 instance type, named in the warning when its price is not given. */
  instanceType?: string;
  /** EC2 on-demand price of that instance type in the Region, USD per hour (not in lambdaload's tables). */
  ec2OnDemandHourlyUsd?: number;
}

/** An event source mapping in provisioned mode. */
export interface EventSourceMappingUsage {
  name?: string;
  source: 'sqs' | 'kafka';
  /** Event pollers provisioned (SQS: at least 2). */
  pollers: number;
  /** Hours they are provisioned; billed per second with a 1-minute minimum. */
  hours: number;
}

/** Prices of those charges in one Region. A missing row is reported as "price unknown", never borrowed. */
export interface FeatureRegionPrices {
  snapStartCache?: ByArchitecture<PriceRow>;
  snapStartRestore?: ByArchitecture<PriceRow>;
  responseStreaming?: ByArchitecture<PriceRow>;
  tenantIsolation?: ByArchitecture<PriceRow>;
  durableOperations?: PriceRow;
  durableDataWritten?: PriceRow;
  durableDataRetained?: PriceRow;
  edgeRequests?: PriceRow;
  edgeDuration?: PriceRow;
  managedInstancesRequests?: PriceRow;
  /** The management fee as a share of the EC2 on-demand price (unit `USD of EC2`, e.g. 0.15). */
  managedInstancesFee?: PriceRow;
  esmProvisioned?: PriceRow;
  privateEndpointHour?: PriceRow;
  privateDataProcessed?: PriceRow;
}

export type { Architecture };
