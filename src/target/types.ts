/**
 * The resolved target: a scenario's target with every default applied and every duration in milliseconds, the one
 * description that the emulator, cost, quotas, summaries and the result read. A value the scenario did not give and
 * no documented default supplies stays `undefined` (unknown), never a guess.
 */
import type { ApiType, Architecture, CpuModel, HttpMethod, Runtime } from '../scenario/types.js';

export interface ResolvedThrottle {
  rateRps: number;
  burst: number;
}

export interface ResolvedFunction {
  name: string;
  /** Folder of the code, relative to the scenario file, as written (`.` when left out). Emulator only. */
  code?: string;
  handler?: string;
  /** `undefined`: not known (a deployed function the scenario does not describe). */
  runtime?: Runtime;
  memoryMb?: number;
  timeoutMs?: number;
  architecture: Architecture;
  ephemeralStorageMb: number;
  environment?: Record<string, string>;
  reservedConcurrency?: number;
  provisionedConcurrency: number;
  /** Emulator only: the CPU each invocation gets (`aws`: the memory size's share). */
  cpu?: CpuModel;
}

export interface ResolvedApi {
  type: ApiType;
  /** A deployed API's id (url targets: as declared, else from the execute-api URL). */
  id?: string;
  stage?: string;
  /** Base path prefix of the stage in URLs (`/dev`; empty for an HTTP API `$default` stage). Emulator only. */
  stagePrefix?: string;
  payloadFormat?: '1.0' | '2.0';
  integrationTimeoutMs: number;
  /** The account-level throttle of the Region, shared by every API of the account. */
  accountThrottle: ResolvedThrottle;
  stageThrottle?: ResolvedThrottle;
  /** A deployed stage's variables, by name only (their values may be secrets), as GetStage read them. */
  stageVariableNames?: string[];
}

export interface ResolvedRoute {
  method: HttpMethod | 'ANY';
  path: string;
  /** `METHOD /path`, or `$default`. */
  routeKey: string;
  function: string;
  integration: 'proxy' | 'lambda';
  throttle?: ResolvedThrottle;
}

/** The local emulator's own settings. */
export interface ResolvedEmulatorSettings {
  coldStartProfile: 'real' | 'aws';
  idleTimeoutMs: number;
  maxLifetimeMs: number;
  spareRuntimes: number;
  port?: number;
}

/** What a direct-invoke run invokes. */
export interface ResolvedInvoke {
  functionName: string;
  qualifier?: string;
  /** The function's ARN as GetFunctionConfiguration returned it (`lambda` targets, after the lookups). */
  functionArn?: string;
  /** The scenario's `endpoint` (a `lambda` target); else the SDK's own resolution. */
  endpoint?: string;
}

/** A value the scenario left out, and where the one used comes from. */
export interface AppliedDefault {
  /** Key path in the scenario (`target.functions.hello.timeout`). */
  path: string;
  value: unknown;
  source: string;
}

export interface ResolvedTarget {
  type: 'emulator' | 'url' | 'lambda';
  /** The Region priced, checked and (emulator) shown to functions. */
  region: string;
  /** A deployed API's base URL (url targets). */
  url?: string;
  accountConcurrency: number;
  /** Absent when the target is not behind API Gateway, or a url target does not say which API type it is. */
  api?: ResolvedApi;
  functions: ResolvedFunction[];
  routes: ResolvedRoute[];
  emulator?: ResolvedEmulatorSettings;
  /** Direct invoke (a `lambda` target, or the emulator with `invoke: 'direct'`): no API Gateway in front. */
  invoke?: ResolvedInvoke;
  /** Every default applied, in key order; a `lambda` target's values read from AWS are listed here too, with their API. */
  defaults: AppliedDefault[];
}
