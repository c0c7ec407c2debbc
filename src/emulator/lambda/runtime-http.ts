/**
 * The HTTP/1.1 server side of the Runtime API, on a plain TCP server: each environment's runtime keeps one
 * keep-alive connection and makes two calls per invocation (POST /response, GET /next), so this path is paid twice
 * per request under load. node:http's request/response objects and streams cost several times a whole warm
 * invocation of a small handler there; this file does only what the Runtime API needs:
 * - requests framed by Content-Length or chunked transfer encoding (with trailers: a streamed response carries its
 *   error in them), `Expect: 100-continue` answered (curl, inside aws-lambda-ric, sends it before large bodies);
 * - pipelined requests, answered in order; `Connection: close` honoured;
 * - bodies above `maxBodyBytes` drained and flagged, not kept; a head (or a chunk-size or trailer line) above
 *   MAX_HEAD_BYTES or a malformed one answered 400/431 and the connection closed; answers to HEAD without a body.
 * An answer marked `coalesce` that is followed by a pipelined request still waiting (the runtime sent its GET /next
 * together with its POST /response) is held and written together with that request's answer: one write and one
 * wake-up of the runtime instead of two. A client that does not pipeline gets every answer at once, as before.
 */
import net from 'node:net';
import { addField, bodyFraming, parseHead, serialise, WireError, type Body, type WireAnswer } from './runtime-http-wire.js';

export type { WireAnswer } from './runtime-http-wire.js';

export interface WireRequest {
  method: string;
  /** Request target as sent (origin form, e.g. `/2018-06-01/runtime/invocation/next`). */
  target: string;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: Buffer;
  /** The body was larger than `maxBodyBytes`: it was read and dropped. */
  bodyTooLarge: boolean;
  /** Trailer fields of a chunked body, lower-case names. */
  trailers: Record<string, string>;
}

export interface WireExchange {
  readonly request: WireRequest;
  /** False once the connection is gone: an answer would reach no one. */
  readonly open: boolean;
  answer(answer: WireAnswer): void;
}

export interface WireServer {
  port: number;
  close(): Promise<void>;
}

export const MAX_HEAD_BYTES = 64 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
const CONTINUE = Buffer.from('HTTP/1.1 100 Continue\r\n\r\n');

export async function startWireServer(onRequest: (exchange: WireExchange) => void, maxBodyBytes: number): Promise<WireServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, onRequest, maxBodyBytes);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

interface Slot {
  bytes?: Buffer[];
  coalesce: boolean;
  closeAfter: boolean;
}


function serveConnection(socket: net.Socket, onRequest: (exchange: WireExchange) => void, maxBodyBytes: number): void {
  let buffered: Buffer = Buffer.alloc(0);
  let head: { method: string; target: string; headers: Record<string, string>; closeAfter: boolean } | undefined;
  let body: Body | undefined;
  let parts: Buffer[] = [];
  let bodyBytes = 0;
  let trailers: Record<string, string> = {};
  let closed = false;
  let closing = false; // a `Connection: close` answer is queued: read no further requests
  const slots: Slot[] = [];

  socket.on('close', () => (closed = true));
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => {
    // After a `Connection: close` request nothing more is read (the connection ends once its answer is out).
    if (closing) return;
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    try {
      parse();
    } catch (error) {
      reject((error as WireError).status ?? 400);
    }
  });

  function parse(): void {
    while (!closed && !closing) {
      if (head === undefined) {
        const end = buffered.indexOf(HEAD_END);
        if (end < 0) {
          if (buffered.length > MAX_HEAD_BYTES) throw new WireError(431);
          return;
        }
        if (end > MAX_HEAD_BYTES) throw new WireError(431);
        head = parseHead(buffered.toString('latin1', 0, end));
        buffered = buffered.subarray(end + 4);
        body = bodyFraming(head.headers);
        // The interim answer may go out only when no earlier request still waits for its final one (in order);
        // a client that pipelines behind it sends its body after its own wait anyway.
        if (head.headers.expect?.toLowerCase() === '100-continue' && slots.length === 0 && !(body.kind === 'length' && body.remaining === 0)) {
          socket.write(CONTINUE);
        }
      }
      if (!readBody()) return;
      const request: WireRequest = {
        method: head.method,
        target: head.target,
        headers: head.headers,
        body: bodyBytes > maxBodyBytes ? Buffer.alloc(0) : parts.length === 1 ? parts[0]! : Buffer.concat(parts),
        bodyTooLarge: bodyBytes > maxBodyBytes,
        trailers,
      };
      const closeAfter = head.closeAfter;
      head = undefined;
      body = undefined;
      parts = [];
      bodyBytes = 0;
      trailers = {};
      if (closeAfter) closing = true;
      dispatch(request, closeAfter);
    }
  }

  /** Consumes body bytes from `buffered`; true once the body is complete. */
  function readBody(): boolean {
    const framing = body!;
    if (framing.kind === 'length') {
      const take = Math.min(framing.remaining, buffered.length);
      keep(buffered.subarray(0, take));
      buffered = buffered.subarray(take);
      framing.remaining -= take;
      return framing.remaining === 0;
    }
    for (;;) {
      if (framing.phase === 'size') {
        const end = buffered.indexOf(CRLF);
        if (end < 0) return lineIncomplete();
        const size = Number.parseInt(buffered.toString('latin1', 0, end).split(';')[0]!.trim(), 16);
        if (!Number.isFinite(size) || size < 0) throw new WireError(400);
        buffered = buffered.subarray(end + 2);
        framing.size = size;
        framing.phase = size === 0 ? 'trailers' : 'data';
      } else if (framing.phase === 'data') {
        const take = Math.min(framing.size, buffered.length);
        keep(buffered.subarray(0, take));
        buffered = buffered.subarray(take);
        framing.size -= take;
        if (framing.size > 0) return false;
        framing.phase = 'data-end';
      } else if (framing.phase === 'data-end') {
        if (buffered.length < 2) return false;
        if (buffered[0] !== 13 || buffered[1] !== 10) throw new WireError(400);
        buffered = buffered.subarray(2);
        framing.phase = 'size';
      } else {
        const end = buffered.indexOf(CRLF);
        if (end < 0) return lineIncomplete();
        const line = buffered.toString('latin1', 0, end);
        buffered = buffered.subarray(end + 2);
        if (line === '') return true;
        addField(trailers, line);
      }
    }
  }

  /**
   * A chunk-size or trailer line still open: wait for more, within the head's limit. Unbounded, a line that never
   * ends would be kept whole, and copied again on every read (`buffered` grows by concatenation): memory and CPU
   * without end (a 64 MB size line kept the server busy for over 20 s).
   */
  function lineIncomplete(): false {
    if (buffered.length > MAX_HEAD_BYTES) throw new WireError(body!.kind === 'chunked' && body!.phase === 'trailers' ? 431 : 400);
    return false;
  }

  function keep(part: Buffer): void {
    if (part.length === 0) return;
    bodyBytes += part.length;
    // A view, not a copy: socket chunks are never reused, and `buffered` is only ever replaced, not written to.
    if (bodyBytes <= maxBodyBytes) parts.push(part);
    else parts = [];
  }

  function dispatch(request: WireRequest, closeAfter: boolean): void {
    const slot: Slot = { coalesce: false, closeAfter };
    slots.push(slot);
    onRequest({
      request,
      get open() {
        return !closed && slot.bytes === undefined;
      },
      answer(answer) {
        if (closed || slot.bytes !== undefined) return;
        slot.bytes = serialise(answer, closeAfter, request.method === 'HEAD');
        slot.coalesce = answer.coalesce === true;
        flush();
      },
    });
  }

  function flush(): void {
    let ready = 0;
    while (ready < slots.length && slots[ready]!.bytes !== undefined) ready++;
    // A held answer goes out with the answer of the pipelined request behind it.
    if (ready > 0 && ready < slots.length && slots[ready - 1]!.coalesce) ready--;
    if (ready === 0) return;
    const out = slots.splice(0, ready);
    socket.cork();
    for (const slot of out) for (const bytes of slot.bytes!) socket.write(bytes);
    socket.uncork();
    if (out.some((slot) => slot.closeAfter)) socket.end();
  }

  function reject(status: number): void {
    if (closed) return;
    closing = true;
    const bytes = serialise({ status, body: '' }, true);
    // Answers still owed come first; this one closes the connection.
    slots.push({ bytes, coalesce: false, closeAfter: true });
    flush();
  }
}
