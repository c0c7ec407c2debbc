/**
 * The target as a result shows it (contract v2): the resolved target (src/target) with every default applied and
 * where each came from, and the URL that received the traffic. Environment variable values never enter a result.
 */

export interface Throttle {
  rateRps: number;
  burst: number;
}

export interface TargetFunction {
  name: string;
  /** Folder of the code, relative to the scenario file (emulator). */
  code?: string;
  handler?: string;
  /** Absent: not known (a deployed function the scenario does not describe). */
  runtime?: string;
  memoryMb?: number;
  timeoutMs?: number;
  architecture: 'x86_64' | 'arm64';
  ephemeralStorageMb: number;
  /** Names of the environment variables set (their values never enter a result). */
  environmentKeys?: string[];
  reservedConcurrency?: number;
  provisionedConcurrency: number;
  /** Emulator only: the CPU each invocation gets (`aws`: the memory size's share). */
  cpu?: 'aws' | 'host';
}

export interface TargetApi {
  type: 'rest' | 'http';
  /** A deployed API's id (url targets: declared, or read from the execute-api URL). */
  id?: string;
  stage?: string;
  stagePrefix?: string;
  payloadFormat?: '1.0' | '2.0';
  integrationTimeoutMs: number;
  accountThrottle: Throttle;
  stageThrottle?: Throttle;
  /** A deployed stage's variables, by name only (their values may be secrets). */
  stageVariableNames?: string[];
}

export interface TargetRoute {
  method: string;
  path: string;
  /** `METHOD /path`, or `$default`. */
  routeKey: string;
  function: string;
  integration: 'proxy' | 'lambda';
  throttle?: Throttle;
}

/** A value the scenario left out, and where the one used comes from. */
export interface AppliedDefault {
  /** Key path in the scenario (`target.functions.hello.timeout`). */
  path: string;
  value: unknown;
  source: string;
}

export interface TargetSummary {
  type: 'emulator' | 'url' | 'lambda';
  /** The Region priced, checked and (emulator) shown to functions. */
  region: string;
  /** Base URL that received the traffic. */
  url: string;
  /** The API type, kept at the top for quick reading. */
  apiType?: 'rest' | 'http';
  accountConcurrency: number;
  api?: TargetApi;
  functions: TargetFunction[];
  routes: TargetRoute[];
  /** Direct invoke (a `lambda` target, or the emulator with `invoke: 'direct'`): no API Gateway in front. */
  invoke?: {
    functionName: string;
    qualifier?: string;
    /** The function's ARN as GetFunctionConfiguration returned it (`lambda` targets). */
    functionArn?: string;
    /** The scenario's `endpoint`; else the SDK's own resolution. */
    endpoint?: string;
  };
  emulator?: { coldStartProfile: 'real' | 'aws'; idleTimeoutMs: number; maxLifetimeMs: number; spareRuntimes: number; port?: number };
  /** Every default applied, in key order; a `lambda` target's values read from AWS too, with their API. */
  defaults: AppliedDefault[];
}
