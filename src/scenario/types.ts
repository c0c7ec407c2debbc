/**
 * The scenario contract: what a user writes in `scenario.ts` through `defineScenario({...})`.
 * Everything here is plain data so a scenario can be validated, printed and stored in the result.
 */

/** A duration: milliseconds as a number, or a string such as `'500ms'`, `'30s'`, `'2m'`, `'1h'`. */
export type Duration = number | `${number}ms` | `${number}s` | `${number}m` | `${number}h`;

export const RUNTIMES = [
  'nodejs20.x',
  'nodejs22.x',
  'nodejs24.x',
  'python3.11',
  'python3.12',
  'python3.13',
  'provided.al2',
  'provided.al2023',
] as const;
export type Runtime = (typeof RUNTIMES)[number];

export const ARCHITECTURES = ['x86_64', 'arm64'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

export const API_TYPES = ['rest', 'http'] as const;
export type ApiType = (typeof API_TYPES)[number];

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A Lambda function run by the local emulator. Defaults are AWS's own defaults. */
export interface FunctionSpec {
  /** Folder with the function's code, relative to the scenario file. Default: the scenario file's folder. */
  code?: string;
  /** AWS handler string: `file.export` for Node (`index.handler`) and Python (`app.handler`); ignored by `provided`. */
  handler: string;
  /** Default `nodejs22.x`. The local Node / python3 runs the code; the name selects the runtime kind and cold-start profile. */
  runtime?: Runtime;
  /** 128–10,240 MB. Default 128. */
  memoryMb?: number;
  /** Function timeout. Default 3 s, at most 900 s. */
  timeout?: Duration;
  /** Default `x86_64`. Used for pricing and the `aws` cold-start profile. */
  architecture?: Architecture;
  environment?: Record<string, string>;
  /** Reserved concurrency: the most environments this function may use at once. */
  reservedConcurrency?: number;
  /** Environments initialised before traffic starts (served warm, priced as provisioned concurrency). */
  provisionedConcurrency?: number;
  /** /tmp size, 512–10,240 MB. Default 512. */
  ephemeralStorageMb?: number;
  /** CPU model for this function; default the target's `cpu`. */
  cpu?: CpuModel;
}

/**
 * `aws`: each environment's invocations get the CPU share Lambda gives the memory size (memoryMb / 1,769 of a CPU),
 * enforced by a control group; `host`: the host's CPU, unthrottled.
 */
export type CpuModel = 'aws' | 'host';
export const CPU_MODELS = ['aws', 'host'] as const satisfies readonly CpuModel[];

export interface RouteSpec {
  /** `GET`, `POST`, ... or `ANY`. */
  method: HttpMethod | 'ANY';
  /** Resource path with `{param}` and greedy `{proxy+}`, e.g. `/items/{id}`; `$default` for the HTTP API catch-all. */
  path: string;
  /** Name of a function in `functions`. */
  function: string;
  /** `proxy` (AWS_PROXY, default) or `lambda` (REST non-proxy "Lambda function" integration). */
  integration?: 'proxy' | 'lambda';
}

export interface ThrottleSpec {
  rateRps: number;
  burst: number;
}

export interface EmulatorApiSpec {
  type: ApiType;
  /** Stage name. REST default `dev` (URLs are `/dev/...`); HTTP API default `$default` (no prefix). */
  stage?: string;
  /** HTTP API only: payload format version. Default `2.0`. */
  payloadFormat?: '1.0' | '2.0';
  /** Integration timeout. Default: REST 29 s, HTTP API 30 s. */
  integrationTimeout?: Duration;
  /** Stage throttle. Default: the account's 10,000 req/s with 5,000 burst. */
  throttle?: ThrottleSpec;
  /** Per-route throttles keyed by `METHOD /path` as in `routes`. */
  routeThrottles?: Record<string, ThrottleSpec>;
}

/** Upper bound of `EmulatorTarget.spareRuntimes` (each spare is an idle process of some tens of MB). */
export const MAX_SPARE_RUNTIMES = 64;

/** The default target: lambdaload's own API Gateway + Lambda emulator on 127.0.0.1. */
export interface EmulatorTarget {
  type: 'emulator';
  api: EmulatorApiSpec;
  functions: Record<string, FunctionSpec>;
  routes: RouteSpec[];
  /** `gateway` (the default): requests go through the emulated API Gateway and its routes. See DirectEmulatorTarget. */
  invoke?: 'gateway';
  /**
   * `real` (default): the runtime's start as measured here plus the function's init. `aws`: the runtime's start drawn
   * from AWS's measured Init Durations, plus the function's init.
   */
  coldStartProfile?: 'real' | 'aws';
  /** Account concurrency limit. Default 1,000. */
  accountConcurrency?: number;
  /** Idle environments are reclaimed after this. Default 10 min. */
  idleTimeout?: Duration;
  /** An environment is retired after this lifetime. Default 2 h. */
  maxLifetime?: Duration;
  /** Port for the emulator; default a free port. */
  port?: number;
  /**
   * Runtime processes kept started per Node.js / Python function, up to their bootstrap, so that a cold start costs
   * the function's own INIT rather than a process start-up competing for this machine's CPU. Default 4; 0 starts
   * every runtime on demand.
   */
  spareRuntimes?: number;
  /** CPU model of every function (each may override it). Default `aws` where control groups can be created. */
  cpu?: CpuModel;
}

/**
 * The emulator's functions driven by direct invoke: each request's `json` is the event of a Lambda Invoke sent
 * through the AWS SDK to the emulator's Invoke API (the `lambda` target's path, with no AWS account). No API Gateway:
 * `api` and `routes` are not needed (and not used when given).
 */
export type DirectEmulatorTarget = Omit<EmulatorTarget, 'api' | 'routes' | 'invoke'> & {
  invoke: 'direct';
  /** The function invoked; may be left out when `functions` has only one. */
  functionName?: string;
  api?: EmulatorApiSpec;
  routes?: RouteSpec[];
};

/** A deployed API, reached over HTTPS. Function facts are needed to price it. */
export interface UrlTarget {
  type: 'url';
  /** Base URL including the stage, e.g. `https://abc.execute-api.eu-west-1.amazonaws.com/prod`. */
  url: string;
  api?: { type: ApiType };
  function?: {
    name: string;
    region: string;
    memoryMb: number;
    architecture?: Architecture;
  };
}

/**
 * A deployed function, invoked directly through the Lambda Invoke API (no API Gateway). Each request's `json` is the
 * event. Memory, timeout, architecture and concurrency come from GetFunctionConfiguration, GetFunctionConcurrency
 * and GetAccountSettings before the run.
 */
export interface LambdaInvokeTarget {
  type: 'lambda';
  /** A name, `name:alias`, or a full or partial ARN. */
  functionName: string;
  /** A version or alias. Default `$LATEST`. */
  qualifier?: string;
  region: string;
  /**
   * The Lambda API endpoint, e.g. `http://127.0.0.1:3000` for `lambdaload serve`. Default: the SDK's (it honours
   * `AWS_ENDPOINT_URL_LAMBDA` and `AWS_ENDPOINT_URL`), else AWS's Regional endpoint.
   */
  endpoint?: string;
}

export type Target = EmulatorTarget | DirectEmulatorTarget | UrlTarget | LambdaInvokeTarget;

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
