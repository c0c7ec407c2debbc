/**
 * A url target's API discovery against lambdaload's own emulator, through the real `@aws-sdk/client-api-gateway`,
 * `@aws-sdk/client-apigatewayv2` and `@aws-sdk/client-lambda`: every route's function and each function's memory
 * equal the emulator's configuration exactly, for a REST API (GetResources, GetIntegration, GetStage) and an HTTP
 * API (GetRoutes, GetIntegrations, GetStage), pages included; the stage's throttles reach the resolved target and the
 * quota checks of a run; an IAM refusal is a warning naming `apigateway:GET` and the resource, and the run keeps the
 * scenario's functions. The SDK signs with fake credentials from the environment.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APIGatewayClient, GetIntegrationCommand, GetResourcesCommand } from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFakeAwsEnv } from '../../support/aws-env.js';
import { EMULATOR_API_NAME } from '../../../src/cloudwatch/queries.js';
import { DENY_ENV } from '../../../src/emulator/aws/wire.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { resultProblems } from '../../../src/result/validate.js';
import { ensureBuilt, startCli } from '../cli/helpers.js';
import { discoverUrlTarget } from '../../../src/run/discover-url.js';
import { run } from '../../../src/run/run.js';
import type { FunctionSpec, Scenario, UrlTarget } from '../../../src/scenario/types.js';
import { resolveScenario } from '../../../src/target/resolve-scenario.js';

const FUNCTIONS = fileURLToPath(new URL('../../fixtures/functions/', import.meta.url));
const ENV_KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_LAMBDA', 'AWS_ENDPOINT_URL_API_GATEWAY', 'AWS_ENDPOINT_URL_APIGATEWAYV2', DENY_ENV];
const code = path.join(FUNCTIONS, 'node-esm');

let rest: RunningEmulator;
let http: RunningEmulator;

beforeAll(async () => {
  const functions: Record<string, FunctionSpec> = {
    hello: { code, handler: 'index.handler', memoryMb: 256, timeout: '7s', architecture: 'arm64' },
    items: { code, handler: 'index.handler', memoryMb: 1024 },
  };
  [rest, http] = await Promise.all([
    startEmulator(
      {
        type: 'emulator',
        spareRuntimes: 0,
        api: { type: 'rest', stage: 'prod', throttle: { rateRps: 50, burst: 20 }, routeThrottles: { 'GET /items/{id}': { rateRps: 5, burst: 2 } } },
        functions,
        routes: [
          { method: 'GET', path: '/hello', function: 'hello' },
          { method: 'POST', path: '/items', function: 'items', integration: 'lambda' },
          { method: 'GET', path: '/items/{id}', function: 'items' },
        ],
      },
      { scenarioDir: FUNCTIONS, region: 'eu-west-1' },
    ),
    startEmulator(
      {
        type: 'emulator',
        spareRuntimes: 0,
        api: { type: 'http', throttle: { rateRps: 30, burst: 10 }, routeThrottles: { 'GET /hello': { rateRps: 3, burst: 1 } } },
        functions,
        routes: [
          { method: 'GET', path: '/hello', function: 'hello' },
          { method: 'ANY', path: '/items/{proxy+}', function: 'items' },
        ],
      },
      { scenarioDir: FUNCTIONS, region: 'eu-west-1' },
    ),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([rest?.close(), http?.close()]);
});

useFakeAwsEnv(ENV_KEYS);

function urlScenario(emulator: RunningEmulator, type: 'rest' | 'http', extra: Partial<UrlTarget> = {}): Scenario {
  return {
    name: `discover-${type}`,
    target: { type: 'url', url: emulator.baseUrl, api: { type, id: emulator.apiId, stage: type === 'rest' ? 'prod' : '$default' }, region: 'eu-west-1', endpoint: emulator.url, ...extra },
    phases: [{ type: 'constant', duration: '1s', rate: 4 }],
    requests: [{ path: '/hello' }],
  };
}

const resolved = (scenario: Scenario) => resolveScenario({ file: path.join(FUNCTIONS, 'scenario.ts'), dir: FUNCTIONS, scenario });

describe('REST API discovery', () => {
  it("finds every route's function and each function's memory as the emulator runs them, one resource per page", async () => {
    const { scenario, warnings } = await discoverUrlTarget(resolved(urlScenario(rest, 'rest')), { pageSize: 1 });
    expect(warnings).toEqual([]);
    const target = scenario.resolvedTarget;
    expect(target.routes.map((r) => [r.routeKey, r.function, r.integration]).sort()).toEqual([
      ['GET /hello', 'hello', 'proxy'],
      ['GET /items/{id}', 'items', 'proxy'],
      ['POST /items', 'items', 'lambda'],
    ]);
    expect(Object.fromEntries(target.functions.map((f) => [f.name, [f.memoryMb, f.timeoutMs, f.architecture, f.runtime]]))).toEqual({
      hello: [256, 7_000, 'arm64', 'nodejs22.x'],
      items: [1024, 3_000, 'x86_64', 'nodejs22.x'],
    });
    expect(target.api).toMatchObject({ type: 'rest', id: rest.apiId, stage: 'prod', stageThrottle: { rateRps: 50, burst: 20 } });
    expect(target.routes.find((r) => r.routeKey === 'GET /items/{id}')?.throttle).toEqual({ rateRps: 5, burst: 2 });
    const sources = Object.fromEntries(target.defaults.map((d) => [d.path, d.source]));
    expect(sources['target.routes']).toMatch(/apigateway:GET \(GetResources/);
    expect(sources['target.functions.hello.memoryMb']).toBe('AWS lookup: lambda:GetFunctionConfiguration');
    expect(sources['target.api.throttle']).toMatch(/GetStage/);
  });

  it('serves GetIntegration on its own, and leaves unsigned requests on those paths to the API itself', async () => {
    const client = new APIGatewayClient({ region: 'eu-west-1', endpoint: rest.url });
    try {
      const resources = await client.send(new GetResourcesCommand({ restApiId: rest.apiId }));
      const items = resources.items?.find((r) => r.path === '/items');
      const integration = await client.send(new GetIntegrationCommand({ restApiId: rest.apiId, resourceId: items!.id!, httpMethod: 'POST' }));
      expect(integration).toMatchObject({ type: 'AWS', httpMethod: 'POST', uri: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:012345678912:function:items/invocations' });
      await expect(client.send(new GetResourcesCommand({ restApiId: 'nosuchapi0' }))).rejects.toMatchObject({ name: 'NotFoundException', $metadata: { httpStatusCode: 404 } });
    } finally {
      client.destroy();
    }
    const unsigned = await fetch(`${rest.url}/restapis/${rest.apiId}/resources`);
    expect(unsigned.headers.get('x-amzn-errortype')).not.toBe('NotFoundException');
    expect(await unsigned.text()).not.toContain('"item"');
  });

  it('an AccessDenied on apigateway:GET is a warning naming the action and the resource; the scenario’s functions stay', async () => {
    process.env[DENY_ENV] = 'apigateway:GET';
    const { scenario, warnings } = await discoverUrlTarget(resolved(urlScenario(rest, 'rest', { functions: { hello: { memoryMb: 512 }, items: {} }, routes: [{ method: 'GET', path: '/hello', function: 'hello' }, { method: 'GET', path: '/items/{id}', function: 'items' }] })));
    const denied = warnings.filter((w) => w.code === 'AWS_ACCESS_DENIED');
    expect(denied.map((w) => w.message)).toEqual([
      expect.stringContaining(`Grant apigateway:GET on arn:aws:apigateway:eu-west-1::/restapis/${rest.apiId}/stages/prod`),
      expect.stringContaining(`Grant apigateway:GET on arn:aws:apigateway:eu-west-1::/restapis/${rest.apiId}/resources`),
    ]);
    const target = scenario.resolvedTarget;
    expect(target.routes.map((r) => `${r.routeKey} → ${r.function}`)).toEqual(['GET /hello → hello', 'GET /items/{id} → items']);
    expect(target.functions.map((f) => [f.name, f.memoryMb])).toEqual([['hello', 512], ['items', undefined]]);
    expect(warnings.find((w) => w.code === 'FUNCTION_FACTS_MISSING')?.message).toMatch(/memory size of function items is not known/);
  });

  it('a refused GetFunctionConfiguration leaves the routes found and the memory unknown, visibly', async () => {
    process.env[DENY_ENV] = 'lambda:GetFunctionConfiguration';
    const { scenario, warnings } = await discoverUrlTarget(resolved(urlScenario(rest, 'rest')));
    expect(scenario.resolvedTarget.routes).toHaveLength(3);
    expect(warnings.filter((w) => w.code === 'AWS_ACCESS_DENIED').map((w) => w.message)).toEqual([
      expect.stringContaining('lambda:GetFunctionConfiguration was denied on arn:aws:lambda:eu-west-1:012345678912:function:hello (eu-west-1)'),
      expect.stringContaining('lambda:GetFunctionConfiguration was denied on arn:aws:lambda:eu-west-1:012345678912:function:items (eu-west-1)'),
    ]);
    expect(warnings.filter((w) => w.code === 'FUNCTION_FACTS_MISSING')).toHaveLength(2);
  });
});

describe('a run with CloudWatch evidence', () => {
  it('reads and prices each route with the function behind it, as discovered', async () => {
    const scenario: Scenario = {
      ...urlScenario(rest, 'rest'),
      phases: [{ type: 'constant', duration: '1s', rate: 6 }],
      requests: [{ path: '/hello' }, { path: '/items/7' }],
      evidence: { source: 'cloudwatch', endpoint: rest.url, api: { name: EMULATOR_API_NAME, stage: 'prod' }, wait: '0s' },
    };
    const result = await run({ scenario, seed: 1 });
    expect(result.warnings.map((w) => w.code)).not.toContain('FUNCTION_FACTS_MISSING');
    // Every route the API has, each counted as the emulator served it.
    const routes = Object.fromEntries(result.evidence?.api?.routes.map((r) => [r.route, r.count.value]) ?? []);
    const served = (fn: string) => rest.lambda.recentRecords().records.filter((r) => r.functionName === fn).length;
    expect(routes).toEqual({ 'GET /hello': served('hello'), 'GET /items/{id}': served('items'), 'POST /items': null });
    const basis = result.cost?.run.basis.functions.map((f) => [f.name, f.memoryMb, f.architecture]);
    expect(basis).toEqual([
      ['hello', 256, 'arm64'],
      ['items', 1024, 'x86_64'],
    ]);
  }, 30_000);
});

describe('lambdaload serve', () => {
  it('prints its API id and answers the lookups through the SDK', async () => {
    await ensureBuilt();
    const cli = startCli(['serve', 'test/fixtures/cli/emulator-hello.ts', '--port', '0', '--quiet']);
    try {
      const [, base] = await cli.waitForStdout(/^listening on (http:\/\/127\.0\.0\.1:\d+)$/m);
      const [, apiId] = await cli.waitForStdout(/^ {2}API id ([a-z0-9]{10}) /m);
      const scenario: Scenario = {
        name: 'serve-discovery',
        target: { type: 'url', url: base!, api: { id: apiId! }, endpoint: base!, region: 'us-east-1' },
        phases: [{ type: 'constant', duration: '1s', rate: 1 }],
        requests: [{ path: '/hello' }],
      };
      const { scenario: found, warnings } = await discoverUrlTarget(resolved(scenario));
      expect(warnings).toEqual([]);
      expect(found.resolvedTarget.api?.type).toBe('http');
      expect(found.resolvedTarget.routes.map((r) => `${r.routeKey} → ${r.function}`)).toEqual(['GET /hello → hello']);
      expect(found.resolvedTarget.functions.map((f) => [f.name, f.memoryMb, f.runtime])).toEqual([['hello', 128, 'nodejs22.x']]);
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
  }, 60_000);
});

describe('where the lookups go', () => {
  it("the SDK's own AWS_ENDPOINT_URL_API_GATEWAY and AWS_ENDPOINT_URL_LAMBDA reach the emulator without target.endpoint", async () => {
    process.env.AWS_ENDPOINT_URL_API_GATEWAY = rest.url;
    process.env.AWS_ENDPOINT_URL_LAMBDA = rest.url;
    const { scenario, warnings } = await discoverUrlTarget(resolved(urlScenario(rest, 'rest', { endpoint: undefined })));
    expect(warnings).toEqual([]);
    expect(scenario.resolvedTarget.functions.map((f) => [f.name, f.memoryMb])).toEqual([['hello', 256], ['items', 1024]]);
  });

  it.each(['rest', 'http'] as const)('an API id without its type: the lookups find it is a %s API', async (type) => {
    const emulator = type === 'rest' ? rest : http;
    const given = urlScenario(emulator, type);
    const target = given.target as UrlTarget;
    const { scenario, warnings } = await discoverUrlTarget(resolved({ ...given, target: { ...target, api: { id: emulator.apiId, ...(target.api?.stage ? { stage: target.api.stage } : {}) } } }));
    expect(warnings).toEqual([]);
    expect(scenario.resolvedTarget.api?.type).toBe(type);
    expect(scenario.resolvedTarget.defaults.find((d) => d.path === 'target.api.type')?.source).toMatch(/^AWS lookup: apigateway:GET/);
    expect(scenario.resolvedTarget.routes.length).toBeGreaterThan(1);
  });

  it('a URL on this machine with lookups that would reach AWS is left alone, with a warning', async () => {
    const { scenario, warnings } = await discoverUrlTarget(resolved(urlScenario(rest, 'rest', { endpoint: undefined, function: { name: 'hello', region: 'eu-west-1', memoryMb: 256 } })));
    expect(warnings.map((w) => w.code)).toEqual(['API_DISCOVERY_SKIPPED']);
    expect(scenario.resolvedTarget.routes).toEqual([]);
  });
});

describe('HTTP API discovery', () => {
  it("finds every route's function through GetRoutes and GetIntegrations, one item per page", async () => {
    const { scenario, warnings } = await discoverUrlTarget(resolved(urlScenario(http, 'http')), { pageSize: 1 });
    expect(warnings).toEqual([]);
    const target = scenario.resolvedTarget;
    expect(target.routes.map((r) => [r.routeKey, r.function])).toEqual([
      ['GET /hello', 'hello'],
      ['ANY /items/{proxy+}', 'items'],
    ]);
    expect(target.functions.map((f) => [f.name, f.memoryMb])).toEqual([['hello', 256], ['items', 1024]]);
    expect(target.api?.stageThrottle).toEqual({ rateRps: 30, burst: 10 });
    expect(target.routes[0]?.throttle).toEqual({ rateRps: 3, burst: 1 });
  });

  it("a run's quota checks use the stage throttle GetStage read", async () => {
    const result = await run({ scenario: urlScenario(http, 'http'), seed: 1 });
    // As written to a file: the discovered target fits the result contract.
    expect(resultProblems(JSON.parse(JSON.stringify(result)))).toEqual([]);
    expect(result.scenario.target.api?.stageThrottle).toEqual({ rateRps: 30, burst: 10 });
    const throttle = result.quotas.find((f) => f.id === 'apigw.throttle.measured');
    expect(throttle?.evidence).toContain('your throttle 30 req/s, burst 10');
    expect(throttle?.limit).toBe(30);
    expect(result.warnings.map((w) => w.code)).not.toContain('FUNCTION_FACTS_MISSING');
  }, 30_000);

  it('an AccessDenied on apigateway:GET names the HTTP API’s routes resource', async () => {
    process.env[DENY_ENV] = '*';
    const { warnings } = await discoverUrlTarget(resolved(urlScenario(http, 'http', { function: { name: 'hello', region: 'eu-west-1', memoryMb: 256 } })));
    const denied = warnings.filter((w) => w.code === 'AWS_ACCESS_DENIED').map((w) => w.message);
    expect(denied).toEqual([
      expect.stringContaining(`Grant apigateway:GET on arn:aws:apigateway:eu-west-1::/apis/${http.apiId}/stages/$default`),
      expect.stringContaining(`Grant apigateway:GET on arn:aws:apigateway:eu-west-1::/apis/${http.apiId}/routes`),
    ]);
  });
});
