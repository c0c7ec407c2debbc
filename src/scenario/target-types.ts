/**
 * The scenario's `target` (types.ts re-exports it): the local emulator with its functions and routes, a deployed URL,
 * or a function invoked directly. Plain data, validated in validate-target.ts.
 */
import type { Duration } from './types.js';

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

/** A deployed function behind a url target's routes, as the scenario describes it (AWS lookups may add the rest). */
export interface UrlFunctionSpec {
  /** 128–10,240 MB. */
  memoryMb?: number;
  /** Default `x86_64`. */
  architecture?: Architecture;
  timeout?: Duration;
}

/** A route of a deployed API and the function behind it, named by hand. */
export interface UrlRouteSpec {
  method: HttpMethod | 'ANY';
  /** Resource path as deployed (`/items/{id}`), or `$default`. */
  path: string;
  /** A key of the url target's `functions`: the deployed function's name. */
  function: string;
  /** `proxy` (AWS_PROXY, default) or `lambda` (REST non-proxy). */
  integration?: 'proxy' | 'lambda';
}

/** A deployed API, reached over HTTPS. Function facts are needed to price it. */
export interface UrlTarget {
  type: 'url';
  /** Base URL including the stage, e.g. `https://abc.execute-api.eu-west-1.amazonaws.com/prod`. */
  url: string;
  /**
   * The API behind the URL. With an execute-api URL (or `id`), its routes, the functions behind them and the stage's
   * throttles are read from AWS before the run (`lookup: false` turns that off).
   */
  api?: {
    /** Default: the kind the lookups find the id to be (a REST API answers GetResources, an HTTP API GetRoutes). */
    type?: ApiType;
    /** The API's id; default: the one in an execute-api URL. */
    id?: string;
    /** The stage; default: the first path segment of an execute-api URL (else `$default`). */
    stage?: string;
    /** Default true when the API's id is known. */
    lookup?: boolean;
  };
  /** The Region of the API and its functions; default: an execute-api URL's, else `function.region`. */
  region?: string;
  /**
   * The AWS endpoint of the lookups (API Gateway and Lambda), e.g. `http://127.0.0.1:3000` for `lambdaload serve`.
   * Default: the SDK's (it honours `AWS_ENDPOINT_URL_API_GATEWAY`, `AWS_ENDPOINT_URL_APIGATEWAYV2`,
   * `AWS_ENDPOINT_URL_LAMBDA` and `AWS_ENDPOINT_URL`), else AWS's Regional endpoints.
   */
  endpoint?: string;
  /** The one function behind every route. */
  function?: {
    name: string;
    region: string;
    memoryMb: number;
    architecture?: Architecture;
  };
  /** Functions by their deployed name, for `routes` to name (several functions behind one API). */
  functions?: Record<string, UrlFunctionSpec>;
  /** Which function serves which route, by hand (the lookups find them when allowed). */
  routes?: UrlRouteSpec[];
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
