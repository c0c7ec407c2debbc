/**
 * The gateway's configuration comes from the resolved target (AWS's defaults applied once, src/target/resolve.ts);
 * target problems come from the scenario validator, the one set of rules, whether the target came from a scenario
 * file or straight to `startEmulator`. The router adds only what it alone can see (path templates).
 */
import { describe, expect, it } from 'vitest';
import { resolveGatewayConfig } from '../../../src/emulator/gateway/config.js';
import type { EmulatorTarget } from '../../../src/scenario/types.js';
import { targetProblems } from '../../../src/scenario/validate-target.js';
import { resolveTarget } from '../../../src/target/resolve.js';

function gateway(target: EmulatorTarget, region?: string) {
  const problems = targetProblems(target);
  expect(problems).toEqual([]);
  const resolved = resolveGatewayConfig(resolveTarget(target, region === undefined ? {} : { region }), problems);
  return { ...resolved, problems };
}

function problemsOf(target: Partial<EmulatorTarget>): string[] {
  return targetProblems({ type: 'emulator', api: { type: 'rest' }, functions: { hello: { handler: 'index.handler' } }, routes: [], ...target });
}

describe('gateway config defaults', () => {
  it('REST: stage dev, payload 1.0, 29 s, URLs under /dev, the account throttle of us-east-1', () => {
    const { api, problems } = gateway({ type: 'emulator', api: { type: 'rest' }, functions: { hello: { handler: 'i.h' } }, routes: [{ method: 'GET', path: '/hello', function: 'hello' }] });
    expect(problems).toEqual([]);
    expect(api).toMatchObject({ stage: 'dev', stagePrefix: '/dev', payloadFormat: '1.0', integrationTimeoutMs: 29_000, accountThrottle: { rateRps: 10_000, burst: 5_000 } });
    expect(api.stageThrottle).toBeUndefined();
  });

  it('HTTP API: stage $default without prefix, payload 2.0, 30 s', () => {
    const { api } = gateway({ type: 'emulator', api: { type: 'http' }, functions: { hello: { handler: 'i.h' } }, routes: [{ method: 'ANY', path: '$default', function: 'hello' }] });
    expect(api).toMatchObject({ stage: '$default', stagePrefix: '', payloadFormat: '2.0', integrationTimeoutMs: 30_000 });
  });

  it("a newer Region's lower account throttle: 2,500 req/s, burst 1,250 (aws-facts §3.2)", () => {
    const { api } = gateway({ type: 'emulator', api: { type: 'rest' }, functions: { hello: { handler: 'i.h' } }, routes: [{ method: 'GET', path: '/hello', function: 'hello' }] }, 'af-south-1');
    expect(api.accountThrottle).toEqual({ rateRps: 2_500, burst: 1_250 });
  });

  it('stage and route throttles as the scenario sets them', () => {
    const { api, routes } = gateway({
      type: 'emulator',
      api: { type: 'rest', stage: 'prod', integrationTimeout: '.5s', throttle: { rateRps: 50, burst: 10 }, routeThrottles: { 'GET /a': { rateRps: 5, burst: 1 } } },
      functions: { hello: { handler: 'i.h' } },
      routes: [
        { method: 'GET', path: '/a', function: 'hello' },
        { method: 'GET', path: '/b', function: 'hello' },
      ],
    });
    // '.5s' reads the same everywhere: one duration parser.
    expect(api).toMatchObject({ stage: 'prod', stagePrefix: '/prod', integrationTimeoutMs: 500, stageThrottle: { rateRps: 50, burst: 10 } });
    expect(routes.map((r) => r.throttle)).toEqual([{ rateRps: 5, burst: 1 }, undefined]);
  });
});

describe('target problems, all reported at once with key paths', () => {
  it('a route naming an unknown function', () => {
    expect(problemsOf({ routes: [{ method: 'GET', path: '/a', function: 'helo' }] })).toEqual([
      "target.routes[0].function: names no function in target.functions (known: hello); did you mean 'hello'?",
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
    expect(problems).toEqual([
      expect.stringMatching(/^target\.api\.stage: "my stage" is not a valid stage name/),
      expect.stringMatching(/^target\.api\.payloadFormat: only applies to HTTP APIs/),
      expect.stringMatching(/^target\.api\.integrationTimeout: must be from 50ms to 5m for REST APIs/),
      expect.stringMatching(/^target\.api\.throttle\.rateRps/),
      expect.stringMatching(/^target\.api\.throttle\.burst/),
      expect.stringMatching(/^target\.routes\[0\]\.method/),
      expect.stringMatching(/^target\.routes\[1\]\.path: '\$default' is the HTTP API catch-all/),
      expect.stringMatching(/^target\.routes\[2\]\.path: must start with '\/'/),
    ]);
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
      expect.stringMatching(/integrationTimeout: must be from 50ms to 30s for HTTP APIs/),
      "target.routes[0].integration: 'lambda' (non-proxy) integrations exist on REST APIs only",
      "target.routes[1].method: the '$default' route matches every method: use method: 'ANY'",
    ]);
  });

  it('function names, and environment variables over 4 KB together', () => {
    const problems = problemsOf({
      functions: { 'bad name': { handler: 'index.handler' }, hello: { handler: 'index.handler', environment: { BIG: 'x'.repeat(4_100) } } },
      routes: [{ method: 'GET', path: '/a', function: 'hello' }],
    });
    expect(problems).toEqual([
      expect.stringMatching(/^target\.functions\["bad name"\]: "bad name" is not a valid function name/),
      'target.functions.hello.environment: takes 4103 bytes (keys and values together); Lambda allows 4096 bytes',
    ]);
  });

  it('route throttles must name a route', () => {
    const problems = problemsOf({
      api: { type: 'rest', routeThrottles: { 'GET /hello': { rateRps: 1, burst: 1 }, 'GET /helo': { rateRps: 1, burst: 1 } } },
      routes: [{ method: 'GET', path: '/hello', function: 'hello' }],
    });
    expect(problems).toEqual([expect.stringMatching(/^target\.api\.routeThrottles\["GET \/helo"\]: matches no route/)]);
  });

  it('no routes at all', () => {
    expect(problemsOf({ routes: [] })).toEqual([expect.stringMatching(/^target\.routes: must have at least one route/)]);
  });

  it('the router reports a path template it cannot read, with the route’s key path', () => {
    const target: EmulatorTarget = { type: 'emulator', api: { type: 'rest' }, functions: { hello: { handler: 'i.h' } }, routes: [{ method: 'GET', path: '/a/{id', function: 'hello' }] };
    expect(targetProblems(target)).toEqual([]);
    const problems: string[] = [];
    resolveGatewayConfig(resolveTarget(target), problems);
    expect(problems).toEqual([expect.stringMatching(/^target\.routes\[0\]\.path: /)]);
  });
});
