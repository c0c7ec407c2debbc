/**
 * Targets that misbehave during a run, on 127.0.0.1, for the target-fault tests (issue 18). Each one keeps its own
 * count of what it did (answers by status, resets, cut bodies), so a test can hold the engine's counts to the
 * server's, request for request. Faults are triggered by the request's number, not by the clock, so the counts do
 * not depend on the machine's speed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FaultServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Requests whose head the server read. */
  readonly received: number;
  /** Complete answers written, by status. */
  readonly answered: Map<number, number>;
  /** Requests ended by a fault instead of an answer (reset, cut body). */
  readonly faulted: number;
  /** TCP connections accepted. */
  readonly connections: number;
  close(): Promise<void>;
}

/** What the handler can do to the exchange besides answering. */
export interface FaultContext {
  /** Writes a complete answer and counts it under its status. */
  answer(status: number, body?: string, headers?: Record<string, string>): void;
  /** Counts the request as faulted (the handler cut it short). */
  fault(): void;
  /** Every socket the server holds now. */
  readonly sockets: ReadonlySet<Socket>;
  readonly server: Server;
}

export type FaultHandler = (req: IncomingMessage, res: ServerResponse, index: number, ctx: FaultContext) => void;

/** Starts a server whose `handle` answers (through `ctx.answer`) or misbehaves, on `port` (0: any free port). */
export async function startFaultServer(handle: FaultHandler, port = 0): Promise<FaultServer> {
  // The counts live on the returned object itself: the test reads them as they are when it looks.
  const state = { url: '', received: 0, connections: 0, answered: new Map<number, number>(), faulted: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const index = state.received++;
    req.resume();
    const ctx: FaultContext = {
      answer(status, body = 'ok', headers = {}) {
        res.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body), ...headers });
        res.end(body);
        state.answered.set(status, (state.answered.get(status) ?? 0) + 1);
      },
      fault() {
        state.faulted++;
      },
      sockets,
      server,
    };
    handle(req, res, index, ctx);
  });
  server.on('connection', (socket) => {
    state.connections++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await listen(server, port);
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    async close() {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await new Promise((resolve) => server.close(resolve));
    },
  });
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Total of a status map. */
export function total(counts: ReadonlyMap<unknown, number> | Record<string, number>): number {
  const values = counts instanceof Map ? [...counts.values()] : Object.values(counts);
  return values.reduce((sum, n) => sum + n, 0);
}

/**
 * A target that disappears: once it has received `downAfter` requests it stops listening and destroys every socket
 * (the request that tripped it gets no answer), then, after `downForMs`, listens again on the same port; with
 * `downForMs` undefined it never comes back.
 */
export async function startVanishingServer(downAfter: number, downForMs: number | undefined): Promise<FaultServer & { readonly wentDown: boolean; readonly cameBack: boolean }> {
  let wentDown = false;
  let cameBack = false;
  let port = 0;
  const target = await startFaultServer((_req, _res, index, ctx) => {
    if (index + 1 < downAfter || wentDown) return ctx.answer(200);
    wentDown = true;
    ctx.fault();
    ctx.server.close();
    for (const socket of ctx.sockets) socket.destroy();
    if (downForMs !== undefined) {
      setTimeout(() => {
        listen(ctx.server, port).then(() => (cameBack = true));
      }, downForMs);
    }
  });
  port = Number(new URL(target.url).port);
  // Getters, not values: Object.assign would copy the flags as they are now.
  return Object.defineProperties(target, {
    wentDown: { get: () => wentDown },
    cameBack: { get: () => cameBack },
  }) as FaultServer & { readonly wentDown: boolean; readonly cameBack: boolean };
}

/** Resets the connection (TCP RST) instead of answering every `every`-th request; answers 200 otherwise. */
export function resetEvery(every: number): FaultHandler {
  return (req, _res, index, ctx) => {
    if ((index + 1) % every !== 0) return ctx.answer(200);
    ctx.fault();
    req.socket.resetAndDestroy();
  };
}

/**
 * A storm of errors: requests numbered `from` (inclusive) to `to` (exclusive) are answered in turn 500, 502
 * (closing the connection, as a proxy does after a bad upstream), 503 and 429 (with Retry-After); the others 200.
 */
export const STORM_STATUSES = [500, 502, 503, 429] as const;
export function stormBetween(from: number, to: number): FaultHandler {
  return (_req, _res, index, ctx) => {
    if (index < from || index >= to) return ctx.answer(200);
    const status = STORM_STATUSES[(index - from) % STORM_STATUSES.length]!;
    const headers: Record<string, string> = status === 502 ? { connection: 'close' } : status === 429 ? { 'retry-after': '1' } : {};
    ctx.answer(status, `{"message":"storm ${status}"}`, headers);
  };
}

/**
 * Answers 200 as a keep-alive response (HTTP/1.1, no `Connection: close`) and then closes the connection at once:
 * a server, or a proxy at its keep-alive timeout, that hangs up after the answer without saying so.
 */
export function closeAfterAnswer(): FaultHandler {
  return (_req, res, _index, ctx) => {
    // Taken now: the response lets go of its socket when it finishes.
    const socket = res.socket;
    res.once('finish', () => socket?.destroy());
    ctx.answer(200);
  };
}

/**
 * Every `every`-th request gets a head and part of its body, then the connection closes: alternately a body framed
 * by Content-Length (1,000 bytes announced, 100 sent) and a chunked body cut after its first chunk. Others get 200.
 */
export function cutBodyEvery(every: number): FaultHandler {
  return (_req, res, index, ctx) => {
    if ((index + 1) % every !== 0) return ctx.answer(200);
    ctx.fault();
    const chunked = ((index + 1) / every) % 2 === 0;
    res.writeHead(200, chunked ? { 'content-type': 'text/plain' } : { 'content-type': 'text/plain', 'content-length': '1000' });
    // The part is on its way to the client before the socket closes under it.
    res.write('x'.repeat(100), () => res.socket?.destroy());
  };
}

/** Holds every answer `holdMs`, then answers 200: a slow target, so an open model runs out of connections. */
export function holdAnswers(holdMs: number): FaultHandler {
  return (_req, res, _index, ctx) => {
    const timer = setTimeout(() => ctx.answer(200), holdMs);
    res.once('close', () => clearTimeout(timer));
  };
}
