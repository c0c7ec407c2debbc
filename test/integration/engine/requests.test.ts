/**
 * What goes on the wire and what comes back into the sample: method, base path, templated path / query / headers /
 * body, weights, expectations, the cold/warm and request-id headers, and byte counts. The server records every
 * request and tags each response with its own id, so a sample is joined to the request the server saw.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingHttpHeaders } from 'node:http';
import type { Sample } from '../../../src/records/sample.js';
import type { RequestSpec } from '../../../src/scenario/types.js';
import { collect } from './collect.js';
import { startServer, type TestServer } from './servers.js';

interface Seen {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
  /** Response body sent back. */
  answer: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const seen = new Map<string, Seen>();
let server: TestServer;

beforeAll(async () => {
  server = await startServer((req, res, index) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://test');
      const id = `r-${index}`;
      let status = 200;
      let answer = 'item';
      // Raw header order on purpose: the HTTP API id comes first, the REST id must still win.
      const headers: Record<string, string> = { 'content-type': 'text/plain', 'apigw-requestid': id };
      if (req.method === 'POST') {
        status = 201;
        answer = '{"created":true}';
        headers['x-lambdaload-start'] = 'cold; init-ms=80.5; env=e-2';
      } else if (url.pathname === '/dev/fail') {
        status = 500;
        answer = 'boom';
      } else if (url.pathname === '/dev/text') {
        answer = 'just some text';
      } else if (req.method === 'PUT') {
        answer = `echo ${Buffer.concat(chunks).toString('utf8')}`;
        headers['x-amzn-RequestId'] = id;
        headers['apigw-requestid'] = 'not-this-one';
      } else {
        headers['x-lambdaload-start'] = 'warm; env=e-1';
      }
      seen.set(id, { method: req.method ?? '', url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answer });
      res.writeHead(status, headers);
      res.end(answer);
    });
  });
});
afterAll(() => server.close());

function seenBy(sample: Sample): Seen {
  expect(sample.requestId).toBeDefined();
  const request = seen.get(sample.requestId!);
  expect(request, `server record of ${sample.requestId}`).toBeDefined();
  return request!;
}

describe('requests on the wire', () => {
  it('expands templates, sends query lists, headers and JSON bodies, and splits by weight', async () => {
    const requests: RequestSpec[] = [
      {
        name: 'get item',
        path: '/items/{{seq}}',
        query: { tag: ['a b', 'c'], id: '{{randomInt}}' },
        headers: { 'x-trace': '{{uuid}}', 'x-seq': '{{seq}}' },
        weight: 3,
        expect: { status: [200], bodyContains: 'item' },
      },
      { name: 'create', path: 'items', json: { id: '{{uuid}}', seq: '{{seq}}', nested: { n: 1 } }, weight: 1, expect: { status: 201 } },
    ];
    const { summary, samples } = await collect({
      baseUrl: `${server.url}/dev/`,
      phases: [{ type: 'constant', rate: 200, durationMs: 1_000 }],
      requests,
      seed: 5,
    });
    expect(summary.sent).toBe(200);
    expect(samples).toHaveLength(200);

    // 3:1 (smooth weighted round-robin: exact over every cycle of 4).
    const gets = samples.filter((s) => s.requestIndex === 0);
    const posts = samples.filter((s) => s.requestIndex === 1);
    expect(gets.length).toBeGreaterThanOrEqual(145);
    expect(gets.length).toBeLessThanOrEqual(155);
    expect(gets.length + posts.length).toBe(200);

    const seqs: number[] = [];
    const uuids = new Set<string>();
    for (const s of gets) {
      const request = seenBy(s);
      expect(request.method).toBe('GET');
      const match = /^\/dev\/items\/(\d+)$/.exec(request.url.pathname);
      expect(match, request.url.pathname).not.toBeNull();
      const seq = Number(match![1]);
      seqs.push(seq);
      // One value per variable per request, wherever it appears.
      expect(request.headers['x-seq']).toBe(String(seq));
      expect(request.url.searchParams.getAll('tag')).toEqual(['a b', 'c']);
      expect(request.url.search).toMatch(/^\?tag=a%20b&tag=c&id=\d+$/);
      const id = Number(request.url.searchParams.get('id'));
      expect(Number.isInteger(id) && id >= 0 && id < 1e9).toBe(true);
      const trace = String(request.headers['x-trace']);
      expect(trace).toMatch(UUID);
      uuids.add(trace);
      expect(request.body).toBe('');
      expect(s).toMatchObject({ status: 200, startHeader: 'warm; env=e-1', bytesSent: 0, bytesReceived: 4 });
      expect(s.expectationFailed).toBeUndefined();
    }
    for (const s of posts) {
      const request = seenBy(s);
      expect(request.method).toBe('POST');
      expect(request.url.pathname).toBe('/dev/items');
      expect(request.headers['content-type']).toBe('application/json');
      expect(Number(request.headers['content-length'])).toBe(Buffer.byteLength(request.body));
      const body = JSON.parse(request.body) as { id: string; seq: string; nested: { n: number } };
      expect(body.id).toMatch(UUID);
      expect(body.nested).toEqual({ n: 1 });
      uuids.add(body.id);
      seqs.push(Number(body.seq));
      expect(s).toMatchObject({ status: 201, startHeader: 'cold; init-ms=80.5; env=e-2', bytesReceived: '{"created":true}'.length });
      expect(s.bytesSent).toBe(Buffer.byteLength(request.body));
      expect(s.expectationFailed).toBeUndefined();
    }
    // {{seq}} numbers the run's requests 0, 1, 2, ... across all request kinds; every {{uuid}} is new.
    expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(uuids.size).toBe(200);
  });

  it('sends raw bodies, checks expectations, and prefers the REST request id', async () => {
    const requests: RequestSpec[] = [
      { name: 'raw', method: 'PUT', path: '/raw', body: 'hello {{seq}} é', headers: { 'content-type': 'text/plain; charset=utf-8' }, expect: { bodyContains: 'echo hello' } },
      { name: 'status not listed', path: '/items/1', expect: { status: [201, 202] } },
      { name: 'body lacks text', path: '/text', expect: { bodyContains: 'absent' } },
      { name: 'default rule, 500', path: '/fail' },
      { name: 'default rule, 200', path: '/text' },
    ];
    const { samples } = await collect({
      baseUrl: `${server.url}/dev`,
      phases: [{ type: 'constant', rate: 100, durationMs: 500 }],
      requests,
    });
    expect(samples).toHaveLength(50);
    const of = (index: number): Sample[] => samples.filter((s) => s.requestIndex === index);
    [0, 1, 2, 3, 4].forEach((i) => expect(of(i)).toHaveLength(10));

    for (const s of of(0)) {
      expect(s.requestId).toMatch(/^r-\d+$/);
      const request = seenBy(s);
      expect(request.method).toBe('PUT');
      expect(request.body).toMatch(/^hello \d+ é$/);
      expect(request.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(s.bytesSent).toBe(Buffer.byteLength(request.body));
      expect(s.bytesReceived).toBe(Buffer.byteLength(request.answer));
      expect(s.expectationFailed).toBeUndefined();
      expect(s.startHeader).toBeUndefined();
    }
    expect(of(1).every((s) => s.status === 200 && s.expectationFailed === true)).toBe(true);
    expect(of(2).every((s) => s.status === 200 && s.expectationFailed === true)).toBe(true);
    expect(of(3).every((s) => s.status === 500 && s.expectationFailed === true && s.errorCode === undefined)).toBe(true);
    expect(of(4).every((s) => s.status === 200 && s.expectationFailed === undefined)).toBe(true);
    // Which check failed, and what the server said, for the error table; nothing kept of passing responses.
    expect(of(1).every((s) => s.failedCheck === 'status' && s.errorBody === 'item')).toBe(true);
    expect(of(2).every((s) => s.failedCheck === 'body' && s.errorBody === 'just some text')).toBe(true);
    expect(of(3).every((s) => s.failedCheck === 'status' && s.errorBody === 'boom')).toBe(true);
    expect([...of(0), ...of(4)].every((s) => s.failedCheck === undefined && s.errorBody === undefined)).toBe(true);
  });
});
