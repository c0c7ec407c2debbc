/**
 * The Runtime API's HTTP/1.1 server, spoken to byte by byte over a raw socket: framing (Content-Length, chunked with
 * trailers), Expect: 100-continue, pipelining in order, holding a coalesced answer, size limits, bad requests.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startWireServer, type WireExchange, type WireServer } from '../../../src/emulator/lambda/runtime-http.js';

let server: WireServer | undefined;
const sockets: net.Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await server?.close();
  server = undefined;
});

async function start(onRequest: (exchange: WireExchange) => void, maxBodyBytes = 1024): Promise<number> {
  server = await startWireServer(onRequest, maxBodyBytes);
  return server.port;
}

/** A raw client: writes bytes, collects everything the server sends. */
async function connect(port: number): Promise<{ socket: net.Socket; received: () => string; waitFor: (text: string | RegExp) => Promise<string>; closed: Promise<void> }> {
  const socket = net.connect({ port, host: '127.0.0.1' });
  sockets.push(socket);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  let data = '';
  const listeners: Array<() => void> = [];
  socket.on('data', (chunk) => {
    data += chunk.toString('latin1');
    for (const l of listeners.splice(0)) l();
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  const waitFor = (text: string | RegExp): Promise<string> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${String(text)}; got ${JSON.stringify(data)}`)), 2_000);
      const check = (): void => {
        if (typeof text === 'string' ? data.includes(text) : text.test(data)) {
          clearTimeout(timer);
          resolve(data);
        } else listeners.push(check);
      };
      check();
    });
  return { socket, received: () => data, waitFor, closed };
}

const answered = (exchange: WireExchange, body = 'ok'): void => exchange.answer({ status: 200, body });

describe('runtime-http wire server', () => {
  it('reads a Content-Length body and answers with Content-Length and the given headers', async () => {
    const seen: WireExchange[] = [];
    const port = await start((ex) => {
      seen.push(ex);
      ex.answer({ status: 202, headers: { 'X-Test': 'yes' }, body: '{"status":"OK"}' });
    });
    const c = await connect(port);
    c.socket.write('POST /a/b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nX-Thing: 1\r\n\r\nhel');
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toHaveLength(0);
    c.socket.write('lo');
    const text = await c.waitFor('{"status":"OK"}');
    expect(seen[0]!.request).toMatchObject({ method: 'POST', target: '/a/b', headers: { host: 'x', 'x-thing': '1' }, bodyTooLarge: false });
    expect(seen[0]!.request.body.toString()).toBe('hello');
    expect(text).toMatch(/^HTTP\/1\.1 202 Accepted\r\n/);
    expect(text).toContain('X-Test: yes\r\n');
    expect(text).toContain('Content-Type: application/json\r\n');
    expect(text).toContain('Content-Length: 15\r\n\r\n{"status":"OK"}');
  });

  it('decodes a chunked body split anywhere, with its trailers', async () => {
    const seen: WireExchange[] = [];
    const port = await start((ex) => {
      seen.push(ex);
      answered(ex);
    });
    const c = await connect(port);
    const wire =
      'POST /r HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTrailer: Lambda-Runtime-Function-Error-Type\r\n\r\n' +
      '5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nLambda-Runtime-Function-Error-Type: Runtime.Boom\r\n\r\n';
    for (let i = 0; i < wire.length; i += 7) {
      c.socket.write(wire.slice(i, i + 7));
      await new Promise((r) => setImmediate(r));
    }
    await c.waitFor('ok');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.request.body.toString()).toBe('hello, world');
    expect(seen[0]!.request.trailers).toEqual({ 'lambda-runtime-function-error-type': 'Runtime.Boom' });
  });

  it('answers Expect: 100-continue before the body is sent', async () => {
    const port = await start((ex) => answered(ex, ex.request.body.toString()));
    const c = await connect(port);
    c.socket.write('POST /r HTTP/1.1\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n');
    await c.waitFor('HTTP/1.1 100 Continue\r\n\r\n');
    c.socket.write('abc');
    const text = await c.waitFor('abc');
    expect(text.indexOf('100 Continue')).toBeLessThan(text.indexOf('200 OK'));
  });

  it('answers pipelined requests in request order, whatever order the answers are given in', async () => {
    const pending: WireExchange[] = [];
    const port = await start((ex) => pending.push(ex));
    const c = await connect(port);
    c.socket.write('GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\nGET /3 HTTP/1.1\r\n\r\n');
    await expect.poll(() => pending.length).toBe(3);
    answered(pending[2]!, 'third');
    answered(pending[1]!, 'second');
    await new Promise((r) => setTimeout(r, 20));
    expect(c.received()).toBe('');
    answered(pending[0]!, 'first');
    const text = await c.waitFor('third');
    expect(text.indexOf('first')).toBeGreaterThan(0);
    expect(text.indexOf('second')).toBeGreaterThan(text.indexOf('first'));
    expect(text.indexOf('third')).toBeGreaterThan(text.indexOf('second'));
  });

  it('holds a coalesced answer until the pipelined request behind it is answered, and sends it at once otherwise', async () => {
    const pending: WireExchange[] = [];
    const port = await start((ex) => pending.push(ex));
    const c = await connect(port);
    // Pipelined: POST then GET in one segment.
    c.socket.write('POST /response HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}GET /next HTTP/1.1\r\n\r\n');
    await expect.poll(() => pending.length).toBe(2);
    pending[0]!.answer({ status: 202, body: 'accepted', coalesce: true });
    await new Promise((r) => setTimeout(r, 30));
    expect(c.received()).toBe('');
    answered(pending[1]!, 'event');
    const text = await c.waitFor('event');
    expect(text.indexOf('accepted')).toBeGreaterThan(0);
    expect(text.indexOf('accepted')).toBeLessThan(text.indexOf('event'));

    // Not pipelined: nothing behind it, so it goes out now.
    c.socket.write('POST /response HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}');
    await expect.poll(() => pending.length).toBe(3);
    pending[2]!.answer({ status: 202, body: 'second-accepted', coalesce: true });
    await c.waitFor('second-accepted');
  });

  it('drains a body above the limit, flags it and keeps serving the connection', async () => {
    const seen: WireExchange[] = [];
    const port = await start((ex) => {
      seen.push(ex);
      answered(ex, `len=${ex.request.body.length} tooLarge=${ex.request.bodyTooLarge}`);
    }, 10);
    const c = await connect(port);
    c.socket.write(`POST /big HTTP/1.1\r\nContent-Length: 50\r\n\r\n${'x'.repeat(50)}GET /after HTTP/1.1\r\n\r\n`);
    const text = await c.waitFor('len=0 tooLarge=false');
    expect(text).toContain('len=0 tooLarge=true');
    expect(seen.map((ex) => ex.request.target)).toEqual(['/big', '/after']);
  });

  it('answers 400 to a malformed request line and closes; 431 to a head that never ends', async () => {
    const port = await start((ex) => answered(ex));
    const bad = await connect(port);
    bad.socket.write('NONSENSE\r\n\r\n');
    await bad.closed;
    expect(bad.received()).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n[\s\S]*Connection: close\r\n/);

    const huge = await connect(port);
    huge.socket.write(`GET / HTTP/1.1\r\nX-Long: ${'a'.repeat(70 * 1024)}`);
    await huge.closed;
    expect(huge.received()).toMatch(/^HTTP\/1\.1 431 /);
  });

  it('closes after answering a Connection: close request; `open` turns false when the client goes away', async () => {
    const pending: WireExchange[] = [];
    const port = await start((ex) => pending.push(ex));
    const c = await connect(port);
    c.socket.write('GET /x HTTP/1.1\r\nConnection: close\r\n\r\n');
    await expect.poll(() => pending.length).toBe(1);
    answered(pending[0]!, 'bye');
    await c.closed;
    expect(c.received()).toContain('Connection: close\r\n');

    const gone = await connect(port);
    gone.socket.write('GET /wait HTTP/1.1\r\n\r\n');
    await expect.poll(() => pending.length).toBe(2);
    expect(pending[1]!.open).toBe(true);
    gone.socket.destroy();
    await expect.poll(() => pending[1]!.open).toBe(false);
  });
});
