/**
 * The engine's own HTTP/1.1 client (`src/engine/client.ts` and `http1/`) against real servers on 127.0.0.1: TLS,
 * keep-alive reuse and its limits, response framing (length, chunked, close, HEAD), the request bytes, broken
 * servers, the whole-request timeout, unreachable targets, preconnect, failAll and the lanes layout.
 *
 * Requests come from `createRequestPlan`. Each `send` passes its own number as `intendedAtMs`, so a sample (which
 * carries `intendedAtMs` back unchanged in the open model) names the send it belongs to.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createClient, type ClientOptions, type HttpClient } from '../../../src/engine/client.js';
import { createRequestPlan, type PreparedRequest } from '../../../src/engine/request-plan.js';
import type { Sample } from '../../../src/records/sample.js';
import type { RequestSpec } from '../../../src/scenario/types.js';
import { closedPort, sleep } from './collect.js';
import { answerOk, startServer, type TestServer } from './servers.js';

const CERT = readFileSync(new URL('../../fixtures/tls/cert.pem', import.meta.url));
const KEY = readFileSync(new URL('../../fixtures/tls/key.pem', import.meta.url));

/** Run in reverse order after each test: clients (registered last) close before their servers. */
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

// ---------------------------------------------------------------------------------------------------------------
// Client side

interface Done {
  sample: Sample;
  lane: number;
}

interface Recorder {
  client: HttpClient;
  /** Every `onDone`, in order. */
  done: Done[];
  /** `onSent` calls. */
  sentCount: number;
  /** `onSent` arguments, in order. */
  sends: Array<{ intendedAtMs: number; handedAtMs: number; sentAtMs: number }>;
  /** Called from `onDone` after the sample is stored (used to send the next request from `onDone`). */
  afterDone: ((sample: Sample, lane: number) => void) | undefined;
  /** Resolves with all samples once `count` have arrived; rejects after `withinMs`. */
  waitFor(count: number, withinMs?: number): Promise<Sample[]>;
}

/** A client with recording hooks; closed after the test. Defaults: 1 connection, 2 s timeout. */
function openClient(options: Partial<ClientOptions> & { origin: string }): Recorder {
  const waiters = new Set<() => void>();
  const recorder: Recorder = {
    client: undefined as unknown as HttpClient,
    done: [],
    sentCount: 0,
    sends: [],
    afterDone: undefined,
    waitFor(count, withinMs = 3_000) {
      return new Promise<Sample[]>((resolve, reject) => {
        const check = (): void => {
          if (recorder.done.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(recorder.done.map((d) => d.sample));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${recorder.done.length} of ${count} samples after ${withinMs} ms (inFlight ${recorder.client.inFlight})`));
        }, withinMs);
        waiters.add(check);
        check();
      });
    },
  };
  recorder.client = createClient(
    { connections: 1, timeoutMs: 2_000, ...options },
    {
      onSent(intendedAtMs, handedAtMs, sentAtMs) {
        recorder.sentCount++;
        recorder.sends.push({ intendedAtMs, handedAtMs, sentAtMs });
      },
      onDone(sample, lane) {
        recorder.done.push({ sample, lane });
        recorder.afterDone?.(sample, lane);
        for (const check of [...waiters]) check();
      },
    },
  );
  cleanups.push(() => recorder.client.close());
  return recorder;
}

/** Requests of a one-spec plan. */
function requests(spec: RequestSpec): (seq: number) => PreparedRequest {
  const plan = createRequestPlan([spec], { seed: 1 });
  return (seq) => plan.next(seq);
}

/** Sends `n` requests at once (send number as `intendedAtMs`) and resolves with their samples. */
async function sendAll(recorder: Recorder, next: (seq: number) => PreparedRequest, n: number, lane?: number): Promise<Sample[]> {
  const before = recorder.done.length;
  for (let i = 0; i < n; i++) recorder.client.send(next(i), 0, before + i, lane);
  return (await recorder.waitFor(before + n)).slice(before);
}

/** Sends `n` requests one after the other, each from the previous one's `onDone`; resolves with their samples. */
async function sendSequential(recorder: Recorder, next: (seq: number) => PreparedRequest, n: number, withinMs = 3_000): Promise<Sample[]> {
  const before = recorder.done.length;
  let sent = 1;
  recorder.afterDone = () => {
    if (sent < n) {
      recorder.client.send(next(sent), 0, before + sent);
      sent++;
    }
  };
  recorder.client.send(next(0), 0, before);
  try {
    return (await recorder.waitFor(before + n, withinMs)).slice(before);
  } finally {
    recorder.afterDone = undefined;
  }
}

/** Waits (bounded) until `condition` holds; returns whether it did. */
async function until(condition: () => boolean, withinMs = 1_000): Promise<boolean> {
  const endMs = performance.now() + withinMs;
  while (!condition()) {
    if (performance.now() > endMs) return false;
    await sleep(5);
  }
  return true;
}

function ok(sample: Sample): void {
  expect(sample.errorCode).toBeUndefined();
  expect(sample.expectationFailed).toBeUndefined();
  expect(sample.status).toBe(200);
}

// ---------------------------------------------------------------------------------------------------------------
// Server side

/** A node http(s) server of the test's own (for settings `startServer` does not expose), counting connections. */
interface NodeServer {
  url: string;
  server: HttpServer | HttpsServer;
  connections: number;
  received: number;
}

async function startNode(
  server: HttpServer | HttpsServer,
  protocol: 'http' | 'https',
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<NodeServer> {
  const state = { connections: 0, received: 0 };
  server.on('connection', () => state.connections++);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    state.received++;
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    url: `${protocol}://127.0.0.1:${port}`,
    server,
    get connections() {
      return state.connections;
    },
    get received() {
      return state.received;
    },
  };
}

async function startTestServer(handle: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const server = await startServer(handle);
  cleanups.push(() => server.close());
  return server;
}

/** A raw TCP server: each request head (requests without a body only) is handed to `onRequest`. */
interface RawServer {
  url: string;
  connections: number;
  /** Sockets not closed yet. */
  open: number;
  /** Request heads received, in order. */
  heads: string[];
}

async function startRaw(onRequest: (socket: Socket, index: number, head: string) => void): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const raw: RawServer = { url: '', connections: 0, open: 0, heads: [] };
  const server = createNetServer((socket) => {
    raw.connections++;
    raw.open++;
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('error', () => {});
    socket.on('close', () => {
      raw.open--;
      sockets.delete(socket);
    });
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      for (let end = text.indexOf('\r\n\r\n'); end >= 0; end = text.indexOf('\r\n\r\n')) {
        const head = text.slice(0, end + 4);
        text = text.slice(end + 4);
        raw.heads.push(head);
        onRequest(socket, raw.heads.length - 1, head);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  raw.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return raw;
}

/** Writes `pieces` one by one, `gapMs` apart (so they tend to arrive in separate reads), then calls `then`. */
function writeSlowly(socket: Socket, pieces: Array<string | Buffer>, gapMs: number, then?: () => void): void {
  let i = 0;
  const step = (): void => {
    if (socket.destroyed) return;
    if (i === pieces.length) return then?.();
    socket.write(pieces[i++]);
    setTimeout(step, gapMs);
  };
  step();
}

// ---------------------------------------------------------------------------------------------------------------

describe('https', () => {
  it('GETs through the fixture certificate when it is trusted with `ca`, checking the body', async () => {
    const server = await startNode(createHttpsServer({ key: KEY, cert: CERT }), 'https', (req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('hello over tls');
    });
    const recorder = openClient({ origin: server.url, ca: CERT });
    const samples = await sendAll(recorder, requests({ path: '/', expect: { bodyContains: 'over tls' } }), 3);
    for (const sample of samples) {
      ok(sample);
      expect(sample.bytesReceived).toBe('hello over tls'.length);
    }
    // The body check is real: a text the body lacks fails it.
    const [missing] = await sendAll(recorder, requests({ path: '/', expect: { bodyContains: 'not in the body' } }), 1);
    expect(missing.status).toBe(200);
    expect(missing.expectationFailed).toBe(true);
    expect(server.received).toBe(4);
    expect(server.connections).toBe(1);
  });

  it('without `ca` every request fails on the self-signed certificate, status 0, nothing written', async () => {
    const server = await startNode(createHttpsServer({ key: KEY, cert: CERT }), 'https', (req, res) => {
      res.end('never');
    });
    const recorder = openClient({ origin: server.url, connections: 2 });
    const samples = await sendAll(recorder, requests({ path: '/' }), 3);
    for (const sample of samples) {
      expect(sample.status).toBe(0);
      expect(typeof sample.errorCode).toBe('string');
      expect(sample.errorCode?.length).toBeGreaterThan(0);
      // Node's code for a self-signed leaf certificate (checked on this machine, Node 20).
      expect(sample.errorCode).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    }
    expect(recorder.sentCount).toBe(0);
    expect(server.received).toBe(0);
    expect(recorder.client.inFlight).toBe(0);
  });
});

describe('keep-alive', () => {
  it('reuses one connection for 50 sequential requests', async () => {
    const server = await startTestServer(answerOk());
    const recorder = openClient({ origin: server.url, connections: 1 });
    const samples = await sendSequential(recorder, requests({ path: '/hello' }), 50);
    expect(samples).toHaveLength(50);
    samples.forEach((sample, i) => {
      ok(sample);
      expect(sample.intendedAtMs).toBe(i);
      // answerOk tags each response with the server's request index: sent and answered in order.
      expect(sample.requestId).toBe(`req-${i}`);
    });
    expect(recorder.sentCount).toBe(50);
    expect(server.received).toBe(50);
    expect(server.connections).toBe(1);
  });

  it('a `Connection: close` answer closes the connection; every request still succeeds on a new one', async () => {
    const server = await startTestServer((req, res) => {
      req.resume();
      res.writeHead(200, { connection: 'close', 'content-type': 'text/plain' });
      res.end('bye');
    });
    const recorder = openClient({ origin: server.url, connections: 1 });
    const samples = await sendSequential(recorder, requests({ path: '/' }), 5);
    for (const sample of samples) {
      ok(sample);
      expect(sample.bytesReceived).toBe(3);
    }
    expect(server.received).toBe(5);
    expect(server.connections).toBe(5);
  });

  /** Three requests ~400 ms apart against a server closing idle connections after 200 ms. */
  async function spaced(url: string): Promise<Sample[]> {
    const recorder = openClient({ origin: url, connections: 1 });
    const next = requests({ path: '/' });
    const samples: Sample[] = [];
    for (let i = 0; i < 3; i++) {
      if (i > 0) await sleep(400);
      samples.push(...(await sendAll(recorder, next, 1)));
    }
    return samples;
  }

  it('server keepAliveTimeout 200 ms (with its Keep-Alive hint), requests 400 ms apart: no socket errors', async () => {
    const httpServer = createHttpServer();
    httpServer.keepAliveTimeout = 200;
    const server = await startNode(httpServer, 'http', (req, res) => {
      req.resume();
      res.end('ok');
    });
    const samples = await spaced(server.url);
    for (const sample of samples) {
      ok(sample);
      expect(sample.errorCode).not.toBe('SOCKET_CLOSED');
      expect(sample.errorCode).not.toBe('ECONNRESET');
    }
    expect(server.received).toBe(3);
    // node sends `Keep-Alive: timeout=0` (whole seconds): the client trusts the hint and never reuses an idle
    // connection, so one connection per request (node 20 itself keeps the idle socket keepAliveTimeout + 1 s).
    expect(server.connections).toBe(3);
  });

  it('a server that closes idle connections after 200 ms without a Keep-Alive hint: no socket errors', async () => {
    // node 20's own server keeps an idle socket keepAliveTimeout + 1 s, so a raw server closes at exactly 200 ms.
    const idleTimers = new Map<Socket, NodeJS.Timeout>();
    const server = await startRaw((socket) => {
      clearTimeout(idleTimers.get(socket));
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
      idleTimers.set(
        socket,
        setTimeout(() => socket.end(), 200),
      );
    });
    cleanups.push(() => idleTimers.forEach((timer) => clearTimeout(timer)));
    const samples = await spaced(server.url);
    for (const sample of samples) ok(sample);
    expect(server.heads).toHaveLength(3);
    expect(server.connections).toBe(3);
  });
});

describe('response framing', () => {
  it('chunked (several res.write, no content-length): bytesReceived is the de-chunked length, bodyContains spans chunks', async () => {
    let chunkedSeen = 0;
    const server = await startTestServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('alpha-');
      // node frames the body with chunked encoding (no content-length was set).
      if (res.chunkedEncoding) chunkedSeen++;
      setTimeout(() => {
        res.write('bravo-');
        setTimeout(() => {
          res.end('charlie');
        }, 10);
      }, 10);
    });
    const recorder = openClient({ origin: server.url, connections: 1 });
    const samples = await sendSequential(recorder, requests({ path: '/', expect: { bodyContains: 'ha-bravo-ch' } }), 2);
    for (const sample of samples) {
      ok(sample);
      expect(sample.bytesReceived).toBe('alpha-bravo-charlie'.length);
    }
    expect(chunkedSeen).toBe(2);
    // Keep-alive after a chunked body: the second response came on the same connection.
    expect(server.connections).toBe(1);
  });

  it('chunked framing split at awkward places (size line, CRLF, extension, trailer), then a reused connection', async () => {
    const server = await startRaw((socket, index) => {
      if (index === 0) {
        writeSlowly(
          socket,
          [
            'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n',
            '6\r',
            '\nalpha-\r',
            '\n6;ext=1\r\nbra',
            'vo-\r\n7\r\ncharlie\r',
            '\n0\r\n',
            'x-trailer: t\r\n',
            '\r\n',
          ],
          5,
        );
      } else socket.write('HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\nnext');
    });
    const recorder = openClient({ origin: server.url, connections: 1 });
    const [chunked] = await sendAll(recorder, requests({ path: '/', expect: { bodyContains: 'ha-bravo-ch' } }), 1);
    ok(chunked);
    expect(chunked.bytesReceived).toBe('alpha-bravo-charlie'.length);
    const [after] = await sendAll(recorder, requests({ path: '/', expect: { bodyContains: 'next' } }), 1);
    ok(after);
    expect(after.bytesReceived).toBe(4);
    expect(server.connections).toBe(1);
  });

  it('HEAD with content-length: 100 and no body completes with 0 bytes; the next request on the connection works', async () => {
    const server = await startTestServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
      // node sends no body for HEAD, whatever is passed to end().
      res.end(req.method === 'HEAD' ? undefined : 'x'.repeat(100));
    });
    const recorder = openClient({ origin: server.url, connections: 1 });
    const [head] = await sendAll(recorder, requests({ method: 'HEAD', path: '/' }), 1);
    ok(head);
    expect(head.bytesReceived).toBe(0);
    const [get] = await sendAll(recorder, requests({ path: '/', expect: { bodyContains: 'xxxx' } }), 1);
    ok(get);
    expect(get.bytesReceived).toBe(100);
    expect(server.received).toBe(2);
    expect(server.connections).toBe(1);
  });

  it('a body framed only by the connection close (HTTP/1.1, no content-length) is received in full', async () => {
    const body = Buffer.concat([Buffer.alloc(200 * 1024, 'a'), Buffer.from('THE-END')]);
    const pieces: Buffer[] = [];
    for (let at = 0; at < body.length; at += 16 * 1024) pieces.push(body.subarray(at, at + 16 * 1024));
    const server = await startRaw((socket) => {
      writeSlowly(socket, [Buffer.from('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\n'), ...pieces], 1, () => socket.end());
    });
    const recorder = openClient({ origin: server.url, connections: 1 });
    const [sample] = await sendAll(recorder, requests({ path: '/', expect: { bodyContains: 'aaaTHE-END' } }), 1);
    ok(sample);
    expect(sample.bytesReceived).toBe(body.length);
    // And the next request goes on a new connection.
    const [again] = await sendAll(recorder, requests({ path: '/', expect: { bodyContains: 'THE-END' } }), 1);
    ok(again);
    expect(server.connections).toBe(2);
  });
});

describe('pool', () => {
  it('connections: 5 with 20 requests at once to a 100 ms server: all 200, at most 5 at once, at most 5 connections', async () => {
    const server = await startTestServer(answerOk(100));
    const recorder = openClient({ origin: server.url, connections: 5 });
    const startedAtMs = performance.now();
    const samples = await sendAll(recorder, requests({ path: '/' }), 20);
    const tookMs = performance.now() - startedAtMs;
    for (const sample of samples) ok(sample);
    expect(server.received).toBe(20);
    expect(server.maxConcurrent).toBeLessThanOrEqual(5);
    expect(server.connections).toBeLessThanOrEqual(5);
    // 20 requests of 100 ms through 5 sockets: 4 rounds.
    expect(tookMs).toBeGreaterThanOrEqual(380);
    expect(recorder.client.inFlight).toBe(0);
  });

  it('preconnect(3) opens 3 connections before any request; 3 concurrent requests then use them', async () => {
    const server = await startTestServer(answerOk(30));
    const recorder = openClient({ origin: server.url, connections: 3 });
    expect(await recorder.client.preconnect(3)).toBe(3);
    expect(await until(() => server.connections === 3)).toBe(true);
    expect(server.received).toBe(0);
    expect(recorder.done).toHaveLength(0);
    const samples = await sendAll(recorder, requests({ path: '/' }), 3);
    for (const sample of samples) ok(sample);
    expect(server.maxConcurrent).toBe(3);
    expect(server.connections).toBe(3);
  });

  it('a request queued behind a busy connection reports its wait (hand-off to write); its service time starts at the write', async () => {
    const holdMs = 100;
    const server = await startTestServer(answerOk(holdMs));
    const recorder = openClient({ origin: server.url, connections: 1 });
    expect(await recorder.client.preconnect(1)).toBe(1);
    const [first, second] = await sendAll(recorder, requests({ path: '/' }), 2);
    ok(first!);
    ok(second!);
    const [sentFirst, sentSecond] = recorder.sends;
    // The first finds the idle connection at once; the second waits for the first's answer.
    expect(sentFirst!.sentAtMs - sentFirst!.handedAtMs).toBeLessThan(holdMs / 2);
    expect(sentSecond!.sentAtMs - sentSecond!.handedAtMs).toBeGreaterThanOrEqual(holdMs - 5);
    // The sample's send time is the write, so its service time (end − sent) is its own hold, without the wait.
    expect(second!.sentAtMs).toBe(sentSecond!.sentAtMs);
    expect(second!.endedAtMs - second!.sentAtMs).toBeGreaterThanOrEqual(holdMs - 5);
  });

  it('preconnect never opens more than the pool limit', async () => {
    const server = await startTestServer(answerOk());
    const recorder = openClient({ origin: server.url, connections: 2 });
    expect(await recorder.client.preconnect(5)).toBe(2);
    await sleep(50);
    expect(server.connections).toBe(2);
  });
});

describe('request bytes', () => {
  it('POST JSON with a multi-byte char and a custom header; a spec with its own host header', async () => {
    interface Seen {
      headers: IncomingMessage['headers'];
      rawHeaders: string[];
      body: Buffer;
    }
    const seen: Seen[] = [];
    const server = await startTestServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({ headers: req.headers, rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) });
        res.end('done');
      });
    });
    const port = new URL(server.url).port;
    const recorder = openClient({ origin: server.url, connections: 1 });
    const json = { name: 'café', n: 1 };
    const expected = Buffer.from(JSON.stringify(json), 'utf8');
    expect(expected.length).toBe(JSON.stringify(json).length + 1); // 'é' is 2 bytes

    const [post] = await sendAll(recorder, requests({ method: 'POST', path: '/items', headers: { 'x-custom': 'abc-123' }, json }), 1);
    ok(post);
    expect(post.bytesSent).toBe(expected.length);
    expect(seen[0].body.equals(expected)).toBe(true);
    expect(seen[0].headers['content-length']).toBe(String(expected.length));
    expect(seen[0].headers['content-type']).toBe('application/json');
    expect(seen[0].headers['x-custom']).toBe('abc-123');
    expect(seen[0].headers.host).toBe(`127.0.0.1:${port}`);

    const [hosted] = await sendAll(recorder, requests({ path: '/h', headers: { Host: 'api.example.test' } }), 1);
    ok(hosted);
    expect(seen[1].headers.host).toBe('api.example.test');
    expect(seen[1].rawHeaders.filter((_, i) => i % 2 === 0 && seen[1].rawHeaders[i].toLowerCase() === 'host')).toHaveLength(1);

    // A content-length written by the scenario is replaced by the body's real length.
    const [lying] = await sendAll(recorder, requests({ method: 'PUT', path: '/l', headers: { 'Content-Length': '999' }, body: 'é!' }), 1);
    ok(lying);
    expect(seen[2].headers['content-length']).toBe('3');
    expect(seen[2].body.toString('utf8')).toBe('é!');
    expect(seen[2].rawHeaders.filter((_, i) => i % 2 === 0 && seen[2].rawHeaders[i].toLowerCase() === 'content-length')).toHaveLength(1);
    expect(server.connections).toBe(1);
  });
});

describe('broken servers', () => {
  it('an answer that is not HTTP fails with BAD_RESPONSE', async () => {
    const server = await startRaw((socket) => socket.write('HELLO\r\n\r\n'));
    const recorder = openClient({ origin: server.url });
    const [sample] = await sendAll(recorder, requests({ path: '/' }), 1);
    expect(sample.errorCode).toBe('BAD_RESPONSE');
    expect(sample.status).toBe(0);
    expect(server.heads).toHaveLength(1);
  });

  it('half a response head, then the socket destroyed: SOCKET_CLOSED or ECONNRESET, status 0', async () => {
    const server = await startRaw((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Le');
      setTimeout(() => socket.destroy(), 20);
    });
    const recorder = openClient({ origin: server.url });
    const [sample] = await sendAll(recorder, requests({ path: '/' }), 1);
    expect(['SOCKET_CLOSED', 'ECONNRESET']).toContain(sample.errorCode);
    expect(sample.status).toBe(0);
    expect(recorder.client.inFlight).toBe(0);
  });
});

describe('timeout', () => {
  it('a server that never answers: TIMEOUT after timeoutMs, and the connection is closed', async () => {
    const server = await startRaw(() => {});
    const recorder = openClient({ origin: server.url, timeoutMs: 200 });
    const startedAtMs = performance.now();
    const [sample] = await sendAll(recorder, requests({ path: '/' }), 1);
    expect(sample.errorCode).toBe('TIMEOUT');
    expect(sample.status).toBe(0);
    expect(sample.endedAtMs - startedAtMs).toBeGreaterThanOrEqual(200);
    expect(sample.endedAtMs - startedAtMs).toBeLessThan(800);
    expect(server.heads).toHaveLength(1);
    // The request on the wire cannot be told from a later one's: its connection is closed.
    expect(await until(() => server.open === 0)).toBe(true);
  });

  /** connections: 1; request 0 on the wire and request 1 queued both time out in the same sweep. */
  async function queuedTimeout(): Promise<RawServer> {
    const server = await startRaw(() => {});
    const recorder = openClient({ origin: server.url, connections: 1, timeoutMs: 200 });
    // An idle connection first, so the first request is written on `send` itself.
    expect(await recorder.client.preconnect(1)).toBe(1);
    const next = requests({ path: '/' });
    recorder.client.send(next(0), 0, 0);
    recorder.client.send(next(1), 0, 1);
    // Counted from after both sends: each deadline is its own hand-off + 200 ms, and on a busy machine the process can
    // be descheduled between the two sends (a clock started before them let the second deadline fall past the loop,
    // so it expired in a later sweep, after the first had closed the connection: a fresh connection then wrote it).
    const handedAtMs = performance.now();
    expect(recorder.sentCount).toBe(1);
    // Hold the event loop past both deadlines: the timeout sweep cannot run between them, so both expire in the
    // same sweep (the first, on the wire, closes the connection; the second must then be skipped, not written).
    while (performance.now() - handedAtMs < 240) {
      // busy: no timer runs
    }
    const samples = await recorder.waitFor(2);
    expect(samples.map((s) => s.errorCode)).toEqual(['TIMEOUT', 'TIMEOUT']);
    expect(samples.map((s) => s.intendedAtMs)).toEqual([0, 1]);
    // Time for a wrong reconnect-and-write to show.
    await sleep(150);
    expect(server.heads).toHaveLength(1);
    expect(recorder.sentCount).toBe(1);
    expect(recorder.done).toHaveLength(2);
    expect(recorder.client.inFlight).toBe(0);
    return server;
  }

  it('connections: 1, a queued request that times out while the first is stuck is never written', async () => {
    await queuedTimeout();
  });

  it('opens no connection for a queued request that has ended', async () => {
    const server = await queuedTimeout();
    // The first connection was closed with the timed-out request on it; nothing is waiting any more.
    expect(server.connections).toBe(1);
  });
});

describe('unreachable and aborted', () => {
  it('an unreachable port: each of 5 requests ends with ECONNREFUSED and inFlight returns to 0', async () => {
    const port = await closedPort();
    const recorder = openClient({ origin: `http://127.0.0.1:${port}`, connections: 2 });
    const samples = await sendAll(recorder, requests({ path: '/' }), 5);
    expect(samples).toHaveLength(5);
    for (const sample of samples) {
      expect(sample.errorCode).toBe('ECONNREFUSED');
      expect(sample.status).toBe(0);
    }
    expect(new Set(samples.map((s) => s.intendedAtMs))).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(recorder.client.inFlight).toBe(0);
    expect(recorder.sentCount).toBe(0);
  });

  it('failAll ends every request in flight (on the wire and queued) exactly once, queued ones unwritten', async () => {
    const server = await startTestServer((req) => req.resume()); // never answers
    const recorder = openClient({ origin: server.url, connections: 2 });
    const next = requests({ path: '/' });
    for (let i = 0; i < 5; i++) recorder.client.send(next(i), 0, i);
    expect(recorder.client.inFlight).toBe(5);
    expect(await until(() => server.received === 2)).toBe(true);
    recorder.client.failAll('ABORTED');
    expect(recorder.client.inFlight).toBe(0);
    expect(recorder.done).toHaveLength(5);
    for (const { sample } of recorder.done) {
      expect(sample.errorCode).toBe('ABORTED');
      expect(sample.status).toBe(0);
    }
    expect(recorder.done.map((d) => d.sample.intendedAtMs).sort()).toEqual([0, 1, 2, 3, 4]);
    await sleep(100);
    await recorder.client.close();
    expect(recorder.done).toHaveLength(5);
    expect(server.received).toBe(2);
    expect(recorder.sentCount).toBe(2);
  });

  it('ends a request sent after close() as ABORTED at once, without connecting', async () => {
    const server = await startTestServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    const recorder = openClient({ origin: server.url, connections: 2 });
    await recorder.client.close();
    recorder.client.send(requests({ path: '/' })(0), 0, 0);
    expect(recorder.done).toHaveLength(1);
    expect(recorder.done[0].sample.errorCode).toBe('ABORTED');
    expect(recorder.client.inFlight).toBe(0);
    await sleep(50);
    expect(server.connections).toBe(0);
  });
});

describe('lanes', () => {
  it('lanes: 3 gives each lane its own connection, and onDone reports the lane', async () => {
    const server = await startTestServer((req, res) => {
      req.resume();
      // The client's port names the connection.
      setTimeout(() => res.writeHead(200, { 'x-amzn-requestid': String(req.socket.remotePort) }).end('ok'), 30);
    });
    const recorder = openClient({ origin: server.url, lanes: 3 });
    const next = requests({ path: '/' });
    // Two per lane at once; send i goes on lane i % 3.
    for (let i = 0; i < 6; i++) recorder.client.send(next(i), 0, i, i % 3);
    await recorder.waitFor(6);
    const portOfLane = new Map<number, string | undefined>();
    for (const { sample, lane } of recorder.done) {
      ok(sample);
      expect(lane).toBe(sample.intendedAtMs % 3);
      if (portOfLane.has(lane)) expect(sample.requestId).toBe(portOfLane.get(lane));
      else portOfLane.set(lane, sample.requestId);
    }
    expect(portOfLane.size).toBe(3);
    expect(new Set(portOfLane.values()).size).toBe(3);
    expect(server.connections).toBe(3);
    expect(server.maxConcurrent).toBe(3);
    // preconnect is for the open-model pool only.
    expect(await recorder.client.preconnect(3)).toBe(0);
  });
});
