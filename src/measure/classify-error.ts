/**
 * Names what went wrong with a failed request, from what the client saw: no response (a network error code), an
 * answer of API Gateway itself (its `{"message": ...}` body), any other HTTP error, or a response that broke the
 * request's `expect` rule. It reads only the status and the start of the body, so it works the same against the
 * local emulator and a deployed API. Pure.
 */
import type { Sample } from '../records/sample.js';

/**
 * - `gateway`: API Gateway answered itself (a known gateway message): the function failed, timed out or was
 *   throttled, or the gateway throttled or found no route;
 * - `http`: another 4xx/5xx response, e.g. the function's own `statusCode: 500`;
 * - `client`: no response at all (connection refused or reset, timeout);
 * - `expectation`: a response the request's `expect` rule refused (a status it did not list, a missing text);
 * - `lambda`: direct invoke: the function's error (X-Amz-Function-Error; kind is its `errorType`) or the Invoke API's
 *   (kind is the error name, e.g. `TooManyRequestsException`).
 */
export type ErrorSource = 'gateway' | 'http' | 'client' | 'expectation' | 'lambda';

export interface ErrorKind {
  source: ErrorSource;
  /** `Internal server error`, `HTTP 404`, `ECONNREFUSED`, `body check failed`, ... */
  kind: string;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** One-line example of what was received (the body's start) or what happened. */
  example: string;
}

/** Characters kept of an example message (one line). */
export const EXAMPLE_MAX_CHARS = 200;

/**
 * The messages API Gateway writes in its own error bodies (its default gateway responses), with what each means for
 * a Lambda integration. REST and HTTP APIs spell some differently (`Internal server error` / `Internal Server Error`).
 * Sources: AWS docs "Gateway response types for API Gateway" and "Troubleshoot HTTP API Lambda integrations"; the
 * emulator answers the same bodies (src/emulator/gateway/gateway-errors.ts).
 */
export const GATEWAY_MESSAGES: Readonly<Record<string, string>> = {
  'Internal server error': 'the function failed, timed out, was throttled or returned a malformed response',
  'Internal Server Error': 'the function failed, timed out, was throttled or returned a malformed response',
  'Endpoint request timed out': 'no answer within the integration timeout',
  'Service Unavailable': 'no answer within the integration timeout (HTTP API), or the service is unavailable',
  'Too Many Requests': "API Gateway's throttle (stage, route or account rate and burst)",
  'Limit Exceeded': "a usage plan's quota is used up",
  'Missing Authentication Token': 'no route matches this method and path (REST API)',
  'Not Found': 'no route matches this method and path (HTTP API)',
  Forbidden: 'forbidden (a path outside the stage, a resource policy or a WAF rule)',
  Unauthorized: 'the authorizer refused the request',
  'Request Too Long': "the event is over Lambda's 6 MB invoke limit",
  'Request Entity Too Large': 'the request is over the payload limit',
  'Network error communicating with endpoint': 'API Gateway could not reach the integration',
};

/** What a client error code means, for the example column. */
const CLIENT_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused: nothing listening at the target',
  ECONNRESET: 'connection reset by the server before a complete response',
  TIMEOUT: 'no complete response within http.timeout',
  ABORTED: 'still in flight when the run stopped',
  EPIPE: 'the server closed the connection while the request was written',
  ETIMEDOUT: 'the connection attempt timed out',
};

/** The kind of a failed request; undefined for a request that did not fail. */
export function classifyError(sample: Pick<Sample, 'status' | 'errorCode' | 'expectationFailed' | 'failedCheck' | 'errorBody' | 'invoke'>): ErrorKind | undefined {
  if (sample.status === 0) {
    const code = sample.errorCode ?? 'NO_RESPONSE';
    return { source: 'client', kind: code, example: CLIENT_ERRORS[code] ?? code };
  }
  if (sample.expectationFailed !== true) return undefined;
  const status = sample.status;
  const body = sample.errorBody ?? '';
  const example = exampleText(body === '' ? `(empty body, status ${status})` : body);
  const invokeError = sample.invoke?.errorType;
  if (invokeError !== undefined && sample.failedCheck !== 'body') {
    return { source: 'lambda', kind: invokeError, status, example: exampleText(sample.invoke?.errorMessage ?? example) };
  }
  if (sample.failedCheck === 'body') return { source: 'expectation', kind: 'bodyContains not found', status, example };
  const message = gatewayMessageOf(body);
  if (message !== undefined) return { source: 'gateway', kind: message, status, example };
  if (status >= 400) return { source: 'http', kind: `HTTP ${status}`, status, example };
  return { source: 'expectation', kind: `status ${status} not expected`, status, example };
}

/** The gateway message of a body such as `{"message": "Internal server error"}`, when it is one of AWS's. */
export function gatewayMessageOf(body: string): string | undefined {
  // REST's own 413 is plain text, not JSON.
  if (body.startsWith('HTTP content length exceeded')) return 'Request Entity Too Large';
  if (!body.trimStart().startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const message = (parsed as { message?: unknown }).message;
    return typeof message === 'string' && Object.hasOwn(GATEWAY_MESSAGES, message) ? message : undefined;
  } catch {
    // cut at ERROR_BODY_MAX_BYTES, or not JSON: not a gateway message (those are short)
    return undefined;
  }
}

/** One line of at most EXAMPLE_MAX_CHARS: whitespace runs (newlines of a stack) become one space. */
export function exampleText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= EXAMPLE_MAX_CHARS ? line : `${line.slice(0, EXAMPLE_MAX_CHARS - 1)}…`;
}
