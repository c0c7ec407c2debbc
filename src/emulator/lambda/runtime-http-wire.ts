/** The Runtime API's HTTP/1.1 wire format (runtime-http.ts): request heads and body framing read, answers written. */

export interface WireAnswer {
  status: number;
  headers?: Record<string, string | number>;
  body: string | Buffer;
  /** Hold this answer while a later pipelined request on the connection has no answer yet. */
  coalesce?: boolean;
}

export type Body = { kind: 'length'; remaining: number } | { kind: 'chunked'; size: number; phase: 'size' | 'data' | 'data-end' | 'trailers' };

const REASONS: Record<number, string> = {
  200: 'OK',
  202: 'Accepted',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Payload Too Large',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
};

export class WireError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

export function parseHead(text: string): { method: string; target: string; headers: Record<string, string>; closeAfter: boolean } {
  const lines = text.split('\r\n');
  const requestLine = lines[0]!.split(' ');
  if (requestLine.length !== 3 || !requestLine[2]!.startsWith('HTTP/1.')) throw new WireError(400);
  const headers: Record<string, string> = {};
  for (let i = 1; i < lines.length; i++) addField(headers, lines[i]!);
  const connection = headers.connection?.toLowerCase() ?? '';
  const closeAfter = requestLine[2] === 'HTTP/1.0' ? !connection.includes('keep-alive') : connection.includes('close');
  return { method: requestLine[0]!, target: requestLine[1]!, headers, closeAfter };
}

export function addField(fields: Record<string, string>, line: string): void {
  const colon = line.indexOf(':');
  if (colon <= 0) throw new WireError(400);
  const name = line.slice(0, colon).trim().toLowerCase();
  const value = line.slice(colon + 1).trim();
  fields[name] = fields[name] === undefined ? value : `${fields[name]}, ${value}`;
}

export function bodyFraming(headers: Record<string, string>): Body {
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) return { kind: 'chunked', size: 0, phase: 'size' };
  const length = headers['content-length'] === undefined ? 0 : Number(headers['content-length']);
  if (!Number.isSafeInteger(length) || length < 0) throw new WireError(400);
  return { kind: 'length', remaining: length };
}

/**
 * `toHead`: the answer to a HEAD request carries no body whatever its Content-Length says (the client reads none,
 * and would take the body for the next answer).
 */
export function serialise(answer: WireAnswer, closeAfter: boolean, toHead = false): Buffer[] {
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'latin1') : answer.body;
  let head = `HTTP/1.1 ${answer.status} ${REASONS[answer.status] ?? 'Unknown'}\r\n`;
  let typed = false;
  if (answer.headers) {
    for (const name in answer.headers) {
      head += `${name}: ${answer.headers[name]}\r\n`;
      if (name.toLowerCase() === 'content-type') typed = true;
    }
  }
  if (!typed && body.length > 0) head += 'Content-Type: application/json\r\n';
  head += `Content-Length: ${body.length}\r\n${closeAfter ? 'Connection: close\r\n' : ''}\r\n`;
  return body.length > 0 && !toHead ? [Buffer.from(head, 'latin1'), body] : [Buffer.from(head, 'latin1')];
}
