/**
 * Checks every request of a scenario once, before the run, with undici's own request validation, so a request undici
 * would refuse (a space in the path, a CR or LF in a header value, an `expect` or `transfer-encoding` header, ...)
 * fails the run up front with an error naming the request, instead of during it.
 *
 * Why undici, when the engine sends through its own client (`http1/`): its validation is the well-kept, tested rule
 * set of what may go on the wire, and the engine's request writer relies on it (it writes what it is given, so a CR
 * or LF in a header value would otherwise inject headers). Why up front and not per sample: a request's shape is fixed
 * by its template (variables expand to digits, hex and dashes only), so one check per request finds every problem,
 * and the run fails before it starts instead of with a run full of errors.
 */
import { createRequire } from 'node:module';
import type { Client as UndiciClientClass, Dispatcher } from 'undici';
import type { RequestSpec } from '../scenario/types.js';
import { createRequestPlan, requestName } from './request-plan.js';

export interface RefusedRequest {
  /** The request's name in reports. */
  name: string;
  /** undici's reason, e.g. `invalid request path`. */
  reason: string;
}

/** The requests undici refuses, in scenario order. */
export function findRefusedRequests(origin: string, requests: readonly RequestSpec[], basePath: string): RefusedRequest[] {
  // A client that never connects: a valid request only waits in its queue and is dropped with the client.
  // Loaded by the runs that send over HTTP, not by every start of the CLI.
  const { Client: UndiciClient } = createRequire(import.meta.url)('undici') as { Client: typeof UndiciClientClass };
  const client = new UndiciClient(origin, { connect: () => {} });
  const refused: RefusedRequest[] = [];
  try {
    requests.forEach((spec, index) => {
      // Alone in its plan, so its weight must select it (a weight of 0 is valid beside other requests).
      const request = createRequestPlan([{ ...spec, weight: 1 }], { basePath, seed: 1 }).next(index);
      let refusal: Error | undefined;
      let checking = true;
      const handler: Dispatcher.DispatchHandler = {
        onConnect() {},
        onHeaders: () => true,
        onData: () => true,
        onComplete() {},
        onError(error) {
          // Only a synchronous error is a refusal; the queued valid request fails later, when the client is destroyed.
          if (checking) refusal = error;
        },
      };
      client.dispatch({ origin, method: request.method, path: request.path, headers: request.headers, body: request.body }, handler);
      checking = false;
      if (refusal !== undefined) refused.push({ name: requestName(spec), reason: refusal.message });
      // The engine writes content-length from the body itself; a second, hand-written one would be dropped silently.
      else if (Object.keys(spec.headers ?? {}).some((name) => name.toLowerCase() === 'content-length')) {
        refused.push({ name: requestName(spec), reason: 'content-length is set from the body by lambdaload: remove the header' });
      }
    });
  } finally {
    client.destroy().catch(() => {});
  }
  return refused;
}
