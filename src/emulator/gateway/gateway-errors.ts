/**
 * Every error the gateway answers itself, byte for byte as AWS answers it. Statuses and bodies: aws-facts §4.1
 * (REST) and §4.2 (HTTP API), with the caveats noted there (⚠ = not in AWS docs, observed by the community).
 * Bodies differ on purpose: REST `{"message": "Internal server error"}` has a space and a lower-case "server",
 * HTTP API `{"message":"Internal Server Error"}` has neither (AWS .NET Lambda Test Tool captures, April 2025).
 */
import type { ApiType } from '../../scenario/types.js';
import type { GatewayResponse } from './types.js';
import { QUOTAS } from '../../facts/quotas.js';

interface ErrorShape {
  statusCode: number;
  body: string;
  /** REST only: `x-amzn-ErrorType`. */
  errorType?: string;
  /** Default `application/json`. */
  contentType?: string;
}

/** Bytes of API Gateway's payload limit (REST and HTTP API, not increasable). */
export const GATEWAY_PAYLOAD_LIMIT_BYTES = QUOTAS.apiPayloadBytes.value;
/** Bytes of Lambda's synchronous invoke request limit. */
export const LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES = QUOTAS.syncPayloadBytes.value;

const REST_INTERNAL: ErrorShape = {
  statusCode: 500,
  body: '{"message": "Internal server error"}',
  errorType: 'InternalServerErrorException',
};
const HTTP_INTERNAL: ErrorShape = { statusCode: 500, body: '{"message":"Internal Server Error"}' };
const HTTP_TOO_LARGE: ErrorShape = { statusCode: 413, body: '{"message":"Request Entity Too Large"}' };

export const GATEWAY_ERRORS = {
  /** No route (REST: no resource, or no such method on it). §4.1 (a), §4.2. */
  missingRoute: {
    rest: { statusCode: 403, body: '{"message":"Missing Authentication Token"}', errorType: 'MissingAuthenticationTokenException' },
    http: { statusCode: 404, body: '{"message":"Not Found"}' },
  },
  /** A path outside the stage. REST ⚠ community-reported 403 Forbidden (§4.1 (a)); HTTP API 404 (§4.2). */
  unknownStage: {
    rest: { statusCode: 403, body: '{"message":"Forbidden"}', errorType: 'ForbiddenException' },
    http: { statusCode: 404, body: '{"message":"Not Found"}' },
  },
  /** The function failed (error, timeout, crash, init error) or returned a malformed result. §4.1 (b1, b2), §4.2. */
  integrationError: {
    rest: { statusCode: 502, body: '{"message": "Internal server error"}', errorType: 'InternalServerErrorException' },
    http: HTTP_INTERNAL,
  },
  /** Lambda rejected the invoke (throttle). REST 500 per the Lambda DG (§4.1 (d), ⚠ contradicted by some sources). */
  lambdaThrottled: { rest: REST_INTERNAL, http: HTTP_INTERNAL },
  /** The function did not answer within the integration timeout. REST §4.1 (c); HTTP API ⚠ 503 observed (§4.2). */
  integrationTimeout: {
    rest: { statusCode: 504, body: '{"message": "Endpoint request timed out"}' },
    http: { statusCode: 503, body: '{"message":"Service Unavailable"}' },
  },
  /** API Gateway's own throttle (token bucket). §4.1 (e), §4.2. */
  throttled: {
    rest: { statusCode: 429, body: '{"message":"Too Many Requests"}' },
    http: { statusCode: 429, body: '{"message":"Too Many Requests"}' },
  },
  /** Request body over 10 MB. REST: plain text, not customisable (§4.1 (f)); HTTP API body ⚠ unconfirmed (§4.2). */
  requestTooLarge: {
    rest: { statusCode: 413, body: `HTTP content length exceeded ${GATEWAY_PAYLOAD_LIMIT_BYTES} bytes.`, contentType: 'text/plain' },
    http: HTTP_TOO_LARGE,
  },
  /** Event over Lambda's 6 MB invoke limit. REST §4.1 (d2) (community capture); HTTP API per AWS's .NET test tool. */
  lambdaPayloadTooLarge: {
    rest: { statusCode: 413, body: '{"message": "Request Too Long"}', errorType: 'BadRequestException' },
    http: HTTP_TOO_LARGE,
  },
  /** The emulator itself failed; answered like an API Gateway internal error. */
  internal: { rest: REST_INTERNAL, http: HTTP_INTERNAL },
} as const satisfies Record<string, { rest: ErrorShape; http: ErrorShape }>;

export type GatewayErrorKind = keyof typeof GATEWAY_ERRORS;

const BODIES = new Map<string, Buffer>();

/** The error response (status, body, `Content-Type`, REST `x-amzn-ErrorType`); request-id headers are added later. */
export function gatewayErrorResponse(kind: GatewayErrorKind, apiType: ApiType): GatewayResponse {
  const shape: ErrorShape = GATEWAY_ERRORS[kind][apiType];
  let body = BODIES.get(shape.body);
  if (!body) BODIES.set(shape.body, (body = Buffer.from(shape.body)));
  const headers = ['Content-Type', shape.contentType ?? 'application/json'];
  if (shape.errorType) headers.push('x-amzn-ErrorType', shape.errorType);
  return { statusCode: shape.statusCode, headers, body };
}

/**
 * REST non-proxy ("Lambda custom") integration, request body that is not JSON. With no mapping template the body
 * passes through unchanged as the Invoke payload (APIGW DG `integration-passthrough-behaviors.md`, aws-facts §6.3),
 * Lambda rejects it (400 InvalidRequestContentException, invoke-payload.ts) and the function never runs; API Gateway
 * answers with Lambda's message under its own `{"message": …}` shape. The body is seen verbatim in community
 * captures of default (template-less) Lambda integrations fed form or binary bodies: nateyolles/slack-pokerbot#1
 * (`{"message": "Could not parse request body into json: Unrecognized token 'token': …"}`), srcecde/aws-tutorial-code#4,
 * serverless/serverless#2270 ("The method integration is never called"). ⚠ The status is not stated in those
 * captures: 400, the status of the Lambda error it carries (a client error, not INTEGRATION_FAILURE's generic 5xx,
 * whose body would be "Internal server error").
 */
export function nonProxyInvalidBodyResponse(lambdaMessage: string): GatewayResponse {
  return { statusCode: 400, headers: ['Content-Type', 'application/json'], body: Buffer.from(`{"message": ${JSON.stringify(lambdaMessage)}}`) };
}
