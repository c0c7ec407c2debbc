/**
 * One keep-alive HTTP/1.1 connection of the engine's client: a TCP (or TLS) socket carrying one request at a time.
 *
 * Plain TCP sockets are read through `onread` into one buffer per connection (no Buffer per read); TLS sockets
 * through `data` events. Either way the parser sees views that are valid only during the call.
 * The connection reports to its owner (the pool) when it is ready for a request and when it is gone; the request
 * on it (an `ExchangeEvents`) hears about its response.
 */
import { connect as connectTcp, isIP, type OnReadOpts, type Socket, type TcpSocketConnectOpts } from 'node:net';
import { performance } from 'node:perf_hooks';
import { connect as connectTls } from 'node:tls';
import { ResponseParser, type ResponseHead } from './response-parser.js';

/** What a request on the connection hears. Exactly one of `end` and `fail` is called, once. */
export interface ExchangeEvents {
  readonly headRequest: boolean;
  /** The request's bytes were handed to the socket at `sentAtMs`. */
  sent(connection: Connection, sentAtMs: number): void;
  head(head: ResponseHead): void;
  body(chunk: Buffer): void;
  end(): void;
  /**
   * The request failed. `closedIdle`: the server closed this reused keep-alive connection before a byte of the
   * answer came, so the request may never have reached it (see `Connection.onClose`).
   */
  fail(errorCode: string, closedIdle?: boolean): void;
}

export interface ConnectionOwner {
  /** The connection can take a request (just connected, or a keep-alive response ended). */
  idle(connection: Connection): void;
  /** The socket is closed; `errorCode` when it failed, `connected` false when it never connected. */
  gone(connection: Connection, errorCode: string | undefined, connected: boolean): void;
}

export interface Endpoint {
  protocol: 'http:' | 'https:';
  /** Host name or address, IPv6 without brackets. */
  hostname: string;
  port: number;
  /** https: certificate authorities trusted besides Node's (tests, private CAs). */
  ca?: string | Buffer;
}

/** How long a connection waits idle before it is not reused: undici's default when the server gives no hint. */
export const DEFAULT_IDLE_LIMIT_MS = 4_000;
/**
 * A connection opened ahead of its first request is not reused after this long idle: until a response tells the
 * server's keep-alive timeout, a short limit keeps a request from being written into a socket the server is closing.
 */
export const FRESH_IDLE_LIMIT_MS = 1_000;
/** A server's keep-alive timeout hint is trusted up to this margin before it. */
const HINT_MARGIN_MS = 1_000;
/** A TCP (and TLS) connect not done in this long fails with `CONNECT_TIMEOUT` (undici's default). */
export const CONNECT_TIMEOUT_MS = 10_000;
/** Read buffer of a plain TCP connection. */
const READ_BUFFER_BYTES = 64 * 1024;

export class Connection {
  /** The request on the socket, if any. */
  exchange: ExchangeEvents | null = null;
  connected = false;
  /** The socket is closed, or the server has ended its side. */
  closed = false;
  /** `performance.now()` when it last became idle. */
  idleSinceMs = 0;
  /** Idle longer than this and it is closed instead of reused. */
  idleLimitMs = FRESH_IDLE_LIMIT_MS;
  /** Answers read to their end on this connection. */
  private answers = 0;
  /** A byte of the current request's answer has arrived. */
  private answering = false;
  /** The server closed its side with a FIN (an end of stream), not a reset. */
  private serverEnded = false;
  private readonly socket: Socket;
  private readonly parser: ResponseParser;
  private errorCode: string | undefined;

  constructor(
    endpoint: Endpoint,
    private readonly owner: ConnectionOwner,
  ) {
    this.parser = new ResponseParser({
      onHead: (head) => {
        const hintMs = head.keepAliveTimeoutMs;
        this.idleLimitMs = hintMs === undefined ? DEFAULT_IDLE_LIMIT_MS : Math.max(hintMs - HINT_MARGIN_MS, 0);
        this.exchange?.head(head);
      },
      onBody: (chunk) => this.exchange?.body(chunk),
      onEnd: (keepAlive) => this.ended(keepAlive),
      onError: (code) => this.fail(code),
    });
    const { hostname, port } = endpoint;
    if (endpoint.protocol === 'https:') {
      this.socket = connectTls({
        host: hostname,
        port,
        servername: isIP(hostname) === 0 ? hostname : undefined,
        ALPNProtocols: ['http/1.1'],
        ...(endpoint.ca === undefined ? {} : { ca: endpoint.ca }),
      });
      this.socket.once('secureConnect', () => this.ready());
      this.socket.on('data', (chunk: Buffer) => {
        this.answering = true;
        this.parser.execute(chunk);
      });
    } else {
      const buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
      const options: TcpSocketConnectOpts & { onread: OnReadOpts } = {
        host: hostname,
        port,
        onread: { buffer, callback: (bytes: number, view: Uint8Array) => this.read(view as Buffer, bytes) },
      };
      this.socket = connectTcp(options);
      this.socket.once('connect', () => this.ready());
    }
    this.socket.setNoDelay(true);
    this.socket.setTimeout(CONNECT_TIMEOUT_MS, () => {
      this.errorCode ??= 'CONNECT_TIMEOUT';
      this.socket.destroy();
    });
    this.socket.on('error', (error: NodeJS.ErrnoException) => {
      this.errorCode ??= error.code ?? 'UNKNOWN';
    });
    // The server ended its side: not fit for another request (the socket closes right after).
    this.socket.on('end', () => {
      this.closed = true;
      this.serverEnded = true;
    });
    this.socket.on('close', () => this.onClose());
  }

  /** No answer has been read on this connection yet: the server has not had a chance to close it after one. */
  get fresh(): boolean {
    return this.answers === 0;
  }

  /** Writes `bytes` as the request of `exchange`; the connection must be idle. */
  start(exchange: ExchangeEvents, bytes: Buffer): void {
    this.exchange = exchange;
    this.answering = false;
    this.parser.expect(exchange.headRequest);
    this.socket.write(bytes);
    exchange.sent(this, performance.now());
  }

  /** Closes the socket now; a request on it is not told (its owner ended it). */
  destroy(): void {
    this.exchange = null;
    this.parser.abort();
    this.socket.destroy();
  }

  /** `onread` callback: parses what arrived; true keeps the socket reading. */
  private read(view: Buffer, bytes: number): boolean {
    this.answering = true;
    this.parser.execute(bytes === view.length ? view : view.subarray(0, bytes));
    return true;
  }

  private ready(): void {
    this.connected = true;
    this.socket.setTimeout(0);
    this.socket.setKeepAlive(true, 60_000);
    this.idleSinceMs = performance.now();
    this.owner.idle(this);
  }

  private ended(keepAlive: boolean): void {
    const exchange = this.exchange;
    this.exchange = null;
    this.answers++;
    if (!keepAlive) this.destroy();
    exchange?.end();
    if (keepAlive && !this.closed) {
      this.idleSinceMs = performance.now();
      this.owner.idle(this);
    }
  }

  private fail(errorCode: string): void {
    const exchange = this.exchange;
    this.destroy();
    exchange?.fail(errorCode);
  }

  private onClose(): void {
    this.closed = true;
    // A body framed by the connection's close is complete now.
    if (this.exchange !== null && this.parser.close()) return this.gone();
    const exchange = this.exchange;
    this.exchange = null;
    this.parser.abort();
    // A server may close an idle keep-alive connection at any time, without saying so (RFC 9112 §9.3): a request
    // written as its close was on the way meets the server's end of stream before any byte of an answer (and, on a
    // busy machine, often the reset its kernel sends back for the request too). Only that case (a reused connection,
    // an end of stream from the server, nothing read) is flagged, so the client can write the request again; a bare
    // reset, a refused connect or a cut answer is the target's doing and stays an error.
    const closedIdle = this.serverEnded && this.answers > 0 && !this.answering;
    exchange?.fail(this.errorCode ?? 'SOCKET_CLOSED', closedIdle);
    this.gone();
  }

  private gone(): void {
    this.owner.gone(this, this.errorCode, this.connected);
  }
}
