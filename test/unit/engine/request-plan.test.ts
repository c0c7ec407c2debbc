import { describe, expect, it } from 'vitest';
import {
  checkExpectation,
  compileExpectation,
  createRequestPlan,
  createWeightedPicker,
  RANDOM_INT_LIMIT,
} from '../../../src/engine/request-plan.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const header = (headers: string[] | null, name: string): string | undefined => {
  if (headers === null) return undefined;
  const i = headers.findIndex((h, j) => j % 2 === 0 && h.toLowerCase() === name);
  return i < 0 ? undefined : headers[i + 1];
};

describe('request templates', () => {
  it('expands {{seq}}, {{uuid}} and {{randomInt}} in path, query, headers and body', () => {
    const plan = createRequestPlan(
      [
        {
          method: 'PUT',
          path: '/items/{{seq}}',
          query: { id: '{{uuid}}', n: '{{randomInt}}' },
          headers: { 'x-id': '{{uuid}}', 'x-seq': 'n-{{seq}}' },
          body: 'item {{seq}} {{randomInt}}',
        },
      ],
      { seed: 1 },
    );
    const r = plan.next(17);
    const url = new URL(r.path, 'http://x');
    expect(url.pathname).toBe('/items/17');
    const id = url.searchParams.get('id')!;
    expect(id).toMatch(UUID);
    const n = Number(url.searchParams.get('n'));
    expect(Number.isInteger(n) && n >= 0 && n < RANDOM_INT_LIMIT).toBe(true);
    // One value per variable per request, wherever it appears.
    expect(header(r.headers, 'x-id')).toBe(id);
    expect(header(r.headers, 'x-seq')).toBe('n-17');
    expect(r.body!.toString()).toBe(`item 17 ${n}`);
    expect(r.method).toBe('PUT');
    // A new request gets new values.
    const next = plan.next(18);
    expect(new URL(next.path, 'http://x').searchParams.get('id')).not.toBe(id);
  });

  it('replays {{randomInt}} with the same seed', () => {
    const spec = [{ path: '/r/{{randomInt}}' }];
    const a = createRequestPlan(spec, { seed: 9 });
    const b = createRequestPlan(spec, { seed: 9 });
    expect([0, 1, 2].map((i) => a.next(i).path)).toEqual([0, 1, 2].map((i) => b.next(i).path));
  });

  it('serialises a JSON body without variables once and sends the same bytes', () => {
    const plan = createRequestPlan([{ path: '/orders', json: { item: 'book', qty: 2 } }]);
    const first = plan.next(0);
    expect(first.body).toBe(plan.next(1).body);
    expect(JSON.parse(first.body!.toString())).toEqual({ item: 'book', qty: 2 });
    expect(first.method).toBe('POST');
    expect(header(first.headers, 'content-type')).toBe('application/json');
  });

  it('expands variables inside JSON strings and keeps the JSON valid', () => {
    const plan = createRequestPlan([{ path: '/orders', json: { id: '{{uuid}}', seq: '{{seq}}', tags: ['a"b'] } }]);
    const body = JSON.parse(plan.next(5).body!.toString());
    expect(body.id).toMatch(UUID);
    expect(body.seq).toBe('5');
    expect(body.tags).toEqual(['a"b']);
  });

  it('keeps a content-type the user set for JSON', () => {
    const plan = createRequestPlan([{ path: '/x', json: {}, headers: { 'Content-Type': 'application/vnd.api+json' } }]);
    const r = plan.next(0);
    expect(header(r.headers, 'content-type')).toBe('application/vnd.api+json');
    expect(r.headers!.filter((h) => h.toLowerCase() === 'content-type')).toHaveLength(1);
  });

  it('prefixes the base path and URL-encodes literal query text', () => {
    const plan = createRequestPlan([{ path: 'hello', query: { q: 'a b&c', tag: ['x', 'y'] } }], { basePath: '/prod/' });
    expect(plan.next(0).path).toBe('/prod/hello?q=a%20b%26c&tag=x&tag=y');
  });

  it('names requests by METHOD and path template unless named', () => {
    const plan = createRequestPlan([{ path: '/items/{{seq}}' }, { name: 'create', path: '/items', body: 'x' }]);
    expect(plan.names).toEqual(['GET /items/{{seq}}', 'create']);
  });
});

describe('weighted selection', () => {
  it('is exactly proportional over each cycle and interleaved', () => {
    const plan = createRequestPlan([
      { path: '/a', weight: 3 },
      { path: '/b', weight: 1 },
    ]);
    const picks = Array.from({ length: 400 }, (_, i) => plan.next(i).requestIndex);
    expect(picks.filter((p) => p === 0)).toHaveLength(300);
    // Every window of 4 consecutive picks holds exactly one /b: no bursts of one request.
    for (let i = 0; i + 4 <= picks.length; i += 4) expect(picks.slice(i, i + 4).filter((p) => p === 1)).toHaveLength(1);
  });

  it('accepts fractional weights and skips a weight of 0', () => {
    const pick = createWeightedPicker([0.7, 0.3, 0]);
    const picks = Array.from({ length: 1_000 }, pick);
    expect(picks.filter((p) => p === 0)).toHaveLength(700);
    expect(picks.filter((p) => p === 2)).toHaveLength(0);
  });

  it('rejects weights that select nothing', () => {
    expect(() => createWeightedPicker([0, 0])).toThrow(/weights/);
    expect(() => createWeightedPicker([1, -1])).toThrow(/weights/);
  });
});

describe('expectations', () => {
  it('accepts 2xx and 3xx by default', () => {
    const e = compileExpectation(undefined);
    expect([200, 204, 302, 399].map((s) => checkExpectation(e, s, undefined))).toEqual([true, true, true, true]);
    expect([199, 400, 404, 500, 0].map((s) => checkExpectation(e, s, undefined))).toEqual([false, false, false, false, false]);
  });

  it('checks a status list and body text', () => {
    const e = compileExpectation({ status: [200, 404], bodyContains: 'héllo' });
    expect(e.needsBody).toBe(true);
    expect(checkExpectation(e, 404, Buffer.from('say héllo'))).toBe(true);
    expect(checkExpectation(e, 200, Buffer.from('say hello'))).toBe(false);
    expect(checkExpectation(e, 201, Buffer.from('héllo'))).toBe(false);
    expect(checkExpectation(compileExpectation({ status: 429 }), 429, undefined)).toBe(true);
  });
});
