/**
 * The measurement sections of a result (contract v2): plain JSON types of the result's own. The recorder
 * (src/measure) builds values of these types; a change to the recorder cannot change the file without a change here,
 * and a change here changes the JSON Schema (schema/result.schema.json, checked by test/unit/result/schema.test.ts).
 */

/** `cold`/`warm`: the request's own function started (or not) an environment; `unknown`: no evidence either way. */
export type StartLabel = 'cold' | 'warm' | 'unknown';
export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx' | 'error';

/**
 * Latency statistics of one bucket, in milliseconds. Every percentile lies in [minMs, maxMs] (HDR reports a
 * bucket's highest equivalent value, which can pass the exact maximum: clamped).
 */
export interface LatencyStats {
  count: number;
  minMs: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

export interface StartBuckets {
  all: LatencyStats;
  cold: LatencyStats;
  warm: LatencyStats;
  unknown: LatencyStats;
}

export interface HistogramKey {
  phase: string;
  request: string;
  start: StartLabel;
  statusClass: StatusClass;
}

/** One histogram of the result: readable statistics beside the encoded form, which merges exactly with others. */
export interface EncodedHistogram {
  /** `latency`: end − intended send (what a user waits); `service`: end − actual send. */
  metric: 'latency' | 'service';
  key: HistogramKey;
  stats: LatencyStats;
  /** HDR compressed base64, values in µs. */
  encoded: string;
}

export interface RequestCounts {
  completed: number;
  ok: number;
  errors: number;
  expectationFailures: number;
  bytesSent: number;
  bytesReceived: number;
}

export interface ColdStartSummary {
  count: number;
  rate: number;
  initMs: LatencyStats;
  /** Requests labelled cold by a cold start further down their call chain, per function that started. */
  downstream?: Record<string, number>;
  /** Of those, requests whose own function was warm. */
  downstreamOnly?: number;
}

export interface TimelineSecond {
  /** Seconds since the run started. */
  second: number;
  sent: number;
  completed: number;
  errors: { '4xx': number; '5xx': number; network: number; expectation: number };
  /** Requests in flight at the end of this second. */
  inFlight: number;
  coldStarts: number;
  /** Latency (from intended send) percentiles of requests completed in this second. */
  p50Ms: number;
  p99Ms: number;
}

/** Failed requests of one request name and one kind. */
export interface RequestErrorKind {
  request: string;
  /** Who reported it: API Gateway, the HTTP layer, the client, a failed expectation, or Lambda (direct invoke). */
  source: 'gateway' | 'http' | 'client' | 'expectation' | 'lambda';
  /** `Internal server error`, `HTTP 404`, `ECONNREFUSED`, `body check failed`, ... */
  kind: string;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** One-line example of what was received or what happened. */
  example: string;
  count: number;
}

/** Invocations of one function that ended in one error type. */
export interface FunctionErrorKind {
  function: string;
  /** Lambda's `errorType`: `Runtime.ImportModuleError`, `Sandbox.Timedout`, `TypeError`, ... */
  errorType: string;
  count: number;
  example: string;
}

export interface ErrorKinds {
  /** Most frequent first. */
  requests: RequestErrorKind[];
  /** Most frequent first; empty when the target gives no function evidence. */
  functions: FunctionErrorKind[];
  /** Errors of kinds past the kept number: counted, not itemised. */
  otherCount: number;
}

/** What the client measured: the sections every result has, whatever its target. */
export interface Measurements {
  latency: { overall: StartBuckets; byRequest: Record<string, StartBuckets>; byPhase: Record<string, StartBuckets> };
  serviceTime: { overall: StartBuckets; byRequest: Record<string, StartBuckets> };
  requests: RequestCounts;
  statusCodes: Record<string, number>;
  errorCodes: Record<string, number>;
  errorKinds: ErrorKinds;
  coldStarts: ColdStartSummary;
  /** Requests per label source (`emulator`, `header`, `none`, ...). */
  labelSources: Record<string, number>;
  timeline: TimelineSecond[];
  histograms: EncodedHistogram[];
}
