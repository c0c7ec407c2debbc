/**
 * Plain data shared by the API Gateway front's pure parts (routing, event building, response mapping) and its
 * Node edge (`handler.ts`). Nothing here touches a socket.
 */
import type { ApiType, ThrottleSpec } from '../../scenario/types.js';

/** The API as the gateway runs it: every default resolved, durations in ms. */
export interface GatewayApiConfig {
  type: ApiType;
  /** Stage name; `$default` (HTTP API only) means no URL prefix. */
  stage: string;
  /** `/dev` for a REST stage `dev` or a named HTTP API stage, `''` for the HTTP API `$default` stage. */
  stagePrefix: string;
  /** Payload format sent to Lambda: REST is always `1.0`; HTTP API `2.0` unless configured `1.0`. */
  payloadFormat: '1.0' | '2.0';
  /** How long the gateway waits for the function before answering with a timeout error. */
  integrationTimeoutMs: number;
  /** The account-level throttle (always applied). */
  accountThrottle: ThrottleSpec;
  /** The stage throttle, when the scenario sets one. */
  stageThrottle?: ThrottleSpec;
  /** 10-character API id, as in `{apiId}.execute-api.{region}.amazonaws.com`. */
  apiId: string;
  accountId: string;
  /** REST only: the deployment id in `requestContext.deploymentId`. */
  deploymentId: string;
}

/** One route after validation, ready for matching. */
export interface CompiledRoute {
  /** `GET`, `POST`, ... or `ANY`. */
  method: string;
  /** Resource path template (`/items/{id}`), or `$default`. */
  path: string;
  /** `METHOD /path` as AWS writes HTTP API route keys and as scenario `routeThrottles` are keyed; `$default` alone. */
  routeKey: string;
  functionName: string;
  integration: 'proxy' | 'lambda';
  /** REST `requestContext.resourceId`: a short id per resource, stable for the emulator's life. */
  resourceId: string;
  /** Per-route throttle, when the scenario sets one. */
  throttle?: ThrottleSpec;
}

/** The route a request matched, with its path parameters exactly as received (still percent-encoded). */
export interface RouteMatch {
  route: CompiledRoute;
  /** Raw (percent-encoded) values by parameter name; `null` when the route has no parameters. */
  rawPathParameters: Record<string, string> | null;
}

/** One HTTP request as the gateway sees it, independent of Node's objects. */
export interface GatewayRequest {
  method: string;
  /** The request path exactly as received (percent-encoded), stage prefix included, no query. */
  rawPath: string;
  /** The query string exactly as received, without `?`; `''` when none. */
  rawQuery: string;
  /** Header names (client's casing) and values, alternating, as Node's `rawHeaders`. */
  rawHeaders: readonly string[];
  body: Buffer;
  sourceIp: string;
  /** `HTTP/1.1` */
  protocol: string;
  /** Port the client connected to (for `X-Forwarded-Port`). */
  localPort: number;
}

/** Per-request identity and time, produced at the edge and passed in so event building stays pure. */
export interface RequestStamp {
  /** REST: a UUID (`x-amzn-RequestId`). HTTP API: the short id (`Apigw-Requestid`). */
  requestId: string;
  /** Short base64-like id ending in `=` (REST `extendedRequestId` and `x-amz-apigw-id`). */
  extendedRequestId: string;
  /** `Root=1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx` */
  traceId: string;
  /** Wall-clock time the request arrived. */
  timeEpochMs: number;
}

/** An HTTP answer from the gateway: status, headers as alternating name/value pairs (duplicates allowed), body. */
export interface GatewayResponse {
  statusCode: number;
  headers: string[];
  body: Buffer;
}
