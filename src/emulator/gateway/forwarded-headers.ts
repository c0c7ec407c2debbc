/**
 * The request headers an integration receives: the client's headers minus hop-by-hop ones, plus the headers API
 * Gateway adds (`X-Amzn-Trace-Id`, `X-Forwarded-For`, `X-Forwarded-Port`, `X-Forwarded-Proto`), as every fixture
 * in reference/events/ shows. REST does not pass `Content-Length` (absent from every REST fixture, present in every
 * HTTP API one: aws-lambda-go/apigw-request.json vs apigw-v2-request-no-authorizer.json).
 */
import { isHopByHopHeader } from './request-parts.js';
import type { GatewayRequest, RequestStamp } from './types.js';

/** Header names and values, in order, alternating (duplicates kept). */
export function forwardedHeaders(request: GatewayRequest, stamp: RequestStamp, dropContentLength: boolean): string[] {
  const raw = request.rawHeaders;
  const out: string[] = [];
  let traceSeen = false;
  let forIndex = -1;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    const lower = name.toLowerCase();
    if (isHopByHopHeader(lower)) continue;
    if (dropContentLength && lower === 'content-length') continue;
    if (lower === 'x-forwarded-port' || lower === 'x-forwarded-proto') continue;
    if (lower === 'x-amzn-trace-id') traceSeen = true;
    if (lower === 'x-forwarded-for') forIndex = out.length;
    out.push(name, raw[i + 1]);
  }
  if (!traceSeen) out.push('X-Amzn-Trace-Id', stamp.traceId);
  // API Gateway appends the caller's address to an existing X-Forwarded-For.
  if (forIndex === -1) out.push('X-Forwarded-For', request.sourceIp);
  else out[forIndex + 1] = `${out[forIndex + 1]}, ${request.sourceIp}`;
  out.push('X-Forwarded-Port', String(request.localPort), 'X-Forwarded-Proto', 'http');
  return out;
}
