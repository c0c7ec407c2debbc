/**
 * The scenario contract: what a user writes in `scenario.ts` through `defineScenario({...})`.
 * Everything here is plain data so a scenario can be validated, printed and stored in the result.
 */

/** A duration: milliseconds as a number, or a string such as `'500ms'`, `'30s'`, `'2m'`, `'1h'`. */
export type Duration = number | `${number}ms` | `${number}s` | `${number}m` | `${number}h`;

export * from './target-types.js';
import type { HttpMethod, Target } from './target-types.js';

export type Arrivals = 'uniform' | 'poisson';

interface PhaseBase {
  /** Shown in progress and reports. Default `phase-N`. */
  name?: string;
}

/** Open model: a constant arrival rate. */
export interface ConstantPhase extends PhaseBase {
  type: 'constant';
  duration: Duration;
  /** Arrivals per second. */
  rate: number;
  arrivals?: Arrivals;
}

/** Open model: the rate moves linearly from `rate` to `rampTo` over `duration`. */
export interface RampPhase extends PhaseBase {
  type: 'ramp';
  duration: Duration;
  rate: number;
  rampTo: number;
  arrivals?: Arrivals;
}

/** Open model: `rate`, with `spikeRate` between `spikeAt` and `spikeAt + spikeDuration`. */
export interface SpikePhase extends PhaseBase {
  type: 'spike';
  duration: Duration;
  rate: number;
  spikeRate: number;
  /** Offset of the spike from the phase start. Default: the middle of the phase minus half the spike. */
  spikeAt?: Duration;
  spikeDuration: Duration;
  arrivals?: Arrivals;
}

/** No traffic for a while (lets environments go idle). */
export interface PausePhase extends PhaseBase {
  type: 'pause';
  duration: Duration;
}

/** Closed model: N connections each sending the next request as soon as the previous one completes. */
export interface ClosedPhase extends PhaseBase {
  type: 'closed';
  duration: Duration;
  connections: number;
}

export type Phase = ConstantPhase | RampPhase | SpikePhase | PausePhase | ClosedPhase;

export interface RequestExpectation {
  /** Accepted status codes. Default: any 2xx/3xx. */
  status?: number | number[];
  /** The body must contain this text. */
  bodyContains?: string;
}

/**
 * One request template. Strings in `path`, `query`, `headers` and `body` may use variables:
 * `{{seq}}` (0, 1, 2, ... per run), `{{uuid}}`, `{{randomInt}}` (0 ≤ n < 1e9).
 */
export interface RequestSpec {
  /**
   * Label in reports. Default `METHOD path` (the template, not the expanded path); for direct invoke (`lambda`
   * targets, `invoke: 'direct'`) `invoke`.
   */
  name?: string;
  method?: HttpMethod;
  /**
   * Path below the target's base URL (and stage), e.g. `/hello` or `/items/{{seq}}`. Required for HTTP targets;
   * not used by direct invoke, whose requests are their `json` event only.
   */
  path?: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  /** JSON body (sets `content-type: application/json`); for direct invoke, the event (default `{}`). */
  json?: unknown;
  /** Raw body. */
  body?: string;
  /** Relative weight when several requests are defined. Default 1. */
  weight?: number;
  expect?: RequestExpectation;
}

export type Percentile = 'p50' | 'p90' | 'p99' | 'p99.9' | 'max' | 'mean';
export type StartLabel = 'cold' | 'warm' | 'unknown';

/** Typed thresholds: a failed one makes `lambdaload run` exit with code 3. */
export type Threshold =
  | {
      metric: 'latency';
      percentile: Percentile;
      maxMs: number;
      /** Default `all`. */
      start?: StartLabel | 'all';
      /** A request name; default all requests. */
      request?: string;
    }
  | { metric: 'errorRate'; max: number }
  | { metric: 'coldStartRate'; max: number }
  | { metric: 'costPerMillionUsd'; max: number }
  /** Fails when any quota check uses more than `maxUsedFraction` of its limit (e.g. 0.8). */
  | { metric: 'quotaHeadroom'; maxUsedFraction: number };

export interface HttpOptions {
  /** Keep-alive connections per target origin for open-model phases. Default 100. */
  connections?: number;
  /** Requests in flight at most; arrivals beyond it are dropped and counted. Default 10,000. */
  maxInFlight?: number;
  /** Per-request timeout. Default 60 s. */
  timeout?: Duration;
}

/** What production traffic looks like, for the monthly cost projection and quota checks. */
export interface ProjectionSpec {
  monthlyRequests?: number;
  peakRps?: number;
  region?: string;
  freeTier?: boolean;
  /** Setups the run's monthly comparison prices beside the measured one; their inputs are yours, not measured here. */
  alternatives?: CostAlternativesSpec;
}

/** Alternatives that change cold starts or capacity, priced in the comparison with their own charges (src/cost). */
export interface CostAlternativesSpec {
  /**
   * SnapStart: each cold start restores a snapshot instead of running INIT. `restoreDuration` is the Billed Restore
   * Duration per cold start (REPORT shows it on SnapStart functions); `cachedHours` how long the version's snapshot is
   * cached in the month (default: the month).
   */
  snapStart?: { restoreDuration: Duration; cachedHours?: number };
  /** Lambda Managed Instances: the month's instance hours, and the instance type or its EC2 On-Demand hourly price. */
  managedInstances?: { instanceHours: number; instanceType?: string; ec2OnDemandHourlyUsd?: number };
}

/** Guards for targets beyond this machine (src/run/remote-gate.ts). */
export interface SafetySpec {
  /** Consent to send this scenario's traffic to a target that is not on this machine (same as `--allow-remote`). */
  allowRemote?: boolean;
  /** Refuse the run when the test itself may cost more than this on AWS, in USD (`--max-cost-usd` wins). */
  maxCostUsd?: number;
  /** Duration of one invocation for the cost estimate; default the function's (or the HTTP) timeout, an upper bound. */
  assumedDuration?: Duration;
}

/**
 * Server-side evidence read after the run (src/cloudwatch): `'cloudwatch'` alone takes every default, the
 * object form names what a deployed target's URL cannot tell (the REST API's name, the functions behind it).
 */
export type EvidenceSpec = 'cloudwatch' | CloudWatchEvidenceSpec;

export interface CloudWatchEvidenceSpec {
  source: 'cloudwatch';
  /** The API's CloudWatch dimensions: REST `name` (ApiName), HTTP API `id` (ApiId; an execute-api URL gives it), `stage`. */
  api?: { name?: string; id?: string; stage?: string };
  /** Functions whose metrics and REPORT lines to read; default the target's. */
  functions?: string[];
  /** Routes (`{ method, path }` as deployed, path templates included) for per-route figures; default the target's. */
  routes?: Array<{ method: string; path: string; function?: string }>;
  /** How long to wait after the run for the data to arrive; default src/facts/cloudwatch.ts (ingestion delay). */
  wait?: Duration;
  /** Endpoints other than AWS's (the local emulator's URL for both); AWS_ENDPOINT_URL_CLOUDWATCH(_LOGS) work too. */
  endpoint?: string;
}

export interface Scenario {
  name: string;
  description?: string;
  target: Target;
  phases: Phase[];
  requests: RequestSpec[];
  thresholds?: Threshold[];
  http?: HttpOptions;
  projection?: ProjectionSpec;
  safety?: SafetySpec;
  /** Read CloudWatch after the run (`--evidence cloudwatch`). */
  evidence?: EvidenceSpec;
}
