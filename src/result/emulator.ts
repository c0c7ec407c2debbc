/** The emulator section of a result (contract v2): what the local emulator saw of every invocation. */

/** One function's invocations in the emulator. */
export interface EmulatorFunctionSummary {
  name: string;
  invocations: number;
  coldStarts: number;
  throttles: number;
  timeouts: number;
  functionErrors: number;
  /** Most invocations of this function in flight at once. */
  peakConcurrency: number;
  /** Longest measured INIT (cold starts), ms. */
  maxInitMs?: number;
  /** Init Duration percentiles of this function's cold starts with one (nearest rank over the kept entries). */
  initMs?: { count: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number };
  maxMemoryUsedMb: number;
}

/** The local interpreter that ran one function, against the runtime it declares. */
export interface FunctionRuntimeSummary {
  function: string;
  /** Declared, e.g. `nodejs22.x`. */
  runtime: string;
  /** `node`, `python3`, or `bootstrap` (a custom runtime's own executable). */
  local: string;
  /** e.g. `20.20.2`; absent for `bootstrap`, or when Python could not be asked. */
  localVersion?: string;
}

/** How the emulator gave one function its CPU, memory and cold starts (README: The local emulator). */
export interface FunctionEnvironmentSummary {
  function: string;
  memoryMb: number;
  /** `aws`: invocations at `cpus` (memoryMb / 1,769) of a CPU; `host`: the machine's CPU; `enforcedBy` the mechanism. */
  cpu: { model: 'aws' | 'host'; cpus?: number; enforcedBy: string };
  memory: { limitMb: number; enforcedBy: string };
  /** Where a cold start's runtime start came from: a spare's reference boot, its own spawn, or AWS's profile. */
  runtimeStart: { source: 'spare-reference' | 'spawned' | 'aws-profile'; spareRuntimes: number; referenceBootMs?: number };
}

/** One cold start as the invocation totals keep it. */
export interface ColdStartEntry {
  startedAtMs: number;
  provisioned: boolean;
  /** Init Duration (absent when the init re-ran inside the invoke: its time is in the duration). */
  initMs?: number;
  /** The part of initMs the `aws` cold-start profile added as a sleep. */
  simulatedInitMs?: number;
  /** The runtime process was started by this cold start (not a spare). */
  spawned?: true;
  /** Time this cold start waited for a spare runtime beyond its own start. */
  hostWaitMs?: number;
}

/** One function × memory size's bounded totals: enough to re-price under other billing rules or merge runs. */
export interface FunctionTotals {
  functionName: string;
  memoryMb: number;
  /** Every record by outcome (`success`, `function-error`, `timeout`, `crash`, `init-error`, `throttled`), throttles included. */
  outcomes: Record<string, number>;
  throttleReasons: Record<string, number>;
  /** Invocations that ran: throttled requests are not invocations (AWS counts them in Throttles). */
  invocations: number;
  /** Executed invocations that started an environment (or re-ran its init), provisioned ones included. */
  coldStarts: number;
  onDemandColdStarts: number;
  provisionedInvocations: number;
  /** X-Amz-Function-Error values. */
  functionErrors: Record<string, number>;
  /**
   * Failed invocations by Lambda error type (`Runtime.ImportModuleError`, `Sandbox.Timedout`, the handler's
   * `TypeError`, ...), each with its first message; a bounded number of types. Absent in totals saved before.
   */
  errorTypes?: Record<string, { count: number; example: string }>;
  /** Failed invocations of types past the bound: counted here, not in errorTypes. */
  errorTypesDropped?: number;
  /** Measured Billed Duration sums; `onDemandInit` is the part of on-demand cold starts beyond ceil(duration). */
  billedMs: { onDemand: number; provisioned: number; onDemandInit: number };
  durationMsSum: number;
  maxDurationMs: number;
  maxMemoryUsedMb: number;
  maxInitMs?: number;
  /** Whole-ms histograms that re-bill every invocation exactly at another granularity (`ms` or `ms:msWithInit` → count). */
  rebill: { onDemandMs: Record<string, number>; onDemandWithInitMs: Record<string, number>; provisionedMs: Record<string, number> };
  coldStartEntries: ColdStartEntry[];
  /** Cold starts past the entries' bound: counted above, missing from the entries. */
  coldStartEntriesDropped: number;
  /**
   * Emulator: time the invocations' code (INIT and invoke) was ready to run but waited for one of the host's CPUs,
   * which Lambda would have given it (kept out of Duration and Init Duration, in the requests' latency), ms; and how
   * many invocations waited at least a tenth of their own time. Absent where the host does not say (not Linux) and in
   * results saved before.
   */
  cpuWait?: { msSum: number; invocationsSlowed: number };
}

export interface InvocationTotals {
  version: 1;
  functions: FunctionTotals[];
  /** Most invocations in flight at once, overall and per function name. */
  concurrency: { peak: number; byFunction: Record<string, number>; exact: boolean };
}

export interface EmulatorSummary {
  invocations: number;
  coldStarts: number;
  throttles: number;
  timeouts: number;
  functionErrors: number;
  /** Highest number of environments alive at once. */
  maxEnvironments: number;
  billedMsTotal: number;
  maxMemoryUsedMb: number;
  functions: EmulatorFunctionSummary[];
  /** The invocations' bounded totals (absent in v1 results saved before it was added). */
  totals?: InvocationTotals;
  /** What ran each function. */
  runtimes?: FunctionRuntimeSummary[];
  /** CPU, memory and cold-start model per function. */
  environments?: FunctionEnvironmentSummary[];
}
