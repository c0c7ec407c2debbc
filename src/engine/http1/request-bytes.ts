/**
 * A prepared request as HTTP/1.1 bytes: request line, `host`, the request's headers, `content-length`, body.
 * Keep-alive is HTTP/1.1's default, so no `connection` header (autocannon and curl send none either).
 *
 * The shape of every request was checked before the run (`request-check.ts`: path, header names and values,
 * forbidden headers), and variables expand to digits, hex and dashes only, so nothing here re-validates.
 * A request without variables is built once per client and its bytes reused (`RequestBytesCache`).
 */
import type { PreparedRequest } from '../request-plan.js';

/** Methods whose requests are expected to carry a body: they get `content-length: 0` without one (as undici does). */
const PAYLOAD_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** The request's bytes for origin host `host` (`name:port` as in a URL's `host`). */
export function requestBytes(request: PreparedRequest, host: string): Buffer {
  let head = `${request.method} ${request.path} HTTP/1.1\r\n`;
  let hostGiven = false;
  const { headers, body } = request;
  let extra = '';
  if (headers !== null) {
    for (let i = 0; i < headers.length; i += 2) {
      const name = headers[i];
      const lower = name.length === 4 || name.length === 14 ? name.toLowerCase() : '';
      if (lower === 'host') hostGiven = true;
      // The length is the body's, whatever a scenario wrote.
      else if (lower === 'content-length') continue;
      extra += `${name}: ${headers[i + 1]}\r\n`;
    }
  }
  if (!hostGiven) head += `host: ${host}\r\n`;
  head += extra;
  if (body !== null) head += `content-length: ${body.length}\r\n`;
  else if (PAYLOAD_METHODS.has(request.method)) head += 'content-length: 0\r\n';
  head += '\r\n';
  const headBytes = Buffer.from(head, 'latin1');
  return body === null || body.length === 0 ? headBytes : Buffer.concat([headBytes, body]);
}

/** Bytes per request: a fixed request's (one object for every send) are built once; others at each send. */
export class RequestBytesCache {
  private readonly cache = new Map<PreparedRequest, Buffer>();

  constructor(private readonly host: string) {}

  bytesOf(request: PreparedRequest): Buffer {
    if (!request.fixed) return requestBytes(request, this.host);
    let bytes = this.cache.get(request);
    if (bytes === undefined) {
      bytes = requestBytes(request, this.host);
      this.cache.set(request, bytes);
    }
    return bytes;
  }
}
