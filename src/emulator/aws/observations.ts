/**
 * What the emulator's CloudWatch and CloudWatch Logs fronts answer from: every finished invocation, every request
 * the API Gateway front answered and every REPORT line, each as a small plain fact in a bounded ring. Percentiles
 * need the individual values (CloudWatch computes them from the values a service publishes, aws-facts §8.3), so the
 * fronts keep values, not pre-binned aggregates; the rings bound memory by count, and each ring counts what it let go
 * so that an answer over a window it no longer covers says so (`PartialData`, a marker log event), never a silent
 * undercount.
 */
import type { InvocationRecord } from '../../records/invocation.js';

/** Facts kept per ring by default: about 100 bytes each, so some 10 MB for all three at most. */
export const OBSERVATION_LIMIT = 50_000;

/** One finished invocation (or throttled request) as the AWS/Lambda metrics read it. */
export interface LambdaFact {
  functionName: string;
  /** When the invocation was admitted (AWS/Lambda datapoints are timestamped by the invocation's start). */
  startMs: number;
  /** When its answer came back (for ConcurrentExecutions). */
  endMs: number;
  durationMs: number;
  throttled: boolean;
  /** A function error in the sense of the `Errors` metric: handled or unhandled, timeout, crash, failed init. */
  error: boolean;
}

/** One request the API Gateway front answered. */
export interface ApiFact {
  arrivedMs: number;
  status: number;
  latencyMs: number;
  /** Time spent in the Lambda integration; absent when the request never reached it (throttled, no route). */
  integrationMs?: number;
  /** Matched route: REST `Resource` + `Method`, HTTP API `Route` (`GET /items/{id}`); absent for unmatched paths. */
  resource?: string;
  method?: string;
  routeKey?: string;
}

/** One REPORT line of a function, with the time it was written. */
export interface ReportLine {
  functionName: string;
  timestampMs: number;
  message: string;
}

export interface Ring<T> {
  push(fact: T): void;
  /** Kept facts, oldest first. */
  items(): T[];
  /** How many older facts were let go; `oldestKeptMs` is the time of the oldest kept one. */
  dropped(): number;
}

export function createRing<T>(limit: number): Ring<T> {
  const ring: T[] = [];
  let next = 0;
  let dropped = 0;
  return {
    push(fact) {
      if (ring.length < limit) ring.push(fact);
      else {
        ring[next] = fact;
        next = (next + 1) % limit;
        dropped++;
      }
    },
    items: () => [...ring.slice(next), ...ring.slice(0, next)],
    dropped: () => dropped,
  };
}

export interface Observations {
  lambda: Ring<LambdaFact>;
  api: Ring<ApiFact>;
  reports: Ring<ReportLine>;
}

export function createObservations(limit = OBSERVATION_LIMIT): Observations {
  return { lambda: createRing(limit), api: createRing(limit), reports: createRing(limit) };
}

/** An invocation record as a Lambda fact; `endMs` is when its caller got the answer. */
export function lambdaFactOf(record: InvocationRecord, endMs: number): LambdaFact {
  const throttled = record.outcome === 'throttled';
  return {
    functionName: record.functionName,
    startMs: record.startedAtMs,
    endMs: Math.max(endMs, record.startedAtMs),
    durationMs: record.durationMs,
    throttled,
    // Errors: "invocations that result in a function error", handled or not, timeouts and runtime failures
    // included; throttles are not errors (aws-facts §8.1).
    error: !throttled && (record.outcome !== 'success' || record.functionError !== undefined),
  };
}

/** True when facts older than `fromMs` may have been let go: an answer about that time would be partial. */
export function coversFrom<T>(ring: Ring<T>, fromMs: number, timeOf: (fact: T) => number): boolean {
  if (ring.dropped() === 0) return true;
  const first = ring.items()[0];
  return first !== undefined && timeOf(first) <= fromMs;
}
