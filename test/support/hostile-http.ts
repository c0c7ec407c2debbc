/**
 * Hostile HTTP/1.1 for the emulator's two HTTP fronts (issue 18, "Hostile HTTP at the emulator"): fast-check
 * generators of raw requests, a `node:net` client that writes them to 127.0.0.1 and reads back whatever comes, a
 * strict parser of what comes back, and the rules an answer must follow. Used by
 * test/integration/emulator-server/fuzz.test.ts (a few thousand requests) and by the bench's long variant
 * (bench/children/fuzz-client.ts, 100,000 and more).
 *
 * What is well-formed (the properties both check):
 * - Every byte the server sends parses as a sequence of HTTP/1.1 responses: a status line, header fields, a body framed
 *   by Content-Length, chunked coding or the close. Interim 1xx answers (`Expect: 100-continue`) are allowed.
 * - API Gateway front: an answer carrying the API's request-id headers (REST `x-amzn-RequestId` + `x-amz-apigw-id`,
 *   HTTP API `Apigw-Requestid`) is a 200 from the function, or exactly one of the errors gateway-errors.ts lists for
 *   the API type (REST's 413 is AWS's plain text, not JSON), or the non-proxy 400 `{"message": …}`.
 *   Invoke API (/2015-03-31/): 200/202/204, or `x-amzn-ErrorType` with a JSON `{"Type", "message"|"Message"}`.
 *   Admin (/__lambdaload/): a 200 JSON, or 404 `{"message":"Not Found"}`.
 * - Node's own refusal of a request it cannot parse or will not take, before the emulator sees it (llhttp and
 *   node:http: 400 bad syntax or no Host, 431 head over 16 KiB, 413 chunk extensions too long, 417 unknown Expect,
 *   408, 505): one of those statuses with an empty body and no request id. API Gateway's edge would refuse such bytes
 *   too; its exact answer is not the emulator's to copy.
 * - Runtime API: `{"errorMessage": …, "errorType": …}` with 400/403/404/413, or the wire server's refusal (400 or 431,
 *   empty body, `Connection: close`). Never a 2xx: the fuzz never holds the request id of a running invocation.
 * - Or the socket closes (a reset included), with two exceptions: a well-formed request on a socket the client keeps
 *   open must be answered (`after: 'answers'`), and a head or framing line beyond the server's limit must be refused
 *   while the client still sends (`after: 'refused'`): a server must not buffer without bound.
 *
 * What is not checked here: Node answers pipelined garbage with one 400 and drops the answers still owed to the
 * well-formed requests before it (its default `clientError` handling): the client sees a closed connection, which
 * HTTP clients retry. A client that half-closes right after its request gets no answer from node:http (it ends the
 * connection on the client's FIN): also a closed socket.
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { METHODS } from 'node:http';
import net from 'node:net';
import fc from 'fast-check';
import { GATEWAY_ERRORS } from '../../src/emulator/gateway/gateway-errors.js';
import type { ApiType, EmulatorTarget } from '../../src/scenario/types.js';

/** One generated exchange: the bytes written (latin1 strings: one character per byte, readable in a counterexample). */
export interface HostileRequest {
  /** What it exercises; outcomes are counted by it. */
  kind: string;
  /** Written in order, one `write` each. */
  writes: string[];
  /**
   * After the writes: `answers` waits for `answers` final answers (or the close), then half-closes; `half-close` ends
   * the client's side at once; `refused` keeps the socket open: the server must answer or close on its own.
   */
  after: 'answers' | 'half-close' | 'refused';
  /** Final answers a correct server must give (`after: 'answers'`). */
  answers: number;
  /** HEAD requests among the first ones, in order: their answers carry no body. */
  heads: boolean[];
}

// ---------------------------------------------------------------------------------------------------------------
// The target

/**
 * The emulator the fuzz runs against: a hello function behind a few routes (a literal, a parameter, a greedy one and,
 * for REST, a non-proxy integration), and `probe` (node-cjs: returns its AWS_LAMBDA_RUNTIME_API and pid), reached
 * only through the Lambda service, whose environment's Runtime API is fuzzed. One environment each (reserved
 * concurrency 1: concurrent requests beyond it are Lambda throttles, answered 500 as AWS does) and one spare each,
 * so the process and descriptor counts have a fixed ceiling. `fixtures`: test/fixtures as seen from the scenario's
 * folder.
 */
export function fuzzTarget(apiType: ApiType, fixtures: string): EmulatorTarget {
  return {
    type: 'emulator',
    api: apiType === 'rest' ? { type: 'rest', stage: 'dev' } : { type: 'http' },
    functions: {
      hello: { code: `${fixtures}/cli/functions/hello`, handler: 'index.handler', cpu: 'host', reservedConcurrency: 1 },
      probe: { code: `${fixtures}/functions/node-cjs`, handler: 'index.handler', cpu: 'host', reservedConcurrency: 1 },
    },
    routes: [
      { method: 'GET', path: '/hello', function: 'hello' },
      { method: 'ANY', path: '/items/{id}', function: 'hello' },
      { method: 'ANY', path: '/any/{proxy+}', function: 'hello' },
      { method: 'POST', path: '/raw', function: 'hello', integration: apiType === 'rest' ? 'lambda' : 'proxy' },
    ],
    spareRuntimes: 1,
  };
}

/** The stage prefix of `fuzzTarget`'s API (REST stage `dev`; the HTTP API's `$default` stage has none). */
export function stagePrefixOf(apiType: ApiType): string {
  return apiType === 'rest' ? '/dev' : '';
}

// ---------------------------------------------------------------------------------------------------------------
// Generators

const CRLF = '\r\n';
/** Methods node:http takes (CONNECT wants an authority and an 'connect' listener: it is garbage here). */
const METHODS_TAKEN = METHODS.filter((m) => m !== 'CONNECT');
/** Names that break code using plain objects as maps. */
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', 'length'];
/** Header fields whose presence changes the framing or the connection: set only where a generator means to. */
const FRAMING_FIELDS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'expect', 'upgrade', 'keep-alive', 'te', 'trailer']);

const utf8AsLatin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
const bytesAsLatin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

const fieldName = fc
  .oneof(
    { weight: 2, arbitrary: fc.constantFrom('Content-Type', 'Accept', 'User-Agent', 'Cookie', 'X-Forwarded-For', 'X-Amzn-Trace-Id', 'X-Forwarded-Proto', 'X-Forwarded-Port', 'Authorization', 'Content-Encoding', 'X-Amz-Invocation-Type', 'X-Amz-Log-Type', 'X-Amz-Client-Context', 'Lambda-Runtime-Function-Error-Type', 'cookie', 'content-type') },
    { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
    { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,24}$/) },
  )
  .filter((name) => !FRAMING_FIELDS.has(name.toLowerCase()));

const fieldValue = fc.oneof(
  fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,40}[\x21-\x7e])?$/),
  fc.constantFrom('', 'application/json', 'text/plain; charset=utf-8', 'application/octet-stream', 'image/png', 'multipart/form-data; boundary=x', 'a=1; __proto__=2; constructor=3', 'Tail', 'Event', 'DryRun', 'RequestResponse', 'bogus', '127.0.0.1, 10.0.0.1', 'Root=1-00000000-000000000000000000000000', 'eyJ9', '%zz'),
);

const segment = fc.oneof(
  fc.constantFrom('hello', 'items', 'raw', 'dev', '..', '.', '', '%', '%zz', '%E0%A4', '%00', '%2F', '%252F', '%ff%fe', '{proxy+}', '$default', '2015-03-31', 'functions', 'invocations', '__lambdaload', 'stats', ...PROTOTYPE_NAMES),
  fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=:@%-]{0,24}$/),
);
const queryPart = fc.oneof(fc.constantFrom('a', '', '+', '%zz', '%', 'a+b', '%26', 'Qualifier', '$LATEST', ...PROTOTYPE_NAMES), fc.stringMatching(/^[A-Za-z0-9._~!$'()*+,;:@%/?-]{0,16}$/));
const query = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.array(fc.tuple(queryPart, fc.option(queryPart)), { minLength: 1, maxLength: 6 }).map((pairs) => `?${pairs.map(([k, v]) => (v === null ? k : `${k}=${v}`)).join('&')}`) },
);
const functionName = fc.oneof(
  fc.constantFrom('hello', 'function', 'nope', '', 'hello:$LATEST', 'hello:1', 'arn:aws:lambda:us-east-1:123456789012:function:hello', '123456789012:function:hello', '%zz', '%68ello', ...PROTOTYPE_NAMES),
  fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=:@%-]{1,40}$/),
);

/** A request target of visible ASCII that node:http takes: routes of the fuzz target, garbage around them, the other fronts. */
function wellFormedTarget(stagePrefix: string): fc.Arbitrary<string> {
  const segments = fc.array(segment, { maxLength: 8 }).map((s) => `/${s.join('/')}`);
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom('/hello', '/hello/', '/items/1', '/items/%E2%82%AC', '/items/a%2Fb', '/raw', '/any/deep/path'), query).map(([p, q]) => stagePrefix + p + q) },
    { weight: 3, arbitrary: fc.tuple(segments, query).map(([p, q]) => stagePrefix + p + q) },
    { weight: 1, arbitrary: fc.tuple(segments, query).map(([p, q]) => p + q) },
    { weight: 1, arbitrary: fc.tuple(functionName, query).map(([n, q]) => `/2015-03-31/functions/${n}/invocations${q}`) },
    { weight: 1, arbitrary: fc.tuple(segment, query).map(([s, q]) => `/__lambdaload/${s}${q}`) },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 8_000 }).map((n) => `${stagePrefix}/${'a'.repeat(n)}`) },
    { weight: 1, arbitrary: segments.map((p) => `http://127.0.0.1${stagePrefix}${p}`) },
    { weight: 1, arbitrary: fc.constantFrom('*', '//', '/?', '/#x', `${stagePrefix}/hello#frag`, `${stagePrefix}//hello`, `${stagePrefix}/./hello`, `${stagePrefix}/../dev/hello`) },
  );
}

const body = fc.oneof(
  fc.constant(''),
  fc.json({ maxDepth: 3 }).map(utf8AsLatin1),
  fc.string({ unit: 'grapheme', maxLength: 200 }).map(utf8AsLatin1),
  // Invalid UTF-8 and other bytes, under any content type.
  fc.uint8Array({ maxLength: 2_000 }).map(bytesAsLatin1),
  fc.constantFrom('{', '{"a":', '\xff\xfe{}', '\xc3\x28', '\xed\xa0\x80', 'null', '[]', '"x"', 'a=1&b=2'),
);

interface Framed {
  headers: string;
  payload: string;
}

/** Content-Length or chunked framing of `data`, chunk sizes from `cuts`, maybe with extensions and trailers. */
function frame(data: string, chunked: boolean, cuts: number[], extras: boolean): Framed {
  if (!chunked) return { headers: `Content-Length: ${data.length}${CRLF}`, payload: data };
  let payload = '';
  let at = 0;
  for (const cut of [...cuts.map((c) => c % (data.length + 1)), data.length].sort((a, b) => a - b)) {
    if (cut <= at) continue;
    payload += `${(cut - at).toString(16)}${extras ? ';ext=1' : ''}${CRLF}${data.slice(at, cut)}${CRLF}`;
    at = cut;
  }
  payload += `0${CRLF}${extras ? `X-Trailer: 1${CRLF}` : ''}${CRLF}`;
  return { headers: `Transfer-Encoding: chunked${CRLF}`, payload };
}

export interface Plain {
  method: string;
  target: string;
  bytes: string;
  closes: boolean;
}

/** A request node:http takes whole, and the Runtime API's wire server too. */
function plainRequest(target: fc.Arbitrary<string>, method: fc.Arbitrary<string>, options: { mayClose: boolean }): fc.Arbitrary<Plain> {
  return fc
    .record({
      method,
      target,
      fields: fc.array(fc.tuple(fieldName, fieldValue), { maxLength: 24 }),
      body,
      chunked: fc.boolean(),
      cuts: fc.array(fc.nat(), { maxLength: 4 }),
      extras: fc.boolean(),
      expectContinue: fc.boolean(),
      http10: fc.boolean(),
      close: fc.boolean(),
    })
    .map((r) => {
      const http10 = options.mayClose && r.http10 && !r.chunked;
      const close = options.mayClose && r.close;
      const framed = r.body === '' && !r.chunked ? { headers: '', payload: '' } : frame(r.body, r.chunked, r.cuts, r.extras);
      let head = `${r.method} ${r.target} HTTP/${http10 ? '1.0' : '1.1'}${CRLF}Host: 127.0.0.1${CRLF}`;
      for (const [name, value] of r.fields) head += `${name}: ${value}${CRLF}`;
      if (r.expectContinue && framed.payload !== '') head += `Expect: 100-continue${CRLF}`;
      if (close) head += `Connection: close${CRLF}`;
      else if (http10) head += `Connection: keep-alive${CRLF}`;
      return { method: r.method, target: r.target, bytes: head + framed.headers + CRLF + framed.payload, closes: close };
    });
}

/** Splits `bytes` into writes at the given offsets (TCP may split anywhere; parsers must not care). */
function split(bytes: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % bytes.length))].filter((c) => c > 0).sort((a, b) => a - b);
  const writes: string[] = [];
  let at = 0;
  for (const p of points) {
    writes.push(bytes.slice(at, p));
    at = p;
  }
  writes.push(bytes.slice(at));
  return writes;
}

/** Well-formed requests, one or pipelined, split anywhere: each must be answered. */
function answered(kind: string, request: fc.Arbitrary<Plain>, maxPipelined: number): fc.Arbitrary<HostileRequest> {
  return fc.tuple(fc.array(request, { minLength: 1, maxLength: maxPipelined }), fc.array(fc.nat(), { maxLength: 4 })).map(([requests, cuts]) => {
    // A request that asks to close ends the pipeline: nothing after it is read.
    const end = requests.findIndex((r) => r.closes);
    const taken = end === -1 ? requests : requests.slice(0, end + 1);
    return {
      kind: taken.length > 1 ? `${kind} (pipelined)` : kind,
      writes: split(taken.map((r) => r.bytes).join(''), cuts),
      after: 'answers',
      answers: taken.length,
      heads: taken.map(isHead),
    };
  });
}

/** Bytes to send, and which of the requests they start with are HEADs (the answer to a HEAD has no body). */
interface Sent {
  bytes: string;
  heads: boolean[];
}

const sent = (bytes: string, heads: boolean[] = []): Sent => ({ bytes, heads });
const isHead = (r: Plain) => r.method === 'HEAD';

/** Bytes, then the client's end at once. */
function halfClosed(kind: string, arb: fc.Arbitrary<Sent>): fc.Arbitrary<HostileRequest> {
  return fc.tuple(arb, fc.array(fc.nat(), { maxLength: 3 })).map(([{ bytes, heads }, cuts]) => ({
    kind,
    writes: bytes === '' ? [] : split(bytes, cuts),
    after: 'half-close',
    answers: 0,
    heads,
  }));
}

function refused(kind: string, bytes: fc.Arbitrary<string>): fc.Arbitrary<HostileRequest> {
  return bytes.map((b) => ({ kind, writes: [b], after: 'refused', answers: 0, heads: [] }));
}

const garbageToken = fc.oneof(
  fc.constantFrom('get', 'GETT', 'G ET', 'PRI', 'HTTP/1.1', '', ' ', 'CONNECT', 'GET\x00', 'P\xc3\xb6ST', 'DELETE\t', 'HEADER', '\x16\x03\x01'),
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 12 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).map(utf8AsLatin1),
);

/** Bytes that are almost a request: one part broken. */
function brokenRequest(stagePrefix: string): fc.Arbitrary<string> {
  const line = (method: string, target: string, version = 'HTTP/1.1') => `${method} ${target} ${version}${CRLF}Host: 127.0.0.1${CRLF}`;
  const hello = `${stagePrefix}/hello`;
  return fc.oneof(
    // methods
    garbageToken.map((m) => `${line(m, hello)}${CRLF}`),
    // targets: unicode, controls, spaces, fragments, nothing
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map((s) => `${line('GET', utf8AsLatin1(`${hello}/${s}`))}${CRLF}`),
    fc.constantFrom(' ', '\x00', '\x7f', '\t', '\x1b[0m', '"', '<>', '\\', '{}', '|', '^', '`').map((c) => `${line('GET', `${hello}${c}x`)}${CRLF}`),
    fc.constantFrom('', 'hello', '?', 'dev/hello').map((t) => `${line('GET', t)}${CRLF}`),
    // versions
    fc.constantFrom('HTTP/2.0', 'HTTP/1.2', 'HTTP/1', 'HTTP/9.9', 'http/1.1', 'FOO/1.1', 'HTTP/1.1 extra', '', 'HTTP/1.10').map((v) => `${line('GET', hello, v)}${CRLF}`),
    // header lines
    fc
      .constantFrom('NoColon', ': no name', 'Bad Name: x', 'Bad\x00Name: x', 'X: \x00', 'X: a\rb', 'X: a\x7fb', 'X-\xe9: 1', ' folded: line', 'X: 1\r\n continued', 'X:\x01', '\xff\xfe: x', 'Host: a\r\nHost: b', 'X: \xe9\xe8')
      .map((h) => `${line('GET', hello)}${h}${CRLF}${CRLF}`),
    // no Host, bare LF line endings, a bare CR
    fc.constantFrom(`GET ${hello} HTTP/1.1${CRLF}${CRLF}`, `GET ${hello} HTTP/1.1\nHost: x\n\n`, `GET ${hello} HTTP/1.1\rHost: x\r\r`, `${CRLF}${CRLF}${CRLF}`, `GET ${hello}${CRLF}${CRLF}`),
    // Content-Length that lies or is not a number
    fc.tuple(fc.constantFrom('-1', 'abc', '1.5', '+5', '0x10', '1e3', ' 5', '5 5', '99999999999999999999', '5, 6', ''), body).map(([cl, b]) => `${line('POST', hello)}Content-Length: ${cl}${CRLF}${CRLF}${b}`),
    fc.tuple(fc.nat({ max: 2_000 }), body).map(([extra, b]) => `${line('POST', hello)}Content-Length: ${b.length + extra + 1}${CRLF}${CRLF}${b}`),
    fc.tuple(fc.nat({ max: 50 }), body).filter(([, b]) => b.length > 0).map(([less, b]) => `${line('POST', hello)}Content-Length: ${Math.max(0, b.length - less - 1)}${CRLF}${CRLF}${b}`),
    body.map((b) => `${line('POST', hello)}Content-Length: ${b.length}${CRLF}Content-Length: ${b.length + 1}${CRLF}${CRLF}${b}`),
    body.map((b) => `${line('POST', hello)}Content-Length: ${b.length}${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}${b}`),
    // chunked garbage
    fc
      .tuple(
        fc.constantFrom('chunked', 'Chunked', 'gzip, chunked', 'chunked, gzip', 'chunked, chunked', ' chunked', 'identity', 'xchunked', 'chunked;x=1'),
        fc.constantFrom('zz\r\nab\r\n0\r\n\r\n', '2\r\nabc\r\n0\r\n\r\n', '-1\r\n\r\n', 'ffffffffffffffffff\r\nx\r\n', '2;\x00\r\nab\r\n0\r\n\r\n', '3\r\nabc0\r\n\r\n', '0\r\nBad Trailer\r\n\r\n', '0\r\n\r\nGARBAGE', '\r\n', '1\nx\n0\n\n', '0x1\r\na\r\n0\r\n\r\n', '1 \r\na\r\n0\r\n\r\n'),
      )
      .map(([te, chunks]) => `${line('POST', hello)}Transfer-Encoding: ${te}${CRLF}${CRLF}${chunks}`),
    fc.integer({ min: 1, max: 5_000 }).map((n) => `${line('POST', hello)}Transfer-Encoding: chunked${CRLF}${CRLF}${'0'.repeat(n)}1${CRLF}x${CRLF}0${CRLF}${CRLF}`),
    // other framing and connection games
    fc.constantFrom(
      `${line('GET', hello)}Connection: Upgrade${CRLF}Upgrade: websocket${CRLF}${CRLF}`,
      `${line('GET', hello)}Connection: Upgrade${CRLF}Upgrade: h2c${CRLF}HTTP2-Settings: AAMAAABkAAQAAP__${CRLF}${CRLF}`,
      `CONNECT 127.0.0.1:1 HTTP/1.1${CRLF}Host: 127.0.0.1:1${CRLF}${CRLF}`,
      `PRI * HTTP/2.0${CRLF}${CRLF}SM${CRLF}${CRLF}`,
      `${line('GET', hello)}Expect: the-unexpected${CRLF}${CRLF}`,
      `${line('POST', hello)}Expect: 100-continue${CRLF}Content-Length: 5${CRLF}${CRLF}`,
      `${line('GET', hello)}Connection: close, keep-alive, upgrade${CRLF}${CRLF}`,
      `${line('GET', hello)}Content-Encoding: gzip${CRLF}Content-Length: 4${CRLF}${CRLF}\x1f\x8b\x00\x00`,
    ),
  );
}

/** One well-formed request for the API Gateway front, its parts kept apart: for properties relating two forms of it. */
export function wellFormedGatewayRequest(stagePrefix: string): fc.Arbitrary<Plain> {
  return plainRequest(wellFormedTarget(stagePrefix), fc.constantFrom(...METHODS_TAKEN), { mayClose: true });
}

/** fast-check prints a counterexample with this: long runs shortened, not 300 KB of them. */
function printable(request: HostileRequest): HostileRequest {
  return Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) });
}

/** Requests for the API Gateway front (and the Invoke and admin paths that share its port). */
export function gatewayRequests(stagePrefix: string): fc.Arbitrary<HostileRequest> {
  const target = wellFormedTarget(stagePrefix);
  const taken = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('GET', 'POST') }, { weight: 2, arbitrary: fc.constantFrom(...METHODS_TAKEN) });
  const single = plainRequest(target, taken, { mayClose: true });
  const pipelinable = plainRequest(target, taken, { mayClose: false });
  const wellFormed = plainRequest(target, taken, { mayClose: true });
  return fc.oneof(
    { weight: 6, arbitrary: answered('well-formed', single, 1) },
    { weight: 2, arbitrary: answered('well-formed', pipelinable, 6) },
    { weight: 5, arbitrary: halfClosed('broken', brokenRequest(stagePrefix).map((b) => sent(b))) },
    // Half-closed sockets: the client ends after part of a request (or after a whole one).
    { weight: 2, arbitrary: halfClosed('half-closed', fc.tuple(wellFormed, fc.nat()).map(([r, n]) => sent(r.bytes.slice(0, n % (r.bytes.length + 1)), [isHead(r)]))) },
    // Pipelined garbage: well-formed requests, then broken ones or random bytes.
    {
      weight: 2,
      arbitrary: halfClosed(
        'pipelined garbage',
        fc
          .tuple(fc.array(wellFormed, { minLength: 1, maxLength: 3 }), fc.oneof(brokenRequest(stagePrefix), fc.uint8Array({ minLength: 1, maxLength: 500 }).map(bytesAsLatin1)))
          .map(([ok, bad]) => sent(ok.map((r) => r.bytes).join('') + bad, ok.map(isHead))),
      ),
    },
    { weight: 1, arbitrary: halfClosed('random bytes', fc.uint8Array({ maxLength: 2_000 }).map((b) => sent(bytesAsLatin1(b)))) },
    { weight: 1, arbitrary: refused('head over the limit', headFlood(`${stagePrefix}/hello`)) },
    { weight: 1, arbitrary: refused('framing line over the limit', framingFlood(`${stagePrefix}/hello`)) },
  ).map(printable);
}

/** Heads past any server's limit (node:http 16 KiB, the wire server 64 KiB): a header flood, one huge value, a huge target. */
function headFlood(target: string): fc.Arbitrary<string> {
  const start = (t: string) => `GET ${t} HTTP/1.1${CRLF}Host: 127.0.0.1${CRLF}`;
  return fc.oneof(
    fc.tuple(fc.integer({ min: 7_000, max: 12_000 }), fc.integer({ min: 1, max: 20 })).map(([n, width]) => start(target) + Array.from({ length: n }, (_, i) => `X-${i}: ${'v'.repeat(width)}${CRLF}`).join('')),
    fc.integer({ min: 70_000, max: 200_000 }).map((n) => `${start(target)}X-Big: ${'b'.repeat(n)}${CRLF}`),
    fc.integer({ min: 70_000, max: 200_000 }).map((n) => start(`${target}/${'p'.repeat(n)}`)),
  );
}

/**
 * A chunked body whose size line (a size past any integer), extension or trailer line never ends. (A run of zeros
 * is another matter: llhttp reads it as it comes, holding nothing, as it would a slow body; brokenRequest sends one.)
 */
function framingFlood(target: string): fc.Arbitrary<string> {
  const head = `POST ${target} HTTP/1.1${CRLF}Host: 127.0.0.1${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}`;
  return fc.oneof(
    fc.integer({ min: 70_000, max: 300_000 }).map((n) => head + 'f'.repeat(n)),
    fc.integer({ min: 70_000, max: 300_000 }).map((n) => `${head}1;${'e'.repeat(n)}`),
    fc.integer({ min: 70_000, max: 300_000 }).map((n) => `${head}0${CRLF}X-Trailer: ${'t'.repeat(n)}`),
  );
}

const RUNTIME_PREFIX = '/2018-06-01/runtime/';

/** Requests for a live environment's Runtime API: bad request ids, bodies and paths. Never `GET …/invocation/next`. */
export function runtimeApiRequests(): fc.Arbitrary<HostileRequest> {
  const id = fc.oneof(
    fc.uuid(),
    fc.constantFrom('', '%', '%zz', '%2F', '..', 'next', 'a/b', '%E2%82%AC', '00000000-0000-0000-0000-000000000000', ...PROTOTYPE_NAMES),
    fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=:@%-]{1,60}$/),
    fc.integer({ min: 1_000, max: 20_000 }).map((n) => 'i'.repeat(n)),
  );
  const action = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('response', 'error') }, { weight: 1, arbitrary: fc.constantFrom('next', '', 'responses', 'error/', 'init/error') });
  const target = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(id, action).map(([i, a]) => `${RUNTIME_PREFIX}invocation/${i}/${a}`) },
    { weight: 1, arbitrary: fc.constantFrom(`${RUNTIME_PREFIX}init/error`, `${RUNTIME_PREFIX}invocation/`, `${RUNTIME_PREFIX}invocation`, RUNTIME_PREFIX, '/2018-06-01/', '/', '*', '/2020-01-01/runtime/invocation/next', `${RUNTIME_PREFIX}invocation/next/`, `${RUNTIME_PREFIX}invocation/next?x=1`, `http://127.0.0.1${RUNTIME_PREFIX}invocation/next`) },
    { weight: 1, arbitrary: fc.array(segment, { maxLength: 6 }).map((s) => `${RUNTIME_PREFIX}${s.join('/')}`) },
  );
  const method = fc.oneof({ weight: 4, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom(...METHODS_TAKEN, 'BREW', 'post') });
  // The environment's own runtime is long-polling GET /next: a second GET /next would be refused (403), but one sent
  // while the runtime is between calls would take its next event. Leave that call to the runtime.
  const request = plainRequest(target, method, { mayClose: true }).filter((r) => !r.bytes.startsWith(`GET ${RUNTIME_PREFIX}invocation/next `));
  const pipelinable = plainRequest(target, method, { mayClose: false }).filter((r) => !r.bytes.startsWith(`GET ${RUNTIME_PREFIX}invocation/next `));
  const broken = brokenRequest('').map((b) => b.replace('/hello', `${RUNTIME_PREFIX}invocation/x/response`));
  return fc.oneof(
    { weight: 6, arbitrary: answered('well-formed', request, 1) },
    { weight: 2, arbitrary: answered('well-formed', pipelinable, 6) },
    { weight: 4, arbitrary: halfClosed('broken', broken.map((b) => sent(b))) },
    { weight: 2, arbitrary: halfClosed('half-closed', fc.tuple(request, fc.nat()).map(([r, n]) => sent(r.bytes.slice(0, n % (r.bytes.length + 1)), [isHead(r)]))) },
    { weight: 1, arbitrary: halfClosed('random bytes', fc.uint8Array({ maxLength: 2_000 }).map((b) => sent(bytesAsLatin1(b)))) },
    { weight: 1, arbitrary: refused('head over the limit', headFlood(`${RUNTIME_PREFIX}invocation/x/response`)) },
    { weight: 1, arbitrary: refused('framing line over the limit', framingFlood(`${RUNTIME_PREFIX}invocation/x/response`)) },
  ).map(printable);
}

// ---------------------------------------------------------------------------------------------------------------
// The client and the response parser

export interface Answer {
  status: number;
  /** The answer to a HEAD request: no body, whatever its Content-Length. */
  head: boolean;
  /** Lower-case names; repeated fields joined with `, `. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface Exchange {
  /** Final answers, in order (interim 1xx left out). */
  answers: Answer[];
  interim: number;
  /** How the connection ended: closed by either side in order, reset by the server, or still open at the time limit. */
  end: 'closed' | 'reset' | 'timeout';
  /** The server's bytes do not parse as HTTP responses. */
  unparsable?: string;
}

/**
 * Writes one hostile request to 127.0.0.1:`port` and collects the answers. Bounded by `timeoutMs`; never throws.
 * Extra writes beyond the request (`writes` is a list) wait for the previous one to be taken by the kernel.
 */
export function exchange(port: number, request: HostileRequest, timeoutMs: number): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
    const received: Buffer[] = [];
    let answers = 0;
    let ended = false;
    let reset = false;
    const endOurSide = () => {
      if (!ended) {
        ended = true;
        socket.end();
      }
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    let finished = false;
    function finish(end: Exchange['end']): void {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      const parsed = parseAnswers(Buffer.concat(received), request.heads, true);
      // A reset may cut the last answer short: what arrived whole is judged, the rest is the reset.
      const unparsable = end === 'reset' && parsed.truncated ? undefined : parsed.problem;
      resolve({ answers: parsed.answers, interim: parsed.interim, end, unparsable });
    }
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      if (request.after !== 'answers' || ended) return;
      const parsed = parseAnswers(Buffer.concat(received), request.heads, false);
      answers = parsed.answers.length;
      if (answers >= request.answers || parsed.problem !== undefined) endOurSide();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // EPIPE: the server closed while we still wrote (it refused the request); ECONNRESET: it reset the connection.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') reset = true;
    });
    socket.on('close', () => finish(reset ? 'reset' : 'closed'));
    socket.on('connect', async () => {
      for (const bytes of request.writes) {
        if (socket.destroyed || socket.writableEnded) return;
        const flushed = new Promise<void>((done) => socket.write(Buffer.from(bytes, 'latin1'), () => done()));
        await flushed;
      }
      if (request.after === 'half-close' || (request.after === 'answers' && answers >= request.answers)) endOurSide();
    });
  });
}

interface Parsed {
  answers: Answer[];
  interim: number;
  /** Set when the bytes are not HTTP responses (or, at the end, stop inside one). */
  problem?: string;
  /** The problem is only that the last answer is incomplete. */
  truncated?: boolean;
}

const STATUS_LINE = /^HTTP\/1\.[01] ([1-5]\d\d) [\x20-\x7e\x80-\xff]*$/;
const FIELD_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*([\x20-\x7e\x80-\xff\t]*?)[ \t]*$/;

/** Parses answers from the start of `bytes`. `atEnd`: the connection is over (a close-delimited body ends here). */
export function parseAnswers(bytes: Buffer, heads: boolean[], atEnd: boolean): Parsed {
  const answers: Answer[] = [];
  let interim = 0;
  let at = 0;
  const stop = (problem: string, truncated = false): Parsed => ({ answers, interim, problem: atEnd || !truncated ? problem : undefined, truncated });
  while (at < bytes.length) {
    const headEnd = bytes.indexOf('\r\n\r\n', at, 'latin1');
    if (headEnd < 0) return stop('the connection ended inside an answer head', true);
    const lines = bytes.toString('latin1', at, headEnd).split('\r\n');
    const status = STATUS_LINE.exec(lines[0]!);
    if (!status) return stop(`not a status line: ${JSON.stringify(lines[0]!.slice(0, 80))}`);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const field = FIELD_LINE.exec(line);
      if (!field) return stop(`not a header field: ${JSON.stringify(line.slice(0, 80))}`);
      const name = field[1]!.toLowerCase();
      headers[name] = headers[name] === undefined ? field[2]! : `${headers[name]}, ${field[2]}`;
    }
    const code = Number(status[1]);
    const head = heads[answers.length] === true;
    let cursor = headEnd + 4;
    let body: Buffer = Buffer.alloc(0);
    if (code >= 200 && !head && code !== 204 && code !== 304) {
      if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
        const chunks: Buffer[] = [];
        for (;;) {
          const lineEnd = bytes.indexOf('\r\n', cursor, 'latin1');
          if (lineEnd < 0) return stop('the connection ended inside a chunked body', true);
          const size = Number.parseInt(bytes.toString('latin1', cursor, lineEnd), 16);
          if (!Number.isSafeInteger(size) || size < 0) return stop('a bad chunk size');
          if (bytes.length < lineEnd + 2 + size + 2) return stop('the connection ended inside a chunk', true);
          chunks.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
          cursor = lineEnd + 2 + size + 2;
          if (size === 0) break;
        }
        body = Buffer.concat(chunks);
      } else if (headers['content-length'] !== undefined) {
        if (!/^\d+$/.test(headers['content-length'])) return stop(`a bad Content-Length: ${headers['content-length']}`);
        const length = Number(headers['content-length']);
        if (bytes.length < cursor + length) return stop('the connection ended inside a body', true);
        body = bytes.subarray(cursor, cursor + length);
        cursor += length;
      } else {
        // Framed by the close: complete only once the connection is over.
        if (!atEnd) return { answers, interim };
        body = bytes.subarray(cursor);
        cursor = bytes.length;
      }
    }
    at = cursor;
    if (code < 200) interim++;
    else answers.push({ status: code, head, headers, body });
  }
  return { answers, interim };
}

// ---------------------------------------------------------------------------------------------------------------
// The rules

/** Statuses node:http answers itself for requests it refuses before the emulator sees them. */
const NODE_REFUSALS = new Set([400, 408, 413, 417, 431, 505]);

function isJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Which front answered, or what is wrong with the answer. */
export type Verdict = { front: string; problem?: undefined } | { front?: undefined; problem: string };

/** An answer on the emulator's port (API Gateway front, Invoke API, admin), for an API of `apiType`. */
export function judgeGatewayAnswer(answer: Answer, apiType: ApiType): Verdict {
  const { status, headers, body } = answer;
  const text = body.toString('utf8');
  const fromGateway = apiType === 'rest' ? headers['x-amzn-requestid'] !== undefined && headers['x-amz-apigw-id'] !== undefined : headers['apigw-requestid'] !== undefined;
  if (fromGateway) {
    if (status === 200) return { front: 'gateway' };
    const shapes = Object.values(GATEWAY_ERRORS).map((kind) => kind[apiType] as { statusCode: number; body: string; contentType?: string });
    const same = (s: (typeof shapes)[number]) => s.statusCode === status && (answer.head || s.body === text) && (s.contentType ?? 'application/json') === headers['content-type'];
    if (shapes.some(same)) return { front: 'gateway' };
    // The REST non-proxy integration's refusal of a body that is not JSON (gateway-errors.ts).
    const message = isJson(body) as { message?: unknown } | undefined;
    if (apiType === 'rest' && status === 400 && typeof message?.message === 'string') return { front: 'gateway' };
    return { problem: `API Gateway answered ${status} with a body it never sends: ${JSON.stringify(text.slice(0, 200))}` };
  }
  if (headers['x-amzn-errortype'] !== undefined) {
    const error = isJson(body) as Record<string, unknown> | undefined;
    const message = error?.message ?? error?.Message;
    if (status >= 400 && typeof error?.Type === 'string' && typeof message === 'string') return { front: 'invoke' };
    return { problem: `an Invoke API error without AWS's shape: ${status} ${JSON.stringify(text.slice(0, 200))}` };
  }
  if (headers['x-amz-executed-version'] !== undefined && status === 200) return { front: 'invoke' };
  if ((status === 202 || status === 204) && headers['x-amzn-requestid'] !== undefined) return { front: 'invoke' };
  if (NODE_REFUSALS.has(status) && body.length === 0) return { front: 'node' };
  if (status === 404 && (answer.head || text === '{"message":"Not Found"}') && headers['content-type'] === 'application/json') return { front: 'admin' };
  if (status === 200 && headers['content-type'] === 'application/json' && (answer.head || isJson(body) !== undefined)) return { front: 'admin' };
  return { problem: `an answer from no known front: ${status} ${JSON.stringify(headers)} ${JSON.stringify(text.slice(0, 200))}` };
}

/** An answer of an environment's Runtime API to a request that holds no valid request id. */
export function judgeRuntimeApiAnswer(answer: Answer): Verdict {
  const { status, headers, body } = answer;
  if ((status === 400 || status === 431) && body.length === 0 && /close/i.test(headers.connection ?? '')) return { front: 'wire' };
  const error = isJson(body) as Record<string, unknown> | undefined;
  const shaped = answer.head ? headers['content-type'] === 'application/json' : typeof error?.errorMessage === 'string' && typeof error.errorType === 'string';
  if ([400, 403, 404, 413].includes(status) && shaped) return { front: 'runtime-api' };
  return { problem: `the Runtime API answered ${status} ${JSON.stringify(body.toString('utf8').slice(0, 200))}` };
}

/** The labels an exchange is counted under, and what is wrong with it. */
export interface Judgement {
  labels: string[];
  problems: string[];
}

export function judgeExchange(request: HostileRequest, result: Exchange, judge: (answer: Answer) => Verdict): Judgement {
  const labels: string[] = [];
  const problems: string[] = [];
  if (result.unparsable !== undefined) problems.push(`unparsable answer: ${result.unparsable}`);
  for (const answer of result.answers) {
    const verdict = judge(answer);
    if (verdict.problem !== undefined) problems.push(verdict.problem);
    else labels.push(`${verdict.front} ${answer.status}`);
    // A well-formed request reaches the emulator: a refusal by the HTTP layer means a parser took offence.
    if (request.after === 'answers' && (verdict.front === 'node' || verdict.front === 'wire')) problems.push(`a well-formed request was refused by the HTTP layer (${answer.status})`);
  }
  if (result.answers.length === 0) labels.push(result.end === 'reset' ? 'reset without an answer' : result.end === 'closed' ? 'closed without an answer' : 'no answer');
  if (result.end === 'timeout') problems.push(`neither answered nor closed in time (${result.answers.length} answers)`);
  if (request.after === 'answers' && result.answers.length < request.answers) {
    problems.push(`${request.answers} well-formed requests got ${result.answers.length} answers (connection ${result.end})`);
  }
  return { labels, problems };
}

// ---------------------------------------------------------------------------------------------------------------
// Batches and accounting

export interface BatchReport {
  requests: number;
  /** Exchanges by kind, and answers (or endings) by front and status. */
  kinds: Record<string, number>;
  outcomes: Record<string, number>;
  /** The first problems found, each with the request that caused it. */
  problems: { problem: string; request: HostileRequest }[];
  problemCount: number;
}

export function emptyReport(): BatchReport {
  return { requests: 0, kinds: {}, outcomes: {}, problems: [], problemCount: 0 };
}

export function record(report: BatchReport, request: HostileRequest, judgement: Judgement): void {
  report.requests++;
  report.kinds[request.kind] = (report.kinds[request.kind] ?? 0) + 1;
  for (const label of judgement.labels) report.outcomes[label] = (report.outcomes[label] ?? 0) + 1;
  for (const problem of judgement.problems) {
    report.problemCount++;
    if (report.problems.length < 10) report.problems.push({ problem, request });
  }
}

/** Sends `requests` with at most `concurrency` sockets open at once and judges every exchange. */
export async function runBatch(
  port: number,
  requests: Iterable<HostileRequest>,
  judge: (answer: Answer) => Verdict,
  options: { concurrency: number; timeoutMs: number; report?: BatchReport },
): Promise<BatchReport> {
  const report = options.report ?? emptyReport();
  const iterator = requests[Symbol.iterator]();
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      const request = next.value;
      record(report, request, judgeExchange(request, await exchange(port, request, options.timeoutMs), judge));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return report;
}

/** The request as text for a failure message: control bytes escaped, long runs shortened. */
export function describeRequest(request: HostileRequest): string {
  const text = request.writes.join('');
  const shown = text.length > 600 ? `${text.slice(0, 400)}… (${text.length} bytes) …${text.slice(-100)}` : text;
  return `${request.kind}, ${request.after}: ${JSON.stringify(shown)}`;
}

/** Open file descriptors of a process (`self` by default), and how many of them are sockets. */
export function openFds(pid: number | 'self' = 'self'): { total: number; sockets: number } {
  const dir = `/proc/${pid}/fd`;
  let sockets = 0;
  const entries = readdirSync(dir);
  for (const fd of entries) {
    try {
      if (readlinkSync(`${dir}/${fd}`).startsWith('socket:')) sockets++;
    } catch {
      // Closed between the listing and the read.
    }
  }
  return { total: entries.length, sockets };
}
