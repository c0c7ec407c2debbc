/**
 * The narrow facade between event sources (the API Gateway front, the Invoke API) and execution
 * (environments running real runtime processes over the Lambda Runtime API).
 */
import type { LocalRuntime } from './local-runtime.js';
import type { InvocationTotals } from '../../measure/invocation-totals.js';
import type { Architecture, CpuModel, Runtime } from '../../scenario/types.js';
import type { InvocationRecord } from '../../records/invocation.js';

/** A function as the Lambda service sees it: all defaults resolved, paths absolute, durations in ms. */
export interface FunctionConfig {
  name: string;
  /** Absolute folder of the function's code (becomes LAMBDA_TASK_ROOT). */
  codeDir: string;
  handler: string;
  runtime: Runtime;
  memoryMb: number;
  timeoutMs: number;
  architecture: Architecture;
  environment: Record<string, string>;
  reservedConcurrency?: number;
  provisionedConcurrency: number;
  ephemeralStorageMb: number;
  /** `aws`: invocations at the memory size's CPU share (where control groups are available); `host`: unthrottled. */
  cpu: CpuModel;
}

export interface LambdaServiceOptions {
  functions: FunctionConfig[];
  /** Default 1,000. */
  accountConcurrency: number;
  coldStartProfile: 'real' | 'aws';
  idleTimeoutMs: number;
  maxLifetimeMs: number;
  /** Runtime processes kept started per function for its cold starts (spares.ts); 0 starts each on demand. */
  spareRuntimes: number;
  region: string;
  /** Base URL of the emulator's Invoke API, passed to functions as AWS_ENDPOINT_URL_LAMBDA. */
  invokeEndpointUrl?: string;
  /** Where each log line of every function goes (START/END/REPORT and the function's own output). */
  onLog?: (functionName: string, line: string) => void;
}

/** How a function's environments get CPU, memory and their runtime start (fleet.ts, cgroup.ts, spares.ts). */
export interface EnvironmentModel {
  functionName: string;
  memoryMb: number;
  /** `aws` with `cpus`: the CPU share on invocations; `enforcedBy` names the mechanism, `none` when there was none. */
  cpu: { model: CpuModel; cpus?: number; enforcedBy: string; unavailableReason?: string };
  memory: { limitMb: number; enforcedBy: string };
  /** Cold starts on spare runtime processes report the reference boot; spawned ones measure their own start. */
  runtimeStart: { source: 'spare-reference' | 'spawned'; referenceBootMs?: number; spareRuntimes: number };
}

export interface InvokeOptions {
  /** Base64 client context (X-Amz-Client-Context). */
  clientContext?: string;
  /** Stop waiting after this many ms (the integration timeout); the function keeps running, as on AWS. */
  waitTimeoutMs?: number;
  /**
   * The caller's `X-Amzn-Trace-Id`. The AWS SDKs send the invoking function's own trace header (`_X_AMZN_TRACE_ID`)
   * with every call made from inside a function, so its Root names the invocation this one was called from.
   */
  traceHeader?: string;
}

export interface InvokeResult {
  /** Response payload bytes as the function returned them (or the error object for function errors). */
  payload: Buffer;
  record: InvocationRecord;
  /** Last 4 KB of this invocation's log lines (for LogType: Tail). */
  logTail: string;
  /** True when waitTimeoutMs elapsed before the function answered. */
  waitTimedOut?: boolean;
}

/** The last records kept, in completion order, and how many earlier ones are no longer kept. */
export interface RecentRecords {
  records: InvocationRecord[];
  dropped: number;
}

export interface LambdaService {
  invoke(functionName: string, payload: Buffer, options?: InvokeOptions): Promise<InvokeResult>;
  hasFunction(functionName: string): boolean;
  getFunction(functionName: string): FunctionConfig | undefined;
  /** The most recent finished invocations (a bounded ring; older ones only count in `totals()`). */
  recentRecords(): RecentRecords;
  /** Bounded totals of every invocation so far (counts, billed durations, peaks), for the run's result. */
  totals(): InvocationTotals;
  /** Environments by state, for progress and reports; `spares`: runtime processes started ahead of cold starts. */
  stats(): { environments: number; busy: number; idle: number; spares: number; coldStarts: number; throttles: number };
  /** The local interpreter behind each function, in configuration order (Python's version once `start()` resolved). */
  localRuntimes(): LocalRuntime[];
  /** How each function's environments get CPU, memory and their runtime start, in configuration order. */
  environmentModels(): EnvironmentModel[];
  /** Starts provisioned environments; resolves when they are initialised. */
  start(): Promise<void>;
  /** Stops every runtime process; resolves when all have exited. */
  close(): Promise<void>;
}
