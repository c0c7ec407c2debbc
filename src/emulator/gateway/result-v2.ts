/**
 * Maps an HTTP API payload format 2.0 result to the HTTP response (aws-facts §6.2 "v2 response format" and
 * "v2 inference rule"):
 * - a JSON object with a `statusCode` key is a structured response, checked field by field (`statusCode: 200.5`
 *   → 500); `cookies[]` become one `Set-Cookie` each; no `Content-Type` → `text/plain; charset=utf-8`;
 * - anything else is the body of a 200 `application/json` response: a JSON string gives its text
 *   (`"Hello from Lambda!"` → `Hello from Lambda!`, AWS doc example), any other value its JSON as returned.
 *   A result that is not JSON at all is also returned as the body (AWS .NET Lambda Test Tool captures, April 2025:
 *   `{"name": "John Doe", "age":` came back as a 200; aws-facts §6.2 says 500 without a capture, the capture wins).
 */
import { MALFORMED, hasHeader, isConnectionHeader, isJsonObject, readBody, readHeaderValue, readStatusCode } from './result-fields.js';
import type { GatewayResponse } from './types.js';

/** Returns the response, or `undefined` when a structured result is malformed (the caller answers 500). */
export function mapResultV2(payload: Buffer): GatewayResponse | undefined {
  let result: unknown;
  try {
    result = JSON.parse(payload.toString('utf8'));
  } catch {
    return inferred(payload);
  }
  if (!isJsonObject(result) || !Object.hasOwn(result, 'statusCode')) {
    return inferred(typeof result === 'string' ? Buffer.from(result, 'utf8') : payload);
  }

  const statusCode = readStatusCode(result.statusCode);
  if (statusCode === MALFORMED) return undefined;
  const body = readBody(result.body, result.isBase64Encoded);
  if (body === MALFORMED) return undefined;
  const headers: string[] = [];
  const single = result.headers;
  if (single !== undefined && single !== null) {
    if (!isJsonObject(single)) return undefined;
    for (const name in single) {
      const value = readHeaderValue(single[name]);
      if (value === MALFORMED) return undefined;
      if (value !== undefined && !isConnectionHeader(name.toLowerCase())) headers.push(name, value);
    }
  }
  const cookies = result.cookies;
  if (cookies !== undefined && cookies !== null) {
    if (!Array.isArray(cookies)) return undefined;
    for (const cookie of cookies) {
      if (typeof cookie !== 'string') return undefined;
      headers.push('Set-Cookie', cookie);
    }
  }
  if (!hasHeader(headers, 'content-type')) headers.push('Content-Type', 'text/plain; charset=utf-8');
  return { statusCode, headers, body };
}

function inferred(body: Buffer): GatewayResponse {
  return { statusCode: 200, headers: ['Content-Type', 'application/json'], body };
}
