import { describe, expect, it } from 'vitest';
import { MAX_HEAD_BYTES, ResponseParser, type ParseErrorCode, type ResponseHead } from '../../../src/engine/http1/response-parser.js';

type Event = ['head', ResponseHead] | ['body', string] | ['end', boolean] | ['error', ParseErrorCode] | ['close', boolean];

type Hooks = Partial<Record<'onHead' | 'onBody', (parser: ResponseParser) => void>>;

/** A parser whose events are recorded, adjacent body chunks merged (body chunks are copied: they are transient views). */
function setup(hooks: Hooks = {}): { parser: ResponseParser; events: Event[] } {
  const events: Event[] = [];
  const parser: ResponseParser = new ResponseParser({
    onHead(h) {
      events.push(['head', h]);
      hooks.onHead?.(parser);
    },
    onBody(chunk) {
      expect(chunk.length).toBeGreaterThan(0);
      const copy = Buffer.from(chunk).toString('latin1');
      const last = events[events.length - 1];
      if (last?.[0] === 'body') last[1] += copy;
      else events.push(['body', copy]);
      hooks.onBody?.(parser);
    },
    onEnd: (keepAlive) => events.push(['end', keepAlive]),
    onError: (code) => events.push(['error', code]),
  });
  return { parser, events };
}

const bytes = (s: string): Buffer => Buffer.from(s, 'latin1');

/**
 * Feeds `pieces` as the response to one request; `close` then closes the connection and records close()'s result;
 * `reuse` overwrites each piece's buffer once execute() returns, as a socket reading into one buffer does.
 */
function run(pieces: string[], opts: { headRequest?: boolean; close?: boolean; reuse?: boolean } = {}): Event[] {
  const { parser, events } = setup();
  parser.expect(opts.headRequest ?? false);
  for (const p of pieces) {
    const read = bytes(p);
    parser.execute(read);
    if (opts.reuse) read.fill(0x58);
  }
  if (opts.close) events.push(['close', parser.close()]);
  return events;
}

const head = (status: number, over: Partial<ResponseHead> = {}): ResponseHead =>
  ({ status, keepAlive: true, keepAliveTimeoutMs: undefined, startHeader: undefined, requestId: undefined, ...over });

const ok = (body: string, keepAlive = true): Event[] => [['head', head(200, { keepAlive })], ['body', body], ['end', keepAlive]];

describe('content-length bodies', () => {
  it('delivers a 200 with its body and ends keep-alive on HTTP/1.1', () => {
    expect(run(['HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello'])).toEqual(ok('hello'));
  });

  it('ends right after the head for content-length 0', () => {
    expect(run(['HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'])).toEqual([['head', head(200)], ['end', true]]);
  });

  it('reassembles a body split across many execute calls', () => {
    const body = 'abcdefghijklmnopqrstuvwxyz'.repeat(40);
    const pieces = ['HTTP/1.1 200 OK\r\nContent-Length: 1040\r\n\r\n'];
    for (let i = 0; i < body.length; i += 7) pieces.push(body.slice(i, i + 7));
    expect(run(pieces)).toEqual(ok(body));
  });

  it('ends with keepAlive false on Connection: close', () => {
    expect(run(['HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nhi'])).toEqual(ok('hi', false));
    expect(run(['HTTP/1.1 200 OK\r\nConnection: Upgrade, CLOSE\r\nContent-Length: 2\r\n\r\nhi'])).toEqual(ok('hi', false));
  });

  it('ends HTTP/1.0 with keepAlive false unless Connection: keep-alive', () => {
    expect(run(['HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nhi'])).toEqual(ok('hi', false));
    expect(run(['HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nhi'])).toEqual(ok('hi', true));
  });

  it('accepts duplicate equal content-length headers', () => {
    expect(run(['HTTP/1.1 200 OK\r\nContent-Length: 3\r\ncontent-length:  3 \r\n\r\nabc'])).toEqual(ok('abc'));
  });

  it('rejects conflicting content-length headers', () => {
    expect(run(['HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd'])).toEqual([['error', 'BAD_RESPONSE']]);
  });

  it.each(['abc', '-1', '5x', '1.5', '+5', '', '3, 3'])('rejects content-length %j', (value) => {
    expect(run([`HTTP/1.1 200 OK\r\nContent-Length: ${value}\r\n\r\nabc`])).toEqual([['error', 'BAD_RESPONSE']]);
  });
});

describe('every split of the input gives the same events', () => {
  type Case = { name: string; raw: string; expected: Event[]; headRequest?: boolean; closes?: boolean };
  const cases: Case[] = [
    { name: 'content-length with evidence headers',
      raw: 'HTTP/1.1 200 OK\r\nContent-Length: 11\r\nX-Lambdaload-Start: 1700000000123\r\napigw-requestid: gw-1\r\n\r\nhello world',
      expected: [['head', head(200, { startHeader: '1700000000123', requestId: 'gw-1' })], ['body', 'hello world'], ['end', true]] },
    { name: 'chunked with extensions and trailers',
      raw: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\nA;a=1;b="x y"\r\n0123456789\r\n0;last\r\nX-Trailer: t\r\nX-Other: u\r\n\r\n',
      expected: ok('hello0123456789') },
    { name: '100 Continue followed by 200',
      raw: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
      expected: ok('ok') },
    { name: 'mixed-case header names',
      raw: 'HTTP/1.1 201 Created\r\ncOnTeNt-LeNgTh: 3\r\nX-AMZN-RequestId: abc\r\nKEEP-ALIVE: timeout=7\r\nCONNECTION: Close\r\n\r\nxyz',
      expected: [['head', head(201, { keepAlive: false, requestId: 'abc', keepAliveTimeoutMs: 7000 })], ['body', 'xyz'], ['end', false]] },
    { name: 'LF-only line endings, content-length',
      raw: 'HTTP/1.1 200 OK\nContent-Length: 5\nX-Lambdaload-Start: 9\n\n\r\nbo\n',
      expected: [['head', head(200, { startHeader: '9' })], ['body', '\r\nbo\n'], ['end', true]] },
    { name: 'LF-only line endings, chunked with a trailer',
      raw: 'HTTP/1.1 200 OK\ntransfer-encoding: Chunked\n\n3\nabc\nb\n\r\n012345678\n0\nT: 1\n\n',
      expected: ok('abc\r\n012345678') },
    { name: 'HEAD response with content-length',
      raw: 'HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n',
      expected: [['head', head(200)], ['end', true]], headRequest: true },
    { name: 'close-delimited body',
      raw: 'HTTP/1.0 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nuntil the close',
      expected: [['head', head(200, { keepAlive: false })], ['body', 'until the close'], ['end', false]], closes: true },
  ];

  describe.each(cases)('$name', ({ raw, expected, headRequest, closes }) => {
    const all: Event[] = [...expected, ['close', closes ?? false]];
    const splits = (reuse: boolean) => {
      for (let i = 1; i < raw.length; i++) {
        expect(run([raw.slice(0, i), raw.slice(i)], { headRequest, close: true, reuse }), `split at ${i}`).toEqual(all);
      }
    };

    it('in one piece', () => expect(run([raw], { headRequest, close: true })).toEqual(all));
    it('split at every single position', () => splits(false));
    it('split at every single position, each read buffer overwritten after use', () => splits(true));
    it('one byte at a time', () => expect(run([...raw], { headRequest, close: true, reuse: true })).toEqual(all));
  });
});

describe('chunked bodies', () => {
  it('joins several chunks with upper and lower case hex sizes', () => {
    const big = 'x'.repeat(0x1f);
    const raw = `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\n0123456789\r\nA\r\nabcdefghij\r\n1F\r\n${big}\r\n1f\r\n${big}\r\n0\r\n\r\n`;
    expect(run([raw])).toEqual(ok(`0123456789abcdefghij${big}${big}`));
  });

  it('skips chunk extensions and trailers', () => {
    const raw = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n0\r\nExpires: never\r\nX-Checksum: 1\r\n\r\n';
    expect(run([raw])).toEqual(ok('hello'));
  });

  it('treats Transfer-Encoding: gzip, chunked as chunked (and over a content-length)', () => {
    const raw = 'HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n';
    expect(run([raw])).toEqual(ok('abc'));
  });

  it('reads Transfer-Encoding: gzip alone until the close', () => {
    const events = run(['HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 2\r\n\r\nab', 'cd'], { close: true });
    expect(events.map((e) => e[0])).toEqual(['head', 'body', 'end', 'close']);
    expect(events.slice(1)).toEqual([['body', 'abcd'], ['end', false], ['close', true]]);
  });

  it.each(['zz', '', '-1', '0x5', ';ext', '1234567890abc', 'g'])('rejects the chunk size line %j', (line) => {
    const events = run([`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${line}\r\nhello\r\n0\r\n\r\n`]);
    expect(events).toEqual([['head', head(200)], ['error', 'BAD_RESPONSE']]);
  });

  it('rejects a chunk-size line longer than 8 KiB without an end', () => {
    const events = run(['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', '5;', 'x'.repeat(9000)]);
    expect(events).toEqual([['head', head(200)], ['error', 'BAD_RESPONSE']]);
  });

  it.each(['helloX\r\n0\r\n\r\n', 'hello\rX0\r\n\r\n', 'hello0\r\n\r\n'])('rejects chunk data not followed by CRLF: %j', (rest) => {
    const events = run(['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n', rest]);
    expect(events).toEqual([['head', head(200)], ['body', 'hello'], ['error', 'BAD_RESPONSE']]);
  });
});

describe('responses without a body', () => {
  it('ends a HEAD response right after the head, whatever its framing headers say', () => {
    expect(run(['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n'], { headRequest: true })).toEqual([['head', head(200)], ['end', true]]);
    expect(run(['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'], { headRequest: true })).toEqual([['head', head(200)], ['end', true]]);
    expect(run(['HTTP/1.1 200 OK\r\n\r\n'], { headRequest: true, close: true })).toEqual([['head', head(200)], ['end', true], ['close', false]]);
  });

  it.each([204, 304])('ends a %i right after the head', (status) => {
    expect(run([`HTTP/1.1 ${status} X\r\nContent-Length: 10\r\n\r\n`], { close: true })).toEqual([['head', head(status)], ['end', true], ['close', false]]);
    expect(run([`HTTP/1.1 ${status} X\r\n\r\n`])).toEqual([['head', head(status)], ['end', true]]);
  });
});

describe('informational responses', () => {
  it('skips 100 Continue: only the final head is reported', () => {
    expect(run(['HTTP/1.1 100 Continue\r\n\r\n', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n!'])).toEqual(ok('!'));
  });

  it('skips 103 Early Hints, whose headers do not leak into the final head', () => {
    const raw =
      'HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\nX-Amzn-RequestId: early\r\nConnection: close\r\n\r\n' +
      'HTTP/1.1 103 Early Hints\r\nLink: </b.js>\r\n\r\n' +
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
    expect(run([raw])).toEqual(ok('ok'));
  });

  it('rejects a status code below 100 instead of skipping it as informational', () => {
    expect(run(['HTTP/1.1 099 Odd\r\n\r\n'])).toEqual([['error', 'BAD_RESPONSE']]);
  });
});

describe('close-delimited bodies', () => {
  it('reads a body without framing until close(), which returns true and ends with keepAlive false', () => {
    const { parser, events } = setup();
    parser.expect(false);
    parser.execute(bytes('HTTP/1.1 200 OK\r\nX-Lambdaload-Start: 1\r\n\r\nsome '));
    parser.execute(bytes('body'));
    expect(events.map((e) => e[0])).toEqual(['head', 'body']);
    expect(parser.busy).toBe(true);
    expect([parser.close(), parser.close(), parser.busy]).toEqual([true, false, false]);
    expect(events.slice(1)).toEqual([['body', 'some body'], ['end', false]]);
  });

  it('close() returns false and emits nothing when a framed response is cut short', () => {
    const cut = [
      'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n',
      'HTTP/1.1 200 OK\r\nContent-Len',
    ];
    for (const raw of cut) {
      const events = run([raw], { close: true });
      expect(events[events.length - 1]).toEqual(['close', false]);
      expect(events.some((e) => e[0] === 'end' || e[0] === 'error')).toBe(false);
    }
  });

  it('close() returns false with nothing outstanding', () => {
    const { parser, events } = setup();
    expect(parser.close()).toBe(false);
    parser.expect(false);
    parser.execute(bytes('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'));
    expect(parser.close()).toBe(false);
    expect(events).toEqual([['head', head(200)], ['end', true]]);
  });
});

describe('header extraction', () => {
  const headOf = (headers: string): ResponseHead => {
    const events = run([`HTTP/1.1 200 OK\r\n${headers}Content-Length: 0\r\n\r\n`]);
    expect(events[0][0]).toBe('head');
    return events[0][1] as ResponseHead;
  };

  it('reads x-lambdaload-start in any case, trimmed', () => {
    expect(headOf('x-lambdaload-start: 123\r\n').startHeader).toBe('123');
    expect(headOf('X-LAMBDALOAD-START:\t 456  \r\n').startHeader).toBe('456');
    expect(headOf('X-Lambdaload-Start:789\r\n').startHeader).toBe('789');
  });

  it('prefers x-amzn-requestid over apigw-requestid in either order', () => {
    expect(headOf('x-amzn-requestid: rest\r\napigw-requestid: http\r\n').requestId).toBe('rest');
    expect(headOf('Apigw-Requestid: http\r\nX-Amzn-RequestId: rest\r\n').requestId).toBe('rest');
  });

  it('uses apigw-requestid alone', () => {
    expect(headOf('apigw-requestid:  Zx1= \r\n').requestId).toBe('Zx1=');
  });

  it('reads the keep-alive timeout in ms', () => {
    expect(headOf('Keep-Alive: timeout=5, max=1000\r\n').keepAliveTimeoutMs).toBe(5000);
    expect(headOf('keep-alive: max=10, Timeout=30\r\n').keepAliveTimeoutMs).toBe(30000);
    expect(headOf('Keep-Alive: max=10\r\n').keepAliveTimeoutMs).toBeUndefined();
    expect(headOf('').keepAliveTimeoutMs).toBeUndefined();
  });

  it('ignores other headers, including ones of the same name length', () => {
    expect(headOf('Xontent-Length: nonsense\r\nx-amzn-requestix: no\r\nContent-Type: text/plain\r\n')).toEqual(head(200));
  });
});

describe('errors', () => {
  const statusLines = ['HTX/1.1 200 OK', 'HTTP/2 200 OK', 'HTTP/1.1 20 OK', 'HTTP/1.2 200 OK', 'HTTP/1.1 200OK', 'http/1.1 200 OK', 'HTTP/1.1 2000'];
  it.each(statusLines)('rejects the status line %j', (line) => {
    expect(run([`${line}\r\nContent-Length: 0\r\n\r\n`])).toEqual([['error', 'BAD_RESPONSE']]);
  });

  it.each(['NoColonHere', ': value', 'Content-Length 5'])('rejects the header line %j', (line) => {
    expect(run([`HTTP/1.1 200 OK\r\n${line}\r\nContent-Length: 0\r\n\r\n`])).toEqual([['error', 'BAD_RESPONSE']]);
  });

  it('fails with HEADERS_OVERFLOW once an unterminated head passes MAX_HEAD_BYTES, fed in pieces', () => {
    const { parser, events } = setup();
    parser.expect(false);
    let raw = 'HTTP/1.1 200 OK\r\n';
    while (raw.length < MAX_HEAD_BYTES + 5000) raw += `X-Pad: ${'p'.repeat(90)}\r\n`;
    for (let fed = 0; fed < raw.length; fed += 1000) {
      parser.execute(bytes(raw.slice(fed, fed + 1000)));
      const total = Math.min(fed + 1000, raw.length);
      expect(events, `after ${total} bytes`).toEqual(total > MAX_HEAD_BYTES ? [['error', 'HEADERS_OVERFLOW']] : []);
    }
  });

  it('accepts a head of exactly MAX_HEAD_BYTES and rejects one a byte longer', () => {
    const prefix = 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Pad: ';
    const make = (size: number) => `${prefix}${'a'.repeat(size - prefix.length - 4)}\r\n\r\n`;
    const exact = make(MAX_HEAD_BYTES);
    expect(exact.length).toBe(MAX_HEAD_BYTES);
    const pieces = (s: string) => s.match(/[^]{1,1000}/g)!;
    expect(run([exact])).toEqual([['head', head(200)], ['end', true]]);
    expect(run(pieces(exact))).toEqual([['head', head(200)], ['end', true]]);
    expect(run([make(MAX_HEAD_BYTES + 1)])).toEqual([['error', 'HEADERS_OVERFLOW']]);
    expect(run(pieces(make(MAX_HEAD_BYTES + 1)))).toEqual([['error', 'HEADERS_OVERFLOW']]);
  });

  it('rejects bytes when no response was ever expected', () => {
    const { parser, events } = setup();
    parser.execute(bytes('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'));
    expect(events).toEqual([['error', 'BAD_RESPONSE']]);
    expect(parser.busy).toBe(false);
  });

  it('rejects bytes arriving after a keep-alive response ended', () => {
    const events = run(['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok', '\r\n']);
    expect(events).toEqual([...ok('ok'), ['error', 'BAD_RESPONSE']]);
  });

  it('emits nothing after an error, whatever follows', () => {
    const { parser, events } = setup();
    parser.expect(false);
    parser.execute(bytes('HTTP/1.1 200 OK\r\nbroken\r\n\r\n'));
    parser.execute(bytes('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'));
    parser.execute(bytes('more'));
    expect(parser.close()).toBe(false);
    expect(parser.busy).toBe(false);
    expect(events).toEqual([['error', 'BAD_RESPONSE']]);
  });
});

describe('bytes after a complete response in the same chunk', () => {
  const next = 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n';
  const unusable = (status: number, body?: string): Event[] => [['head', head(status)], ...(body === undefined ? [] : [['body', body] as Event]), ['end', false]];
  it.each([
    ['content-length', `HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok${next}`, false, unusable(200, 'ok')],
    ['chunked', `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n${next}`, false, unusable(200, 'ok')],
    ['204', `HTTP/1.1 204 No Content\r\n\r\n${next}`, false, unusable(204)],
    ['HEAD', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello', true, unusable(200)],
  ] as Array<[string, string, boolean, Event[]]>)('%s: ends with keepAlive false, then nothing', (_name, raw, headRequest, expected) => {
    const { parser, events } = setup();
    parser.expect(headRequest);
    parser.execute(bytes(raw));
    parser.execute(bytes(next));
    expect(parser.close()).toBe(false);
    expect(parser.busy).toBe(false);
    expect(events).toEqual(expected);
  });
});

describe('reuse', () => {
  it('parses further responses on the same parser after onEnd(true) and expect()', () => {
    const { parser, events } = setup();
    expect(parser.busy).toBe(false);
    parser.expect(true);
    expect(parser.busy).toBe(true);
    parser.execute(bytes('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n'));
    expect(parser.busy).toBe(false);
    parser.expect(false);
    parser.execute(bytes('HTTP/1.1 201 Created\r\nContent-Length: 5\r\nX-Amzn-RequestId: r2\r\n\r\nhel'));
    expect(parser.busy).toBe(true);
    parser.execute(bytes('lo'));
    parser.expect(false);
    parser.execute(bytes('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n'));
    expect(events).toEqual([
      ['head', head(200)],
      ['end', true],
      ['head', head(201, { requestId: 'r2' })],
      ['body', 'hello'],
      ['end', true],
      ...ok('abc'),
    ]);
  });
});

describe('abort', () => {
  const abort = (p: ResponseParser) => p.abort();
  const chunked = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n';

  it.each([
    ['content-length', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello'],
    ['chunked', chunked],
    ['204', 'HTTP/1.1 204 No Content\r\n\r\n'],
    ['close-delimited', 'HTTP/1.1 200 OK\r\n\r\nbody'],
  ])('from onHead stops all further events (%s)', (_name, raw) => {
    const { parser, events } = setup({ onHead: abort });
    parser.expect(false);
    parser.execute(bytes(raw));
    parser.execute(bytes('more'));
    expect(parser.close()).toBe(false);
    expect(parser.busy).toBe(false);
    expect(events.map((e) => e[0])).toEqual(['head']);
  });

  it.each([
    ['content-length', ['HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nabc', 'def']],
    ['content-length, on its last byte', ['HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc']],
    ['chunked, on its last byte', ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n']],
    ['chunked', [chunked]],
    ['close-delimited', ['HTTP/1.1 200 OK\r\n\r\nabc', 'def']],
  ])('from onBody stops all further events (%s)', (name, pieces) => {
    const { parser, events } = setup({ onBody: abort });
    parser.expect(false);
    for (const p of pieces) parser.execute(bytes(p));
    expect(parser.close()).toBe(false);
    expect(parser.busy).toBe(false);
    const closeDelimited = name === 'close-delimited';
    expect(events).toEqual([['head', head(200, closeDelimited ? { keepAlive: false } : {})], ['body', 'abc']]);
  });
});
