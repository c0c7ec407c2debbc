/**
 * Up to `limit` keep-alive connections to one origin. A request takes the most recently idle connection (its
 * socket and the server's side of it are the warmest), else waits in a FIFO queue while a new connection opens,
 * if the limit allows. A connection idle past its limit is closed instead of reused, so a request is never written
 * into a socket the server is closing.
 *
 * A connect that fails ends the oldest waiting request with the connect's error code (each waiting request opened
 * one connection for itself): an unreachable target gives every request its own error, never a silent wait.
 *
 * A request written again because the server closed its keep-alive connection (client.ts `retry`) waits for a fresh
 * connection, one that has not answered yet: a target that closes every connection after an answer would close a
 * reused one under it again. The closed connection's slot is free by then, so one can always be opened for it.
 */
import { performance } from 'node:perf_hooks';
import type { PreparedRequest } from '../request-plan.js';
import { Connection, type ConnectionOwner, type Endpoint, type ExchangeEvents } from './connection.js';
import { RequestBytesCache } from './request-bytes.js';

/** A request as the pool handles it. */
export interface PooledExchange extends ExchangeEvents {
  readonly request: PreparedRequest;
  /** Set once the request has ended (a queued one that ended is skipped). */
  readonly ended: boolean;
}

export class ConnectionPool implements ConnectionOwner {
  private readonly all = new Set<Connection>();
  private readonly connecting = new Set<Connection>();
  private readonly idleStack: Connection[] = [];
  private queue: PooledExchange[] = [];
  private queueHead = 0;
  /** Requests written again (see above), served before the queue by fresh connections only. */
  private retries: PooledExchange[] = [];
  private readonly settled = new Map<Connection, () => void>();
  private closed = false;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly limit: number,
    private readonly bytes: RequestBytesCache,
  ) {}

  send(exchange: PooledExchange): void {
    if (this.closed) return exchange.fail('ABORTED');
    if (this.queueHead === this.queue.length) {
      const connection = this.takeIdle();
      if (connection !== undefined) return this.start(connection, exchange);
    }
    this.queue.push(exchange);
    this.pump();
  }

  /** Sends `exchange` again, on a fresh connection. */
  retry(exchange: PooledExchange): void {
    if (this.closed) return exchange.fail('ABORTED');
    this.retries.push(exchange);
    this.pump();
  }

  /** Opens up to `count` connections now (within the limit); resolves with how many connected. */
  async preconnect(count: number): Promise<number> {
    const opening: Array<Promise<boolean>> = [];
    while (opening.length < count && this.all.size < this.limit) {
      const connection = this.open();
      opening.push(new Promise((resolve) => this.settled.set(connection, () => resolve(connection.connected && !connection.closed))));
    }
    return (await Promise.all(opening)).filter(Boolean).length;
  }

  /** Closes every connection (requests on them must have been ended first). */
  close(): void {
    this.closed = true;
    this.queue = [];
    this.queueHead = 0;
    this.retries = [];
    for (const connection of this.all) connection.destroy();
  }

  idle(connection: Connection): void {
    this.connecting.delete(connection);
    this.settle(connection);
    if (this.closed) return connection.destroy();
    const exchange = (connection.fresh ? this.nextRetry() : undefined) ?? this.nextWaiting();
    if (exchange !== undefined) this.start(connection, exchange);
    else this.idleStack.push(connection);
  }

  gone(connection: Connection, errorCode: string | undefined, connected: boolean): void {
    this.all.delete(connection);
    this.connecting.delete(connection);
    this.settle(connection);
    const at = this.idleStack.lastIndexOf(connection);
    if (at >= 0) this.idleStack.splice(at, 1);
    if (this.closed) return;
    // A connect for a request written again is opened first (pump), so its failure is that request's.
    if (!connected) (this.nextRetry() ?? this.nextWaiting())?.fail(errorCode ?? 'SOCKET_CLOSED');
    this.pump();
  }

  /** Pairs waiting requests with idle connections, then opens connections for the rest. */
  private pump(): void {
    while (this.retries.length > 0) {
      const nowMs = performance.now();
      const at = this.idleStack.findIndex((c) => c.fresh && !c.closed && nowMs - c.idleSinceMs <= c.idleLimitMs);
      if (at < 0) break;
      const exchange = this.nextRetry();
      if (exchange === undefined) break;
      this.start(this.idleStack.splice(at, 1)[0]!, exchange);
    }
    while (this.queueHead < this.queue.length) {
      const connection = this.takeIdle();
      if (connection === undefined) break;
      const exchange = this.nextWaiting();
      if (exchange === undefined) {
        this.idleStack.push(connection);
        break;
      }
      this.start(connection, exchange);
    }
    this.openForWaiting();
  }

  private start(connection: Connection, exchange: PooledExchange): void {
    connection.start(exchange, this.bytes.bytesOf(exchange.request));
  }

  private open(): Connection {
    const connection = new Connection(this.endpoint, this);
    this.all.add(connection);
    this.connecting.add(connection);
    return connection;
  }

  /** Opens connections for waiting requests that no connection being opened will serve. */
  private openForWaiting(): void {
    // Requests that ended while queued (timeout, abort) need no connection.
    while (this.queueHead < this.queue.length && this.queue[this.queueHead].ended) this.queueHead++;
    if (this.queueHead === this.queue.length) {
      this.queue = [];
      this.queueHead = 0;
    }
    if (this.retries.length > 0) this.retries = this.retries.filter((e) => !e.ended);
    const waiting = this.queue.length - this.queueHead + this.retries.length;
    while (this.connecting.size < waiting && this.all.size < this.limit) this.open();
  }

  /** The most recently idle connection still fit for a request; stale ones are closed on the way. */
  private takeIdle(): Connection | undefined {
    const nowMs = performance.now();
    for (let connection = this.idleStack.pop(); connection !== undefined; connection = this.idleStack.pop()) {
      if (connection.closed) continue;
      if (nowMs - connection.idleSinceMs <= connection.idleLimitMs) return connection;
      connection.destroy();
    }
    return undefined;
  }

  /** The oldest request waiting to be written again that has not ended. */
  private nextRetry(): PooledExchange | undefined {
    for (let exchange = this.retries.shift(); exchange !== undefined; exchange = this.retries.shift()) if (!exchange.ended) return exchange;
    return undefined;
  }

  /** The oldest queued request that has not ended, taken off the queue. */
  private nextWaiting(): PooledExchange | undefined {
    while (this.queueHead < this.queue.length) {
      const exchange = this.queue[this.queueHead++];
      if (this.queueHead === this.queue.length) {
        this.queue = [];
        this.queueHead = 0;
      } else if (this.queueHead >= 1_024 && this.queueHead * 2 >= this.queue.length) {
        this.queue = this.queue.slice(this.queueHead);
        this.queueHead = 0;
      }
      if (!exchange.ended) return exchange;
    }
    return undefined;
  }

  private settle(connection: Connection): void {
    const resolve = this.settled.get(connection);
    if (resolve === undefined) return;
    this.settled.delete(connection);
    resolve();
  }
}
