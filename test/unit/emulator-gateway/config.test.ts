import { describe, expect, it } from 'vitest';
import { resolveGatewayConfig } from '../../../src/emulator/gateway/config.js';
import type { EmulatorTarget } from '../../../src/scenario/types.js';

const toMs = (d: number | string) => (typeof d === 'number' ? d : d.endsWith('ms') ? Number.parseFloat(d) : Number.parseFloat(d) * 1000);

function problemsOf(target: Partial<EmulatorTarget>): string[] {
  const problems: string[] = [];
  resolveGatewayConfig({ type: 'emulator', api: { type: 'rest' }, functions: { hello: { handler: 'index.handler' } }, routes: [], ...target } as EmulatorTarget, problems, toMs as never);
  return problems;
}

describe('gateway config defaults', () => {
  it('REST: stage dev, payload 1.0, 29 s, URLs under /dev', () => {
    const problems: string[] = [];
    const { api } = resolveGatewayConfig(
      { type: 'emulator', api: { type: 'rest' }, functions: { hello: { handler: 'i.h' } }, routes: [{ method: 'GET', path: '/hello', function: 'hello' }] },
      problems,
      toMs as never,
    );
    expect(problems).toEqual([]);
    expect(api).toMatchObject({ stage: 'dev', stagePrefix: '/dev', payloadFormat: '1.0', integrationTimeoutMs: 29_000, accountThrottle: { rateRps: 10_000, burst: 5_000 } });
    expect(api.stageThrottle).toBeUndefined();
  });

  it('HTTP API: stage $default without prefix, payload 2.0, 30 s', () => {
    const problems: string[] = [];
    const { api } = resolveGatewayConfig(
      { type: 'emulator', api: { type: 'http' }, functions: { hello: { handler: 'i.h' } }, routes: [{ method: 'ANY', path: '$default', function: 'hello' }] },
      problems,
      toMs as never,
    );
    expect(problems).toEqual([]);
    expect(api).toMatchObject({ stage: '$default', stagePrefix: '', payloadFormat: '2.0', integrationTimeoutMs: 30_000 });
  });
});

describe('gateway config problems, all reported at once with key paths', () => {
  it('a route naming an unknown function', () => {
    expect(problemsOf({ routes: [{ method: 'GET', path: '/a', function: 'nope' }] })).toEqual([
      "target.routes[0].function: no function named 'nope' in target.functions (defined: hello)",
    ]);
  });

  it('several problems together', () => {
    const problems = problemsOf({
      api: { type: 'rest', stage: 'my stage', payloadFormat: '2.0', integrationTimeout: '301s', throttle: { rateRps: -1, burst: 1.5 } },
      routes: [
        { method: 'FETCH' as never, path: '/a', function: 'hello' },
        { method: 'ANY', path: '$default', function: 'hello' },
        { method: 'GET', path: 'b', function: 'hello', integration: 'lambda' },
      ],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^target\.api\.stage: 'my stage' is not a valid stage name/),
        'target.api.payloadFormat: REST APIs send payload format 1.0 only',
        expect.stringMatching(/^target\.api\.integrationTimeout: must be a duration from 50 ms to 300 s/),
        expect.stringMatching(/^target\.api\.throttle\.rateRps/),
        expect.stringMatching(/^target\.api\.throttle\.burst/),
        expect.stringMatching(/^target\.routes\[0\]\.method/),
        expect.stringMatching(/^target\.routes\[1\]\.path: '\$default' is an HTTP API route/),
        expect.stringMatching(/^target\.routes\[2\]\.path: must start with '\/'/),
      ]),
    );
    expect(problems).toHaveLength(8);
  });

  it('HTTP API limits: 30 s timeout at most, no non-proxy integration, $default takes ANY', () => {
    const problems = problemsOf({
      api: { type: 'http', integrationTimeout: '31s' },
      routes: [
        { method: 'POST', path: '/a', function: 'hello', integration: 'lambda' },
        { method: 'GET', path: '$default', function: 'hello' },
      ],
    });
    expect(problems).toEqual([
      expect.stringMatching(/integrationTimeout: must be a duration from 50 ms to 30 s for HTTP APIs/),
      "target.routes[0].integration: the non-proxy 'lambda' integration exists on REST APIs only",
      "target.routes[1].method: the '$default' route matches every method; use method: 'ANY'",
    ]);
  });

  it('route throttles must name a route', () => {
    const problems = problemsOf({
      api: { type: 'rest', routeThrottles: { 'GET /hello': { rateRps: 1, burst: 1 }, 'GET /helo': { rateRps: 1, burst: 1 } } },
      routes: [{ method: 'GET', path: '/hello', function: 'hello' }],
    });
    expect(problems).toEqual([expect.stringMatching(/^target\.api\.routeThrottles\['GET \/helo'\]: no route has this key/)]);
  });

  it('no routes at all', () => {
    expect(problemsOf({ routes: [] })).toEqual(['target.routes: at least one route is needed']);
  });
});
