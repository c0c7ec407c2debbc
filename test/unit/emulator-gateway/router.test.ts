import { describe, expect, it } from 'vitest';
import { parsePathTemplate, stripStagePrefix } from '../../../src/emulator/gateway/router.js';
import type { RouteSpec } from '../../../src/scenario/types.js';
import { gatewayFor } from './helpers.js';

function matcher(type: 'rest' | 'http', routes: Array<[RouteSpec['method'], string]>) {
  const { router } = gatewayFor({ type }, routes.map(([method, path], i) => ({ method, path, function: `f${i}` })));
  return (method: string, path: string) => {
    const m = router.match(method, path);
    return m && { key: m.route.routeKey, params: m.rawPathParameters };
  };
}

describe('routing precedence (AWS: literal > {param} > {proxy+}; exact method > ANY)', () => {
  const routes: Array<[RouteSpec['method'], string]> = [
    ['GET', '/pets/dog/1'],
    ['GET', '/pets/dog/{id}'],
    ['GET', '/pets/{proxy+}'],
    ['ANY', '/{proxy+}'],
  ];

  it.each(['rest', 'http'] as const)('%s: picks the most specific route', (type) => {
    const match = matcher(type, routes);
    expect(match('GET', '/pets/dog/1')).toEqual({ key: 'GET /pets/dog/1', params: null });
    expect(match('GET', '/pets/dog/2')).toEqual({ key: 'GET /pets/dog/{id}', params: { id: '2' } });
    expect(match('GET', '/pets/cat/2')).toEqual({ key: 'GET /pets/{proxy+}', params: { proxy: 'cat/2' } });
    expect(match('GET', '/toys/ball')).toEqual({ key: 'ANY /{proxy+}', params: { proxy: 'toys/ball' } });
  });

  it('backtracks from a literal branch that leads nowhere to a parameter', () => {
    const match = matcher('rest', [
      ['GET', '/a/b'],
      ['GET', '/{x}/c'],
    ]);
    expect(match('GET', '/a/c')).toEqual({ key: 'GET /{x}/c', params: { x: 'a' } });
  });

  it('greedy {proxy+} needs at least one segment: /{proxy+} does not match /', () => {
    expect(matcher('rest', [['ANY', '/{proxy+}']])('GET', '/')).toBeUndefined();
    expect(matcher('rest', [['ANY', '/'], ['ANY', '/{proxy+}']])('GET', '/')).toEqual({ key: 'ANY /', params: null });
  });

  it('REST: a resource without the method answers no route (403), even when {proxy+} would take it', () => {
    const match = matcher('rest', [
      ['GET', '/items'],
      ['ANY', '/{proxy+}'],
    ]);
    expect(match('POST', '/items')).toBeUndefined();
    expect(match('GET', '/items')?.key).toBe('GET /items');
  });

  it('HTTP API: method is part of the route, so POST /items falls to a route that accepts it', () => {
    const match = matcher('http', [
      ['GET', '/items'],
      ['ANY', '/{proxy+}'],
    ]);
    expect(match('POST', '/items')?.key).toBe('ANY /{proxy+}');
  });

  it('exact method beats ANY on the same resource', () => {
    const match = matcher('rest', [
      ['ANY', '/items'],
      ['DELETE', '/items'],
    ]);
    expect(match('DELETE', '/items')?.key).toBe('DELETE /items');
    expect(match('PATCH', '/items')?.key).toBe('ANY /items');
  });

  it('HTTP API $default catches what no route matches', () => {
    const match = matcher('http', [
      ['GET', '/hello'],
      ['ANY', '$default'],
    ]);
    expect(match('GET', '/hello')?.key).toBe('GET /hello');
    expect(match('POST', '/hello')?.key).toBe('$default');
    expect(match('GET', '/nope/deep')).toEqual({ key: '$default', params: null });
  });

  it('keeps path parameters percent-encoded for the event builders to decide', () => {
    const match = matcher('rest', [['GET', '/users/{name}/reviews/{title}']]);
    expect(match('GET', '/users/%E2%98%95%20Coffee/reviews/x')?.params).toEqual({ name: '%E2%98%95%20Coffee', title: 'x' });
  });

  it('ignores one trailing slash and treats the root as /', () => {
    const match = matcher('rest', [['GET', '/items'], ['GET', '/']]);
    expect(match('GET', '/items/')?.key).toBe('GET /items');
    expect(match('GET', '/')?.key).toBe('GET /');
  });

  it('is case-sensitive like API Gateway paths', () => {
    expect(matcher('rest', [['GET', '/Hello']])('GET', '/hello')).toBeUndefined();
  });
});

describe('stage prefix', () => {
  it('strips /stage and answers undefined outside the stage', () => {
    expect(stripStagePrefix('/dev/hello', '/dev')).toBe('/hello');
    expect(stripStagePrefix('/dev', '/dev')).toBe('/');
    expect(stripStagePrefix('/dev/', '/dev')).toBe('/');
    expect(stripStagePrefix('/development/hello', '/dev')).toBeUndefined();
    expect(stripStagePrefix('/prod/hello', '/dev')).toBeUndefined();
    expect(stripStagePrefix('/hello', '')).toBe('/hello');
  });
});

describe('path templates', () => {
  it.each([
    ['hello', "must start with '/'"],
    ['/a/{proxy+}/b', 'must be the last segment'],
    ['/a/x{id}', "must be a whole '{name}'"],
    ['/a/{id}/{id}', "uses the parameter 'id' twice"],
    ['/a//b', 'empty segment'],
  ])('rejects %s', (path, message) => {
    expect(parsePathTemplate(path)).toContain(message);
  });

  it('reports sibling parameters with different names (AWS allows one per position)', () => {
    expect(() =>
      gatewayFor({ type: 'rest' }, [
        { method: 'GET', path: '/items/{id}', function: 'a' },
        { method: 'GET', path: '/items/{itemId}/parts', function: 'b' },
      ]),
    ).toThrow(/conflicts with the sibling '\{id\}'/);
  });

  it('reports duplicate routes', () => {
    expect(() =>
      gatewayFor({ type: 'http' }, [
        { method: 'GET', path: '/a', function: 'a' },
        { method: 'GET', path: '/a', function: 'b' },
      ]),
    ).toThrow(/repeats the route 'GET \/a'/);
  });
});
