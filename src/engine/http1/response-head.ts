/**
 * A response head's text (status line and header lines, as latin1) read into what the client needs: status, version,
 * framing, reuse and the evidence headers. Only the headers the engine uses are read: framing (`content-length`,
 * `transfer-encoding`), reuse (`connection`, `keep-alive: timeout=N`) and the evidence headers (`x-lambdaload-start`,
 * `x-amzn-requestid`, `apigw-requestid`) and `date` (a shard's clock skew); any other is skipped by the length of its name, unread.
 */
import { START_HEADER_NAME } from '../../evidence/start-header.js';

/** Request-id headers: REST API (`x-amzn-RequestId`), then HTTP API (`apigw-requestid`). */
const REQUEST_ID_HEADERS = ['x-amzn-requestid', 'apigw-requestid'] as const;

export interface ParsedHead {
  status: number;
  /** HTTP/1.x minor version: 0 or 1. */
  minor: number;
  /** Content-Length, or -1 without one. */
  contentLength: number;
  /** Transfer-Encoding's last coding is chunked. */
  chunked: boolean;
  /** Transfer-Encoding names another last coding: the body runs to the close. */
  otherEncoding: boolean;
  /** `connection` tokens, lower case. */
  connection: string[];
  /** `keep-alive: timeout=N` of the server, in ms. */
  keepAliveTimeoutMs: number | undefined;
  startHeader: string | undefined;
  /** `x-amzn-requestid`, else `apigw-requestid`. */
  requestId: string | undefined;
  /** `date`: the server's clock, 1 s resolution. */
  date: string | undefined;
}

const CONTENT_LENGTH = 'content-length';
const TRANSFER_ENCODING = 'transfer-encoding';
const CONNECTION = 'connection';
const KEEP_ALIVE = 'keep-alive';
const DATE = 'date';
const START = START_HEADER_NAME;
const [REST_REQUEST_ID, HTTP_REQUEST_ID] = REQUEST_ID_HEADERS;
const READ_LENGTHS = new Set([CONTENT_LENGTH, TRANSFER_ENCODING, CONNECTION, KEEP_ALIVE, DATE, START, REST_REQUEST_ID, HTTP_REQUEST_ID].map((n) => n.length));

const DIGITS = /^\d+$/;
const KEEP_ALIVE_TIMEOUT = /(?:^|[,;\s])timeout\s*=\s*(\d+)/i;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Reads a head (lines split on LF, each may end in CR). Returns the reason as a string when it is not valid. */
export function parseHead(text: string): ParsedHead | string {
  const lines = text.split('\n');
  const statusLine = lines[0];
  // `HTTP/1.x NNN[ reason]`
  const minor = statusLine.charCodeAt(7) - 48;
  const after = statusLine.charCodeAt(12);
  if (
    !statusLine.startsWith('HTTP/1.') ||
    (minor !== 0 && minor !== 1) ||
    statusLine.charCodeAt(8) !== 32 ||
    !isDigit(statusLine.charCodeAt(9)) ||
    !isDigit(statusLine.charCodeAt(10)) ||
    !isDigit(statusLine.charCodeAt(11)) ||
    statusLine.charCodeAt(9) === 48 ||
    (statusLine.length > 12 && after !== 32 && after !== 13)
  ) {
    return `invalid status line ${JSON.stringify(statusLine.slice(0, 40))}`;
  }
  const head: ParsedHead = {
    status: Number(statusLine.slice(9, 12)),
    minor,
    contentLength: -1,
    chunked: false,
    otherEncoding: false,
    connection: [],
    keepAliveTimeoutMs: undefined,
    startHeader: undefined,
    requestId: undefined,
    date: undefined,
  };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const colon = line.indexOf(':');
    if (colon <= 0) {
      // The empty line ending the head, or an obsolete folded continuation line (skipped with its header).
      const first = line.charCodeAt(0);
      if (line === '' || line === '\r' || first === 32 || first === 9) continue;
      return `invalid header line ${JSON.stringify(line.slice(0, 40))}`;
    }
    if (!READ_LENGTHS.has(colon)) continue;
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === CONTENT_LENGTH) {
      if (!DIGITS.test(value) || (head.contentLength >= 0 && head.contentLength !== Number(value))) {
        return `invalid content-length ${JSON.stringify(value)}`;
      }
      head.contentLength = Number(value);
    } else if (name === TRANSFER_ENCODING) {
      // The last coding decides: chunked framing, or (any other last coding) the body runs to the close.
      const codings = value.toLowerCase().split(',');
      head.chunked = codings[codings.length - 1].trim() === 'chunked';
      head.otherEncoding = !head.chunked;
    } else if (name === CONNECTION) {
      for (const token of value.toLowerCase().split(',')) head.connection.push(token.trim());
    } else if (name === KEEP_ALIVE) {
      const match = KEEP_ALIVE_TIMEOUT.exec(value);
      if (match) head.keepAliveTimeoutMs = Number(match[1]) * 1_000;
    } else if (name === START) head.startHeader = value;
    else if (name === REST_REQUEST_ID) head.requestId = value;
    else if (name === HTTP_REQUEST_ID) head.requestId ??= value;
    else if (name === DATE) head.date = value;
  }
  return head;
}
