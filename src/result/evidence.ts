/**
 * The `evidence` section of a run's result (contract v2): what CloudWatch says about the run's window, server side.
 * Every figure says whether it is `complete` (the query finished and every datapoint it needs was there) or
 * `incomplete` (with why); an incomplete figure is never presented as measured. src/cloudwatch builds it.
 */

export interface Figure {
  /** `null` when nothing was returned. */
  value: number | null;
  status: 'complete' | 'incomplete';
  /** Why it is incomplete. */
  note?: string;
}

/** One function: REPORT lines through Logs Insights, and its AWS/Lambda metrics. */
export interface FunctionEvidence {
  functionName: string;
  logGroup: string;
  /** From REPORT lines (Logs Insights; aws-facts §5.1, §5.2, §8.5). */
  reportLines: Figure;
  coldStarts: Figure;
  initMs: { p50: Figure; p90: Figure; p99: Figure; max: Figure };
  /** Σ Billed Duration × Memory Size, in GB-seconds (1 GB = 1,024 MB, as Lambda prices it). */
  billedGbSeconds: Figure;
  /** Memory Size of the REPORT lines; incomplete when it changed within the window. */
  memorySizeMb: Figure;
  durationMs: { p50: Figure; p90: Figure; p99: Figure; max: Figure };
  maxMemoryUsedMb: Figure;
  /** From AWS/Lambda metrics (aws-facts §8.1). */
  invocations: Figure;
  errors: Figure;
  throttles: Figure;
  metricDurationMs: { p50: Figure; p99: Figure };
  concurrentExecutionsMax: Figure;
}

/** One route of the API, from the detailed (per resource and method / per route) metrics. */
export interface RouteEvidence {
  /** `GET /items/{id}`, or `$default`. */
  route: string;
  function?: string;
  count: Figure;
  latencyAvgMs: Figure;
  latencyP50Ms: Figure;
  latencyP99Ms: Figure;
  integrationLatencyP50Ms: Figure;
  /** This route's share of its function's billed GB-seconds (its count × the function's GB-s per invocation). */
  billedGbSeconds: Figure;
}

export interface ApiEvidence {
  type: 'rest' | 'http';
  /** The dimensions read: `ApiName` + `Stage` (REST) or `ApiId` + `Stage` (HTTP API). */
  dimensions: Record<string, string>;
  count: Figure;
  latencyAvgMs: Figure;
  latencyP50Ms: Figure;
  latencyP99Ms: Figure;
  integrationLatencyP50Ms: Figure;
  integrationLatencyP99Ms: Figure;
  errors4xx: Figure;
  errors5xx: Figure;
  /** Most called first. */
  routes: RouteEvidence[];
}

export interface CloudWatchEvidence {
  source: 'cloudwatch';
  /** The run's window, and the whole minutes the metrics cover (CloudWatch's 1-minute datapoints). */
  window: { startedAt: string; endedAt: string; metricsFrom: string; metricsTo: string };
  /** How long lambdaload waited for the data to arrive after the run, and where that wait comes from. */
  waited: { ms: number; source: string };
  functions: FunctionEvidence[];
  /** Account level (no dimension): all functions in flight at once, and ClaimedAccountConcurrency (aws-facts §8.1). */
  account: { concurrentExecutionsMax: Figure; claimedAccountConcurrencyMax: Figure };
  api?: ApiEvidence;
  /** True when every figure is complete. */
  complete: boolean;
  /** What could not be read, and why (also the run's warnings). */
  notes: string[];
}
