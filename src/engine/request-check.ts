/**
 * Checks every request of a scenario once, before the run, with undici's own request validation, so a request undici
 * would refuse (a space in the path, a CR or LF in a header value, an `expect` or `transfer-encoding` header, ...)
 * fails the run up front with an error naming the request, instead of during it.
 *
 * Why up front and not per sample: undici rejects such a request inside `dispatch`, and its `Pool` then treats the
 * connection it picked as busy until a `drain` event that never comes (undici 7.30, `pool-base.js` `kDispatch`). Each
 * rejected request costs the pool one of its sockets for good; after `connections` of them every later request, valid
 * or not, waits in the pool's queue until it times out. A request's shape is fixed by its template (variables expand
 * to digits, hex and dashes only), so one check per request finds every such problem.
 */
import { Client as UndiciClient, type Dispatcher } from 'undici';
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
    });
  } finally {
    client.destroy().catch(() => {});
  }
  return refused;
}
