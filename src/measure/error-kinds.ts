/**
 * Counting errors by kind with bounded memory: a count and the first example per kind, at most MAX_ERROR_KINDS
 * distinct kinds (a handler that puts a request id in its error type would otherwise grow a key per request); the
 * rest are counted in `otherCount`. Two tables: failed requests as the client saw them (per request name, from
 * classify-error.ts), and the functions' own error types (`Runtime.ImportModuleError`, `Sandbox.Timedout`, the
 * handler's `TypeError`, ...) from the invocation totals. Pure.
 */
import type { ErrorKinds, FunctionErrorKind, RequestErrorKind } from '../result/measurements.js';
import type { ErrorKind } from './classify-error.js';
import type { InvocationTotals } from './invocation-totals.js';

/** Distinct kinds kept per table (and per function × memory size in the invocation totals). */
export const MAX_ERROR_KINDS = 100;

export type { ErrorKinds, FunctionErrorKind, RequestErrorKind };

/** One error type's count and first message, as the invocation totals keep them (JSON-serialisable). */
export interface ErrorTypeCount {
  count: number;
  example: string;
}

/**
 * Adds one error of `type` to `counts`. A new type past `maxKinds` distinct ones is not added: returns false so the
 * caller counts it elsewhere.
 */
export function countErrorType(counts: Record<string, ErrorTypeCount>, type: string, example: string, n = 1, maxKinds = MAX_ERROR_KINDS): boolean {
  const entry = counts[type];
  if (entry !== undefined) {
    entry.count += n;
    return true;
  }
  if (Object.keys(counts).length >= maxKinds) return false;
  counts[type] = { count: n, example };
  return true;
}

/** Counts failed requests by request name and kind (the recorder feeds it one failed sample at a time). */
export function createRequestErrorCounter(maxKinds = MAX_ERROR_KINDS) {
  const kinds = new Map<string, RequestErrorKind>();
  let otherCount = 0;
  return {
    add(request: string, error: ErrorKind): void {
      const key = `${request}\n${error.source}\n${error.status ?? ''}\n${error.kind}`;
      const entry = kinds.get(key);
      if (entry !== undefined) entry.count++;
      else if (kinds.size >= maxKinds) otherCount++;
      else kinds.set(key, { request, ...error, count: 1 });
    },
    finish(): Pick<ErrorKinds, 'requests' | 'otherCount'> {
      return { requests: [...kinds.values()].map((k) => ({ ...k })).sort(byCount), otherCount };
    },
  };
}

/**
 * The functions' error types from the invocation totals, per function name (memory sizes summed), throttles
 * included as `TooManyRequestsException` with their reason (a throttled request never ran, so it has no error of
 * its own). `otherCount` holds the errors the totals could not itemise.
 */
export function functionErrorKinds(totals: InvocationTotals, maxKinds = MAX_ERROR_KINDS): Pick<ErrorKinds, 'functions' | 'otherCount'> {
  const byFunction = new Map<string, Record<string, ErrorTypeCount>>();
  let otherCount = 0;
  for (const fn of totals.functions) {
    let counts = byFunction.get(fn.functionName);
    if (counts === undefined) byFunction.set(fn.functionName, (counts = {}));
    for (const [type, entry] of Object.entries(fn.errorTypes ?? {})) {
      if (!countErrorType(counts, type, entry.example, entry.count, maxKinds)) otherCount += entry.count;
    }
    otherCount += fn.errorTypesDropped ?? 0;
    for (const [reason, n] of Object.entries(fn.throttleReasons)) {
      if (!countErrorType(counts, 'TooManyRequestsException', `throttled: ${reason}`, n, maxKinds)) otherCount += n;
    }
  }
  const functions: FunctionErrorKind[] = [];
  for (const [name, counts] of byFunction) {
    for (const [errorType, { count, example }] of Object.entries(counts)) functions.push({ function: name, errorType, count, example });
  }
  return { functions: functions.sort(byCount), otherCount };
}

/** Most frequent first; ties keep their order (first seen first). */
function byCount(a: { count: number }, b: { count: number }): number {
  return b.count - a.count;
}
