/**
 * The opt-in wrapper for deployed handlers: `export const handler = withStartHeader(myHandler)` adds lambdaload's
 * cold/warm evidence header to every proxy response, so a run against a deployed API labels each request with
 * source `wrapper-header`:
 *
 *   x-lambdaload-start: cold; init-ms=212.4; env=2026/11/23/[$LATEST]abc…
 *   x-lambdaload-start: warm; env=2026/11/23/[$LATEST]abc…
 *
 * `init-ms` is the time from the runtime process's start (`performance.timeOrigin`) to the end of this module's
 * evaluation: close to, but not the same as, REPORT's Init Duration (which the AWS targets read from CloudWatch).
 * It has no dependencies, so bundling it into a function adds a few hundred bytes.
 */
import { formatStartHeader, START_HEADER_NAME } from '../evidence/start-header.js';

const moduleReadyMs = performance.now();
let invocations = 0;

type AnyHandler = (event: unknown, context: unknown, callback?: (error: unknown, result?: unknown) => void) => unknown;

/** Adds the header to a proxy result (`{ statusCode, headers?, body }`); other results pass through unchanged. */
export function addStartHeader(result: unknown, value: string): unknown {
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) return result;
  const r = result as { headers?: Record<string, unknown> };
  return { ...r, headers: { ...(r.headers ?? {}), [START_HEADER_NAME]: value } };
}

/** The header value for this invocation: the first one in this process is the cold start. */
export function nextStartHeader(environmentId: string | undefined): string {
  const cold = invocations++ === 0;
  return formatStartHeader({ cold, initMs: cold ? moduleReadyMs : undefined, environmentId, provisioned: process.env.AWS_LAMBDA_INITIALIZATION_TYPE === 'provisioned-concurrency' });
}

/** Wraps an async or callback-style handler. */
export function withStartHeader<H extends AnyHandler>(handler: H): H {
  const wrapped = (event: unknown, context: unknown, callback?: (error: unknown, result?: unknown) => void): unknown => {
    const value = nextStartHeader(process.env.AWS_LAMBDA_LOG_STREAM_NAME);
    if (handler.length >= 3 && callback) {
      return handler(event, context, (error, result) => callback(error, error ? result : addStartHeader(result, value)));
    }
    const out = handler(event, context);
    return out instanceof Promise ? out.then((result) => addStartHeader(result, value)) : addStartHeader(out, value);
  };
  return wrapped as H;
}
