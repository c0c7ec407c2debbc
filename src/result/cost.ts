/**
 * The cost section of a result (contract v2): plain JSON types of the result's own; src/cost builds values that fit
 * them (run/cost.ts hands them over), and a field the cost room adds reaches the file only once it is declared here.
 */

export type Architecture = 'x86_64' | 'arm64';

export interface CostLine {
  /**
   * Stable id of the kind of charge (`lambda.requests`, `lambda.compute.x86_64.tier1`, `apigw.rest.requests.free`,
   * `dto.internet.tier1`; README "Cost line ids"). Absent only in results migrated from v1.
   */
  id?: string;
  item: string;
  quantity: number;
  unit: string;
  unitPriceUsd: number;
  /** The volume tier, or `free tier`. */
  tier?: string;
  amountUsd: number;
  source?: string;
  asOf?: string;
}

export interface CostEstimate {
  region: string;
  currency: 'USD';
  lines: CostLine[];
  /** Sum of the lines, unrounded. */
  totalUsd: number;
  /** `{ code, message }`: `PRICE_MISSING`, `PRICE_CAVEAT`, `TIERS_UNKNOWN`, ... */
  warnings: Array<{ code: string; message: string }>;
  /** The rules and assumptions the estimate used (billing date, rounding, free tier). */
  notes: string[];
  compute: {
    onDemandGbSeconds: number;
    /** Billed INIT of on-demand cold starts, in GB-s (part of onDemandGbSeconds). */
    initGbSeconds: number;
    provisionedGbSeconds: number;
    computeUsd: number;
    /** The on-demand duration cost attributable to billed INIT. */
    initUsd: number;
  };
}

/** Per-request averages of a run: the basis of its monthly projection and comparison. */
export interface ProjectionBasis {
  region: string;
  functions: Array<{
    name: string;
    memoryMb: number;
    architecture: Architecture;
    ephemeralStorageMb?: number;
    initAlwaysBilled?: boolean;
    invocationsPerRequest: number;
    /** Average billed execution per invocation in ms, INIT excluded. */
    avgBilledMs: number;
    /** On-demand cold starts per invocation. */
    coldStartRate: number;
    /** Average billed INIT per cold start in ms. */
    avgBilledInitMs: number;
    provisionedShare: number;
    provisionedEnvironments?: number;
  }>;
  api?: { type: 'rest' | 'http'; meteredPerRequest: number; responseBytesPerRequest: number };
}

export interface RunCostSection {
  /** The run alone, no free tier. */
  estimate: CostEstimate;
  /** API requests, or invocations when there was no API in front. */
  requests: number;
  invocations: number;
  costPerRequestUsd: number;
  costPerMillionUsd: number;
  coldStarts: { count: number; billedInitMs: number; initUsd: number; computeUsd: number; shareOfCompute: number };
  basis: ProjectionBasis;
}

export interface MonthlyProjectionSection {
  monthlyRequests: number;
  estimate: CostEstimate;
  costPerMillionUsd: number;
  notes: string[];
}

export interface CostComparisonRow {
  label: string;
  architecture: Architecture;
  apiType?: 'rest' | 'http';
  /** Set on memory-size rows. */
  memoryMb?: number;
  monthlyUsd: number;
  costPerMillionUsd: number;
  /** Difference from the baseline row (the run as measured), in USD per month. */
  deltaUsd: number;
  baseline: boolean;
  warnings: string[];
  /** Set on the what-if rows of another compute option. */
  alternative?: 'snapstart' | 'managed-instances';
}

/** The other compute options a comparison priced, as the scenario described them (`merge` prices them again). */
export interface CostAlternatives {
  snapStart?: { restoreDurationMs: number; cachedHours: number; versions?: number; javaManagedRuntime?: boolean };
  managedInstances?: { instanceHours: number; instanceType?: string; ec2OnDemandHourlyUsd?: number };
}

/** The cost of the run, the month at the expected traffic, and what-if rows. */
export interface CostReport {
  region: string;
  run: RunCostSection;
  /** Present when the scenario gives `projection.monthlyRequests` (or another traffic profile). */
  projection?: MonthlyProjectionSection;
  /** The same month (or 1M requests without a projection) on x86_64 vs arm64, REST vs HTTP API, memory sizes. */
  comparison: { monthlyRequests: number; rows: CostComparisonRow[]; notes: string[]; alternatives?: CostAlternatives };
}
