/**
 * What one Lambda invocation was, as REPORT shows it plus the cold/warm evidence: produced by the emulator (and, with
 * the AWS targets, read from REPORT lines), consumed by measure, run and the result. Neutral ground: no room owns it.
 */

export type InvocationOutcome = 'success' | 'function-error' | 'timeout' | 'crash' | 'init-error' | 'throttled';

/** The facts of one invocation, as REPORT shows them, plus the cold/warm evidence. */
export interface InvocationRecord {
  requestId: string;
  functionName: string;
  /** Execution environment id (stable for the environment's life). Absent when throttled. */
  environmentId?: string;
  cold: boolean;
  /** Served by a provisioned-concurrency environment. */
  provisioned: boolean;
  /** Measured init of the runtime process (REPORT Init Duration), cold only. */
  initMs?: number;
  /** Extra init delay added by the `aws` profile (also counted in initMs). */
  simulatedInitMs?: number;
  /** What initMs is made of (cold starts with an Init Duration). */
  initBreakdown?: InitBreakdown;
  /**
   * Functions this invocation called (directly or further down, through the Invoke API) that started a new
   * environment meanwhile: what the request waited for besides its own function.
   */
  downstreamColdStarts?: DownstreamColdStart[];
  startedAtMs: number;
  durationMs: number;
  /** 1 ms rounding; includes INIT on on-demand cold starts (billed since 2025-08-01). */
  billedMs: number;
  /**
   * Emulator only: time this invocation's code (INIT and invoke) was ready to run but waited for one of the host's
   * CPUs, which Lambda would have given it. Not in `durationMs` nor `initMs`; it is in the request's latency.
   */
  cpuWaitMs?: number;
  memoryMb: number;
  maxMemoryUsedMb: number;
  outcome: InvocationOutcome;
  /** `Unhandled` / `Handled` as X-Amz-Function-Error. */
  functionError?: 'Unhandled' | 'Handled';
  /** A failed invocation's Lambda error type (`Runtime.ImportModuleError`, `Sandbox.Timedout`, ...) and message. */
  error?: { type: string; message: string };
  /** For throttles: `ReservedFunctionConcurrentInvocationLimitExceeded`, `ConcurrentInvocationLimitExceeded`, ... */
  throttleReason?: string;
}

/** A cold start further down a call chain; `initMs` is absent until (or unless) its INIT completed. */
export interface DownstreamColdStart {
  functionName: string;
  initMs?: number;
}

/** The parts of a cold start's Init Duration and where each came from (invocation.ts). */
export interface InitBreakdown {
  /** The runtime's start: a prestarted process's own measured boot, AWS's distribution, or inside functionInitMs. */
  runtimeStartMs: number;
  runtimeStart: 'measured' | 'profile' | 'included';
  /** From the hand-over to the first GET /next: the function's static code (and the runtime's start when `included`). */
  functionInitMs: number;
  /**
   * Prestarted runtimes only: how long the cold start waited for one beyond its runtime start, because this machine
   * could not start them as fast as the traffic asked. Not part of Init Duration; it is in the request's latency.
   */
  hostWaitMs?: number;
}
