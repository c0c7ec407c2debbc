/**
 * What the load engine produces: one `Sample` per finished (or failed) request, plus a summary of the scheduler's
 * own health. The engine never prints and never classifies; the measure and coldstart rooms consume samples.
 * Times are `performance.now()` milliseconds (fractional) on one clock for the whole run.
 */
import type { EngineSummary } from '../result/types.js';

export interface Sample {
  phaseIndex: number;
  requestIndex: number;
  /** When the schedule wanted this request sent (open model). Equals sentAtMs in the closed model. */
  intendedAtMs: number;
  /**
   * When the request's bytes were written to a socket, after any wait for a free connection (so service time,
   * end − sent, never includes that wait). A request that ended before reaching a socket (timed out or aborted in
   * the pool's queue) carries the time it was handed to the client.
   */
  sentAtMs: number;
  /** When the full response was received, or the error happened. */
  endedAtMs: number;
  /** HTTP status, 0 when no response arrived. */
  status: number;
  /** Set when no valid response arrived: `ECONNREFUSED`, `ECONNRESET`, `TIMEOUT`, ... */
  errorCode?: string;
  /** The response arrived but failed the request's `expect` rule. */
  expectationFailed?: boolean;
  /** Which part of the rule failed: the status (not accepted) or the body (`bodyContains` not found). */
  failedCheck?: 'status' | 'body';
  /**
   * The first ERROR_BODY_MAX_BYTES of the body of a response that failed its rule, as text: what the server said
   * (`{"message":"Internal server error"}`), for the error classification. Absent for responses that passed.
   */
  errorBody?: string;
  /** Raw `x-lambdaload-start` response header, if any (cold/warm evidence). */
  startHeader?: string;
  /** `x-amzn-requestid` or `apigw-requestid` response header, to join with server-side logs later. */
  requestId?: string;
  /** The response's `date` header (the server's clock, 1 s resolution): a shard's clock skew (src/merge/clock-skew.ts). */
  date?: string;
  /** Request body bytes (request line and headers not counted). */
  bytesSent: number;
  /** Response body bytes as they came (still compressed if the server compressed; headers and chunk framing not counted). */
  bytesReceived: number;
  /** Direct invoke only (src/engine/invoke): what the Invoke API said beyond its status. */
  invoke?: InvokeEvidence;
}

/** What one Invoke answered besides its status: the function's error and the REPORT record of the log tail. */
export interface InvokeEvidence {
  /** `X-Amz-Function-Error` (`Unhandled`, `Handled`): the function failed, though the Invoke itself answered 200. */
  functionError?: string;
  /**
   * A failed invoke's error name: the function's `errorType` (`TypeError`, `Sandbox.Timedout`, ...) or the Invoke
   * API's error (`TooManyRequestsException`, `ResourceNotFoundException`, ...).
   */
  errorType?: string;
  /** The function's error message, or the API error's. */
  errorMessage?: string;
  /** A throttle's `Reason` (`ReservedFunctionConcurrentInvocationLimitExceeded`, ...). */
  reason?: string;
  /** The REPORT record of the log tail; absent when the tail held none (cut before it, or not asked for). */
  report?: ReportEvidence;
}

/** The fields of a REPORT record (aws-facts §5.1). */
export interface ReportEvidence {
  requestId: string;
  durationMs: number;
  billedMs: number;
  memoryMb: number;
  maxMemoryUsedMb: number;
  /** Present on the invocation that started its environment: the cold-start evidence. */
  initMs?: number;
  /** `timeout`, `error` (text format); JSON's non-success status. */
  status?: string;
  errorType?: string;
}

/** Scheduler health of a run, as the engine reports it (the result's `engine` section without the achieved rate). */
export type DriveSummary = Omit<EngineSummary, 'achievedRps'>;
