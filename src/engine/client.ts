/**
 * The engine's HTTP client: keep-alive HTTP/1.1 connections of its own (`http1/`), one request per connection at a
 * time, no pipelining. Each request ends in exactly one `Sample`: a response read to its end, or an error with a
 * short code.
 *
 * Two layouts: one pool of `connections` connections for the open model (an arrival takes any idle connection), or
 * `lanes`: one single-connection pool per closed-model connection, so each loop owns its socket as in autocannon.
 *
 * Why not undici: measured on this 2-core machine (50 connections, closed loop, trivial server), undici's dispatch
 * path costs ~45 µs of CPU per request and these connections ~30 µs; the generator's CPU is what a load test on a
 * shared machine takes from the target. undici still checks every request's shape before the run (request-check.ts).
 */
import { performance } from 'node:perf_hooks';
import type { Sample } from '../records/sample.js';
import { expectationVerdict, statusAccepted, type PreparedRequest } from './request-plan.js';
import type { Connection, Endpoint } from './http1/connection.js';
import { ConnectionPool, type PooledExchange } from './http1/pool.js';
import { RequestBytesCache } from './http1/request-bytes.js';
import type { ResponseHead } from './http1/response-parser.js';

/**
 * Bytes kept of the body of a response that fails its rule (`errorBody`): enough for an API Gateway error
 * (`{"message": "Endpoint request timed out"}`) or the start of a function's error, while a run of failing requests
 * keeps only this much per request in flight.
 */
export const ERROR_BODY_MAX_BYTES = 512;

/**
 * Methods RFC 9110 §9.2.2 calls idempotent: a request of one of these that met a keep-alive connection the server had
 * closed is written once more on another connection (RFC 9112 §9.3.1 allows it; Go's net/http, under k6, does the
 * same). Others (POST, PATCH) end as `SOCKET_CLOSED`: sending them twice could act twice.
 */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

export interface ClientOptions {
  /** `http(s)://host:port`. */
  origin: string;
  /** Keep-alive sockets of the pool (open model). Ignored when `lanes` is set. */
  connections: number;
  /** Closed model: this many single-socket lanes; `send` then names its lane. */
  lanes?: number;
  /** Whole-request timeout, counted from the hand-off to the client; the sample gets `errorCode: 'TIMEOUT'`. */
  timeoutMs: number;
  /** Closed model: a request has no schedule, so its intended time is its send time. */
  intendedIsSent?: boolean;
  /** https: extra trusted certificate authorities (PEM), besides Node's. */
  ca?: string | Buffer;
}

export interface ClientHooks {
  /**
   * A request was written to a socket at `sentAtMs`, having been handed to `send` at `handedAtMs` (the gap is its
   * wait for a free connection). Called at most once per request.
   */
  onSent(intendedAtMs: number, handedAtMs: number, sentAtMs: number): void;
  /** A request ended, with or without a response. Called exactly once per `send`. */
  onDone(sample: Sample, lane: number): void;
  /** A request is written once more: its keep-alive connection was closed by the server before any answer. */
  onRetry?(): void;
}

export interface HttpClient {
  /** Requests handed to `send` whose sample has not been delivered yet. */
  readonly inFlight: number;
  /** Sends `request`; its sample arrives through `onDone`. `lane` only with the `lanes` layout. */
  send(request: PreparedRequest, phaseIndex: number, intendedAtMs: number, lane?: number): void;
  /** Ends every request in flight now with `errorCode` (their samples are delivered). */
  failAll(errorCode: string): void;
  /**
   * Opens up to `count` connections of the open-model pool ahead of the first requests (TCP and TLS done before the
   * clock starts); one still unused after `FRESH_IDLE_LIMIT_MS` is closed instead of used. Resolves with how many
   * connected.
   */
  preconnect(count: number): Promise<number>;
  /** Ends what is still in flight as `ABORTED` and closes the sockets. */
  close(): Promise<void>;
}

/** One request: queued in a pool, then on a connection. Linked in hand-off order (deadline order) for the timeout sweep. */
class Exchange implements PooledExchange {
  sentAtMs: number;
  status = 0;
  bytesReceived = 0;
  chunks: Buffer[] | null;
  /** Bytes still to keep of a failed response's body, when only its start is kept (no `bodyContains` rule). */
  keepBytes = Infinity;
  startHeader: string | undefined = undefined;
  requestId: string | undefined = undefined;
  date: string | undefined = undefined;
  connection: Connection | null = null;
  ended = false;
  /** Written again after a closed keep-alive connection (at most once). */
  retried = false;
  readonly headRequest: boolean;
  readonly deadlineMs: number;
  prev: Exchange | null = null;
  next: Exchange | null = null;

  constructor(
    readonly owner: Client,
    readonly request: PreparedRequest,
    readonly phaseIndex: number,
    readonly intendedAtMs: number,
    readonly lane: number,
    readonly handedAtMs: number,
  ) {
    this.sentAtMs = handedAtMs;
    this.deadlineMs = handedAtMs + owner.timeoutMs;
    this.chunks = request.expect.needsBody ? [] : null;
    this.headRequest = request.method === 'HEAD';
  }

  sent(connection: Connection, sentAtMs: number): void {
    this.connection = connection;
    // Service time starts here, at the write, not at the hand-off: a wait in the pool's queue is the client's, not
    // the target's (it still counts in latency from the intended time).
    this.sentAtMs = sentAtMs;
    // A request written again is still one request: its send and its wait for a connection were counted the first time.
    if (!this.retried) this.owner.hooks.onSent(this.intendedAtMs, this.handedAtMs, sentAtMs);
  }

  head(head: ResponseHead): void {
    this.status = head.status;
    this.startHeader = head.startHeader;
    this.requestId = head.requestId;
    this.date = head.date;
    // A response that fails its status check is an error worth naming: keep the start of its body (what the
    // gateway or the function said). Passing responses are not copied.
    if (this.chunks === null && !statusAccepted(this.request.expect, head.status)) {
      this.chunks = [];
      this.keepBytes = ERROR_BODY_MAX_BYTES;
    }
  }

  body(chunk: Buffer): void {
    this.bytesReceived += chunk.length;
    if (this.chunks === null || this.keepBytes <= 0) return;
    // The chunk is a view into the connection's read buffer: keep a copy.
    const kept = chunk.length <= this.keepBytes ? chunk : chunk.subarray(0, this.keepBytes);
    if (this.keepBytes !== Infinity) this.keepBytes -= kept.length;
    this.chunks.push(Buffer.from(kept));
  }

  end(): void {
    this.connection = null;
    this.owner.finish(this, undefined);
  }

  fail(errorCode: string, closedIdle = false): void {
    this.connection = null;
    if (closedIdle && !this.retried && !this.ended && IDEMPOTENT_METHODS.has(this.request.method)) {
      this.retried = true;
      return this.owner.retry(this);
    }
    this.owner.finish(this, errorCode);
  }
}

class Client implements HttpClient {
  inFlight = 0;
  readonly timeoutMs: number;
  private readonly intendedIsSent: boolean;
  private readonly pools: ConnectionPool[];
  private oldest: Exchange | null = null;
  private newest: Exchange | null = null;
  private readonly sweep: NodeJS.Timeout;

  constructor(
    options: ClientOptions,
    readonly hooks: ClientHooks,
  ) {
    this.timeoutMs = options.timeoutMs;
    this.intendedIsSent = options.intendedIsSent ?? false;
    const url = new URL(options.origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`unsupported protocol ${url.protocol} in ${options.origin}`);
    const endpoint: Endpoint = {
      protocol: url.protocol,
      // URL keeps IPv6 hosts in brackets; sockets want them bare.
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
      ...(options.ca === undefined ? {} : { ca: options.ca }),
    };
    const bytes = new RequestBytesCache(url.host);
    this.pools =
      options.lanes === undefined
        ? [new ConnectionPool(endpoint, options.connections, bytes)]
        : Array.from({ length: options.lanes }, () => new ConnectionPool(endpoint, 1, bytes));
    // Resolution of the timeout: 1/20 of it, between 5 and 250 ms.
    const sweepMs = Math.min(Math.max(Math.floor(options.timeoutMs / 20), 5), 250);
    this.sweep = setInterval(() => this.expire(performance.now()), sweepMs);
    this.sweep.unref();
  }

  send(request: PreparedRequest, phaseIndex: number, intendedAtMs: number, lane = 0): void {
    const exchange = new Exchange(this, request, phaseIndex, intendedAtMs, lane, performance.now());
    this.inFlight++;
    if (this.newest === null) this.oldest = exchange;
    else {
      this.newest.next = exchange;
      exchange.prev = this.newest;
    }
    this.newest = exchange;
    this.pools[lane].send(exchange);
  }

  finish(exchange: Exchange, errorCode: string | undefined): void {
    if (exchange.ended) return;
    const endedAtMs = performance.now();
    exchange.ended = true;
    this.inFlight--;
    if (exchange.prev === null) this.oldest = exchange.next;
    else exchange.prev.next = exchange.next;
    if (exchange.next === null) this.newest = exchange.prev;
    else exchange.next.prev = exchange.prev;
    exchange.prev = exchange.next = null;

    const { request } = exchange;
    const sample: Sample = {
      phaseIndex: exchange.phaseIndex,
      requestIndex: request.requestIndex,
      intendedAtMs: this.intendedIsSent ? exchange.sentAtMs : exchange.intendedAtMs,
      sentAtMs: exchange.sentAtMs,
      endedAtMs,
      status: errorCode === undefined ? exchange.status : 0,
      bytesSent: request.body === null ? 0 : request.body.length,
      bytesReceived: exchange.bytesReceived,
    };
    if (errorCode !== undefined) sample.errorCode = errorCode;
    else {
      const body = exchange.chunks === null ? undefined : Buffer.concat(exchange.chunks);
      const failed = expectationVerdict(request.expect, exchange.status, body);
      if (failed !== undefined) {
        sample.expectationFailed = true;
        sample.failedCheck = failed;
        sample.errorBody = (body ?? Buffer.alloc(0)).subarray(0, ERROR_BODY_MAX_BYTES).toString('utf8');
      }
    }
    if (exchange.startHeader !== undefined) sample.startHeader = exchange.startHeader;
    if (exchange.requestId !== undefined) sample.requestId = exchange.requestId;
    if (exchange.date !== undefined) sample.date = exchange.date;
    exchange.chunks = null;
    this.hooks.onDone(sample, exchange.lane);
  }

  /** Queues `exchange` again on its pool, for a fresh connection (its deadline stands: it stays in the timeout list). */
  retry(exchange: Exchange): void {
    this.hooks.onRetry?.();
    this.pools[exchange.lane].retry(exchange);
  }

  /** Ends every request past its deadline. */
  private expire(nowMs: number): void {
    while (this.oldest !== null && this.oldest.deadlineMs <= nowMs) this.fail(this.oldest, 'TIMEOUT');
  }

  private fail(exchange: Exchange, errorCode: string): void {
    // A request on a connection closes it (its response can no longer be told from the next one's); a queued one
    // is skipped when its turn comes.
    const { connection } = exchange;
    exchange.connection = null;
    this.finish(exchange, errorCode);
    connection?.destroy();
  }

  failAll(errorCode: string): void {
    while (this.oldest !== null) this.fail(this.oldest, errorCode);
  }

  async preconnect(count: number): Promise<number> {
    return this.pools.length === 1 ? this.pools[0].preconnect(count) : 0;
  }

  async close(): Promise<void> {
    clearInterval(this.sweep);
    this.failAll('ABORTED');
    for (const pool of this.pools) pool.close();
  }
}

/** Opens a client to `options.origin`. Connections open on the first requests, or ahead with `preconnect`. */
export function createClient(options: ClientOptions, hooks: ClientHooks): HttpClient {
  return new Client(options, hooks);
}
