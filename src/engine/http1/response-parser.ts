/**
 * Incremental HTTP/1.1 response parser for the engine's client (one response at a time, no pipelining).
 *
 * Bodies framed by Content-Length, by `Transfer-Encoding: chunked` (extensions and trailers skipped) or by the
 * connection's close; no body for HEAD requests and for 1xx (skipped: the final response follows), 204 and 304.
 * Line ends may be CRLF or a bare LF. The head's text is read by `parseHead` (response-head.ts).
 *
 * Why not undici's llhttp: the engine's closed loop spends most of its CPU in the client, and undici's request
 * objects, handler wrappers and wasm parser callbacks cost ~45 µs per request on this 2-core machine, against
 * ~30 µs for a net socket with this parser (measured: 50 connections against a trivial server, CPU per request).
 */
import { parseHead } from './response-head.js';

/** Largest response head accepted (status line + headers); past it the response fails with `HEADERS_OVERFLOW`. */
export const MAX_HEAD_BYTES = 64 * 1024;
/** Largest chunk-size line or trailer line accepted (a chunk extension is not meant to be large). */
const MAX_LINE_BYTES = 8 * 1024;

/** Error codes of a response the parser rejects (a sample's `errorCode`). */
export type ParseErrorCode = 'BAD_RESPONSE' | 'HEADERS_OVERFLOW';

export interface ResponseHead {
  status: number;
  /** True when the connection may carry another request after this response. */
  keepAlive: boolean;
  /** `keep-alive: timeout=N` of the server, in ms; undefined when not given. */
  keepAliveTimeoutMs: number | undefined;
  /** `x-lambdaload-start`, when present. */
  startHeader: string | undefined;
  /** `x-amzn-requestid`, else `apigw-requestid`, when present. */
  requestId: string | undefined;
  /** `date`, when present. */
  date?: string;
}

export interface ResponseEvents {
  /** The final response's head (1xx heads are skipped). */
  onHead(head: ResponseHead): void;
  /** Body bytes, de-chunked; views into the socket's buffers, valid only during the call. */
  onBody(chunk: Buffer): void;
  /** The response ended; `keepAlive` false means the connection must be closed now. */
  onEnd(keepAlive: boolean): void;
  /** The bytes are not a valid response; the connection must be closed. No other event follows. */
  onError(code: ParseErrorCode, reason: string): void;
}

const LF = 0x0a;
const CR = 0x0d;

/** Parser states. */
const IDLE = 0; // no request outstanding: any byte is an error
const HEAD = 1; // reading the status line and headers
const BODY_LENGTH = 2; // `remaining` body bytes left
const BODY_CLOSE = 3; // body until the connection closes
const CHUNK_SIZE = 4; // a chunk-size line
const CHUNK_DATA = 5; // `remaining` bytes of a chunk
const CHUNK_END = 6; // the CRLF after a chunk's data
const TRAILERS = 7; // trailer lines up to an empty line
const DEAD = 8; // after an error

export class ResponseParser {
  private state = IDLE;
  /** Bytes of an unfinished head or line, kept until the rest arrives. */
  private pending: Buffer | null = null;
  private remaining = 0;
  private noBody = false;
  private keepAlive = false;

  constructor(private readonly events: ResponseEvents) {}

  /** Expects the response to a request just written; `head` for a HEAD request (its response has no body). */
  expect(headRequest: boolean): void {
    this.state = HEAD;
    this.pending = null;
    this.noBody = headRequest;
  }

  /** Stops parsing for good (the connection is being destroyed); no event follows. */
  abort(): void {
    this.state = DEAD;
    this.pending = null;
  }

  /** True while a response is awaited or being read. */
  get busy(): boolean {
    return this.state !== IDLE && this.state !== DEAD;
  }

  /**
   * The connection closed. Returns true when that completed the response (a body framed by the close, which then
   * ends with `onEnd(false)`); false when a response was cut short or none was awaited.
   */
  close(): boolean {
    if (this.state !== BODY_CLOSE) return false;
    this.state = IDLE;
    this.events.onEnd(false);
    return true;
  }

  execute(chunk: Buffer): void {
    let data = chunk;
    if (this.pending !== null) {
      data = Buffer.concat([this.pending, chunk]);
      this.pending = null;
    }
    let at = 0;
    const end = data.length;
    while (at < end) {
      switch (this.state) {
        case HEAD: {
          const next = this.readHead(data, at);
          if (next < 0) return;
          at = next;
          break;
        }
        case BODY_LENGTH: {
          const n = Math.min(this.remaining, end - at);
          this.events.onBody(data.subarray(at, at + n));
          if (this.state !== BODY_LENGTH) return; // aborted from onBody
          at += n;
          this.remaining -= n;
          if (this.remaining === 0) this.finish(data, at);
          break;
        }
        case BODY_CLOSE:
          this.events.onBody(at === 0 ? data : data.subarray(at));
          return;
        case CHUNK_SIZE: {
          const lf = this.lineEnd(data, at);
          if (lf < 0) return;
          const size = parseChunkSize(data.toString('latin1', at, lf));
          if (size < 0) return this.fail('BAD_RESPONSE', 'invalid chunk size line');
          at = lf + 1;
          this.state = size === 0 ? TRAILERS : CHUNK_DATA;
          this.remaining = size;
          break;
        }
        case CHUNK_DATA: {
          const n = Math.min(this.remaining, end - at);
          this.events.onBody(data.subarray(at, at + n));
          if (this.state !== CHUNK_DATA) return; // aborted from onBody
          at += n;
          this.remaining -= n;
          if (this.remaining === 0) this.state = CHUNK_END;
          break;
        }
        case CHUNK_END: {
          // CRLF (or a bare LF) after a chunk's data.
          if (data[at] === CR) {
            if (at + 1 === end) {
              this.pending = Buffer.from(data.subarray(at)); // a copy: `data` may be a reused read buffer
              return;
            }
            at++;
          }
          if (data[at] !== LF) return this.fail('BAD_RESPONSE', 'chunk data not followed by CRLF');
          at++;
          this.state = CHUNK_SIZE;
          break;
        }
        case TRAILERS: {
          const lf = this.lineEnd(data, at);
          if (lf < 0) return;
          const empty = lf === at || (lf === at + 1 && data[at] === CR);
          at = lf + 1;
          if (empty) this.finish(data, at);
          break;
        }
        case IDLE:
          return this.fail('BAD_RESPONSE', 'bytes received with no request outstanding');
        default:
          return;
      }
    }
  }

  /** Index of the LF ending the line at `at`, or -1 with the partial line kept (error when too long). */
  private lineEnd(data: Buffer, at: number): number {
    const lf = data.indexOf(LF, at);
    if (lf >= 0) return lf;
    if (data.length - at > MAX_LINE_BYTES) this.fail('BAD_RESPONSE', 'chunk-size or trailer line too long');
    else this.pending = Buffer.from(data.subarray(at)); // a copy: `data` may be a reused read buffer
    return -1;
  }

  /** Reads a head starting at `at`; returns the index after it, or -1 (incomplete, or failed). */
  private readHead(data: Buffer, at: number): number {
    // The head ends at an empty line: LF LF or LF CR LF.
    let lf = data.indexOf(LF, at);
    let headEnd = -1;
    while (lf >= 0) {
      const after = data[lf + 1];
      if (after === LF) {
        headEnd = lf + 2;
        break;
      }
      if (after === CR && data[lf + 2] === LF) {
        headEnd = lf + 3;
        break;
      }
      lf = data.indexOf(LF, lf + 1);
    }
    if (headEnd < 0) {
      if (data.length - at > MAX_HEAD_BYTES) this.fail('HEADERS_OVERFLOW', `response head larger than ${MAX_HEAD_BYTES} bytes`);
      else this.pending = Buffer.from(data.subarray(at)); // a copy: `data` may be a reused read buffer
      return -1;
    }
    if (headEnd - at > MAX_HEAD_BYTES) {
      this.fail('HEADERS_OVERFLOW', `response head larger than ${MAX_HEAD_BYTES} bytes`);
      return -1;
    }
    const head = parseHead(data.toString('latin1', at, headEnd));
    if (typeof head === 'string') {
      this.fail('BAD_RESPONSE', head);
      return -1;
    }
    const { status } = head;
    if (status < 200 && status !== 101) {
      // An informational response (100 Continue, 103 Early Hints): the final one follows.
      return headEnd;
    }
    const { chunked, contentLength } = head;
    this.keepAlive = head.minor === 1 ? !head.connection.includes('close') : head.connection.includes('keep-alive');
    const noBody = this.noBody || status === 204 || status === 304 || status === 101;
    const closeDelimited = !noBody && !chunked && (head.otherEncoding || contentLength < 0);
    if (status === 101 || closeDelimited) this.keepAlive = false;
    const { keepAliveTimeoutMs, startHeader, requestId, date } = head;
    this.events.onHead({ status, keepAlive: this.keepAlive, keepAliveTimeoutMs, startHeader, requestId, date });
    if (this.state !== HEAD) return -1; // aborted from onHead
    if (noBody) {
      this.finish(data, headEnd);
    } else if (chunked) {
      this.state = CHUNK_SIZE;
    } else if (closeDelimited) {
      this.state = BODY_CLOSE;
    } else if (contentLength === 0) {
      this.finish(data, headEnd);
    } else {
      this.state = BODY_LENGTH;
      this.remaining = contentLength;
    }
    return headEnd;
  }

  /** The response ended at `at`; bytes after it (none are expected) make the connection unusable. */
  private finish(data: Buffer, at: number): void {
    const keepAlive = this.keepAlive && at === data.length;
    this.state = keepAlive ? IDLE : DEAD;
    this.events.onEnd(keepAlive);
  }

  private fail(code: ParseErrorCode, reason: string): void {
    this.state = DEAD;
    this.pending = null;
    this.events.onError(code, reason);
  }
}

/** The size of a chunk-size line (`1a2b[;ext][\r]`), or -1 when it is not one. */
function parseChunkSize(line: string): number {
  let end = line.length;
  if (line.charCodeAt(end - 1) === CR) end--;
  const semicolon = line.indexOf(';');
  if (semicolon >= 0 && semicolon < end) end = semicolon;
  const hex = line.slice(0, end).trim();
  if (hex.length === 0 || hex.length > 12 || !/^[0-9a-fA-F]+$/.test(hex)) return -1;
  return parseInt(hex, 16);
}
