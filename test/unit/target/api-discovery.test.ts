/**
 * Folding what a url target's lookups read into its resolved target: the routes found replace the scenario's, each
 * function's configuration replaces the scenario's value and the default (listed once, with its API), a function the
 * scenario did not describe starts from the documented defaults and, unread, is a visible warning; a refused read
 * leaves the scenario's target as it was.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/scenario/types.js';
import { missingFunctionFacts, withApiDiscovery } from '../../../src/target/api-discovery.js';
import type { ApiDiscovery } from '../../../src/target/discover-api.js';
import { functionOfIntegrationUri } from '../../../src/target/integration-uri.js';
import { resolveScenario } from '../../../src/target/resolve-scenario.js';

const URL = 'https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod';
const arn = (name: string) => functionOfIntegrationUri(`arn:aws:lambda:eu-west-1:123456789012:function:${name}`)!;

function resolved() {
  const scenario: Scenario = {
    name: 'fold',
    target: { type: 'url', url: URL, api: { type: 'rest' }, function: { name: 'hello', region: 'eu-west-1', memoryMb: 256 } },
    phases: [{ type: 'constant', duration: '1s', rate: 1 }],
    requests: [{ path: '/a' }],
  };
  return resolveScenario({ file: 'fold.ts', dir: '.', scenario }).resolvedTarget;
}

describe('withApiDiscovery', () => {
  it('routes and facts read replace the scenario’s, each listed once with its API', () => {
    const found: ApiDiscovery = {
      routes: [
        { method: 'GET', path: '/a', routeKey: 'GET /a', integration: 'proxy', function: arn('hello') },
        { method: 'GET', path: '/b', routeKey: 'GET /b', integration: 'proxy', function: arn('other') },
      ],
      stage: { throttle: { rateRps: 100, burst: 50 }, routeThrottles: { 'GET /b': { rateRps: 1, burst: 1 } }, variables: { token: 's3cret', alias: 'live' } },
      configs: { hello: { memoryMb: 512, architecture: 'arm64', timeoutS: 6, runtime: 'nodejs22.x' } },
      warnings: [],
    };
    const target = withApiDiscovery(resolved(), found);
    expect(target.api).toMatchObject({ id: 'abc123defg', stage: 'prod', stageThrottle: { rateRps: 100, burst: 50 }, stageVariableNames: ['alias', 'token'] });
    expect(JSON.stringify(target)).not.toContain('s3cret');
    expect(target.routes.map((r) => [r.routeKey, r.function, r.throttle])).toEqual([
      ['GET /a', 'hello', undefined],
      ['GET /b', 'other', { rateRps: 1, burst: 1 }],
    ]);
    expect(target.functions.map((f) => [f.name, f.memoryMb, f.architecture, f.timeoutMs])).toEqual([
      ['hello', 512, 'arm64', 6_000],
      ['other', undefined, 'x86_64', undefined],
    ]);
    const paths = target.defaults.map((d) => d.path);
    expect(paths).not.toContain('target.function.architecture');
    expect(new Set(paths).size).toBe(paths.length);
    const source = (path: string) => target.defaults.find((d) => d.path === path)?.source;
    expect(source('target.functions.hello.architecture')).toBe('AWS lookup: lambda:GetFunctionConfiguration');
    expect(source('target.function.ephemeralStorageMb')).toMatch(/CreateFunction/);
    expect(source('target.functions.other.architecture')).toMatch(/CreateFunction/);
    expect(source('target.api.routeThrottles.GET /b') ?? source('target.api.routeThrottles["GET /b"]')).toMatch(/GetStage/);
    expect(missingFunctionFacts(target).map((w) => w.message)).toEqual([expect.stringContaining('memory size of function other is not known')]);
  });

  it('a refused read leaves the scenario’s target as it was', () => {
    const before = resolved();
    const after = withApiDiscovery(before, { configs: {}, warnings: [] });
    expect(after.functions).toEqual(before.functions);
    expect(after.routes).toEqual(before.routes);
    expect(after.defaults).toEqual(before.defaults);
    expect(missingFunctionFacts(after)).toEqual([]);
  });
});
