import { describe, expect, it } from 'vitest';
import { LambdaloadError } from '../../../src/errors.js';
import { assertValidScenario, validateScenario, type Problem } from '../../../src/scenario/validate.js';
import full from '../../fixtures/scenarios/full.js';
import { scenario as urlScenario } from '../../fixtures/scenarios/url-named-export.js';

// A valid emulator scenario that each case below breaks in one place.
const base = () => ({
  name: 'base',
  target: {
    type: 'emulator',
    api: { type: 'rest' },
    functions: { hello: { handler: 'index.handler' } },
    routes: [{ method: 'GET', path: '/hello', function: 'hello' }],
  } as Record<string, any>,
  phases: [
    { type: 'constant', duration: '10s', rate: 10 },
    { type: 'spike', duration: '10s', rate: 1, spikeRate: 10, spikeDuration: '2s' },
  ] as Record<string, any>[],
  requests: [{ path: '/hello' }] as Record<string, any>[],
  thresholds: [{ metric: 'latency', percentile: 'p99', maxMs: 100 }] as Record<string, any>[],
} as Record<string, any>);

const urlTarget = () => ({ type: 'url', url: 'https://example.com/prod' }) as Record<string, any>;

/** The problems of a broken scenario as `path: message`, for readable failures. */
const problemsOf = (value: unknown) => validateScenario(value, { file: 'test.ts' }).map((p: Problem) => `${p.path}: ${p.message}`);

describe('validateScenario: valid scenarios', () => {
  it.each([
    ['the base case', base()],
    ['the full fixture (every option)', full],
    ['a url target exported by name', urlScenario],
    ['a direct Lambda invoke target', { ...base(), target: { type: 'lambda', functionName: 'hello', region: 'us-gov-west-1' }, requests: [{ json: { id: '{{seq}}' } }] }],
    ['a 15 min timeout, the Lambda maximum', (() => { const s = base(); s.target.functions.hello.timeout = '15m'; return s; })()],
    ['a provided runtime without a dotted handler', (() => { const s = base(); s.target.functions.hello = { handler: 'bootstrap', runtime: 'provided.al2023' }; return s; })()],
    ['an HTTP API with $default', (() => { const s = base(); s.target.api = { type: 'http', payloadFormat: '1.0' }; s.target.routes[0].path = '$default'; s.target.routes[0].method = 'ANY'; return s; })()],
  ])('accepts %s', (_name, scenario) => {
    expect(problemsOf(scenario)).toEqual([]);
  });
});

type Case = [name: string, edit: (s: Record<string, any>) => void, expected: Array<[path: string, fragment: string]>];

const cases: Case[] = [
  // Top level
  ['an unknown top-level key', (s) => { s.phase = s.phases; }, [['phase', 'is not a known key; did you mean phases?']]],
  ['an empty name', (s) => { s.name = ' '; }, [['name', 'must not be empty']]],
  ['a description that is not text', (s) => { s.description = 3; }, [['description', 'must be a string (got 3)']]],
  // Target
  ['a mistyped target type', (s) => { s.target.type = 'emulater'; }, [['target.type', "did you mean 'emulator'?"]]],
  ['a missing api', (s) => { delete s.target.api; }, [['target.api', 'is required']]],
  ['an upper-case api type', (s) => { s.target.api.type = 'REST'; }, [['target.api.type', "must be one of 'rest', 'http' (got \"REST\"); did you mean 'rest'?"]]],
  ['payload format 2.0 on REST', (s) => { s.target.api.payloadFormat = '2.0'; }, [['target.api.payloadFormat', 'only applies to HTTP APIs']]],
  ['a throttle without burst', (s) => { s.target.api.throttle = { rateRps: 0 }; }, [['target.api.throttle.rateRps', 'must be > 0'], ['target.api.throttle.burst', 'is required']]],
  ['a route throttle for no route', (s) => { s.target.api.routeThrottles = { 'GET /helo': { rateRps: 1, burst: 1 } }; }, [['target.api.routeThrottles["GET /helo"]', "matches no route (keys are 'METHOD /path' as in target.routes); did you mean 'GET /hello'?"]]],
  ['no functions', (s) => { s.target.functions = {}; }, [['target.functions', 'at least one function'], ['target.routes[0].function', 'names no function in target.functions (none is defined)']]],
  ['an unknown runtime', (s) => { s.target.functions.hello.runtime = 'nodejs18.x'; }, [['target.functions.hello.runtime', "must be one of 'nodejs20.x'"]]],
  ['memory below the Lambda minimum', (s) => { s.target.functions.hello.memoryMb = 64; }, [['target.functions.hello.memoryMb', 'must be from 128 to 10240']]],
  ['memory above the Lambda maximum', (s) => { s.target.functions.hello.memoryMb = 10_241; }, [['target.functions.hello.memoryMb', 'must be from 128 to 10240']]],
  ['fractional memory', (s) => { s.target.functions.hello.memoryMb = 512.5; }, [['target.functions.hello.memoryMb', 'must be a whole number']]],
  ['memory given as text', (s) => { s.target.functions.hello.memoryMb = '1024'; }, [['target.functions.hello.memoryMb', 'must be a number (got "1024")']]],
  ['a timeout over 900 s', (s) => { s.target.functions.hello.timeout = '901s'; }, [['target.functions.hello.timeout', 'must be at most 900 s']]],
  ['/tmp below 512 MB', (s) => { s.target.functions.hello.ephemeralStorageMb = 256; }, [['target.functions.hello.ephemeralStorageMb', 'must be from 512 to 10240']]],
  ['a handler without export', (s) => { s.target.functions.hello.handler = 'index'; }, [['target.functions.hello.handler', "must be 'file.export'"]]],
  ['a missing handler', (s) => { delete s.target.functions.hello.handler; }, [['target.functions.hello.handler', 'is required']]],
  ['a unit-less memory key', (s) => { s.target.functions.hello.memory = 512; }, [['target.functions.hello.memory', 'is not a known key; did you mean memoryMb?']]],
  ['an environment value that is not text', (s) => { s.target.functions.hello.environment = { DEBUG: true }; }, [['target.functions.hello.environment.DEBUG', 'must be a string']]],
  ['negative reserved concurrency', (s) => { s.target.functions.hello.reservedConcurrency = -1; }, [['target.functions.hello.reservedConcurrency', 'must be >= 0']]],
  ['a lower-case route method', (s) => { s.target.routes[0].method = 'get'; }, [['target.routes[0].method', "did you mean 'GET'?"]]],
  ['a route to an unknown function', (s) => { s.target.routes[0].function = 'helo'; }, [['target.routes[0].function', "names no function in target.functions (known: hello); did you mean 'hello'?"]]],
  ['a route path without a slash', (s) => { s.target.routes[0].path = 'hello'; }, [['target.routes[0].path', "must start with '/'"]]],
  ['$default on a REST API', (s) => { s.target.routes[0].path = '$default'; }, [['target.routes[0].path', 'HTTP API catch-all']]],
  ['the same route twice', (s) => { s.target.routes.push({ ...s.target.routes[0] }); }, [['target.routes[1]', "repeats the route 'GET /hello' of target.routes[0]"]]],
  ['no routes', (s) => { s.target.routes = []; }, [['target.routes', 'at least one route']]],
  ['a non-proxy integration on an HTTP API', (s) => { s.target.api.type = 'http'; s.target.routes[0].integration = 'lambda'; }, [['target.routes[0].integration', 'REST APIs only']]],
  ['a port out of range', (s) => { s.target.port = 70_000; }, [['target.port', 'must be from 0 to 65535']]],
  ['an emulator key on a url target', (s) => { s.target = { ...urlTarget(), spareRuntimes: 1 }; }, [['target.spareRuntimes', 'is not a known key']]],
  ['a url that is not http(s)', (s) => { s.target = { ...urlTarget(), url: 'ftp://example.com' }; }, [['target.url', 'must be an http:// or https:// URL (got "ftp://example.com")']]],
  ['a url that is not a url', (s) => { s.target = { ...urlTarget(), url: 'example.com/prod' }; }, [['target.url', 'must be an http:// or https:// URL']]],
  ['url function facts incomplete', (s) => { s.target = { ...urlTarget(), function: { name: 'f', region: 'Ireland' } }; }, [['target.function.region', "must be an AWS Region code such as 'us-east-1'"], ['target.function.memoryMb', 'is required']]],
  ['a lambda target without a function name', (s) => { s.target = { type: 'lambda', region: 'eu-west-1' }; s.requests = [{ json: {} }]; }, [['target.functionName', 'is required']]],
  // Phases
  ['no phases', (s) => { s.phases = []; }, [['phases', 'at least one phase']]],
  ['phases missing', (s) => { delete s.phases; }, [['phases', 'is required']]],
  ['an unknown phase type', (s) => { s.phases[0].type = 'steady'; }, [['phases[0].type', "must be one of 'constant', 'ramp', 'spike', 'pause', 'closed'"]]],
  ['a zero rate', (s) => { s.phases[0].rate = 0; }, [['phases[0].rate', 'must be > 0']]],
  ['a rate given as text', (s) => { s.phases[0].rate = '10'; }, [['phases[0].rate', 'must be a number (got "10")']]],
  ['a missing duration', (s) => { delete s.phases[0].duration; }, [['phases[0].duration', 'is required']]],
  ['a zero duration', (s) => { s.phases[0].duration = 0; }, [['phases[0].duration', 'must be longer than 0']]],
  ['a duration in words', (s) => { s.phases[0].duration = '30 sec'; }, [['phases[0].duration', "did you mean '30s'?"]]],
  ['a typo in a phase key', (s) => { s.phases[0].duraton = '1s'; }, [['phases[0].duraton', 'is not a known key; did you mean duration?']]],
  ['a ramp key with the wrong case', (s) => { s.phases[0].rampto = 5; }, [['phases[0].rampto', 'is not a known key; did you mean rampTo?']]],
  ['a closed-model key in an open phase', (s) => { s.phases[0].connections = 5; }, [['phases[0].connections', 'is not used by a constant phase (only by closed phases)']]],
  ['an unknown arrivals process', (s) => { s.phases[0].arrivals = 'random'; }, [['phases[0].arrivals', "must be one of 'uniform', 'poisson'"]]],
  ['a ramp to 0', (s) => { s.phases[0] = { type: 'ramp', duration: '5s', rate: 1, rampTo: 0 }; }, [['phases[0].rampTo', 'must be > 0']]],
  ['a ramp from below 0', (s) => { s.phases[0] = { type: 'ramp', duration: '5s', rate: -1, rampTo: 5 }; }, [['phases[0].rate', 'must be >= 0']]],
  ['a ramp without rampTo', (s) => { s.phases[0] = { type: 'ramp', duration: '5s', rate: 1 }; }, [['phases[0].rampTo', 'is required']]],
  ['a closed phase with 0 connections', (s) => { s.phases[0] = { type: 'closed', duration: '5s', connections: 0 }; }, [['phases[0].connections', 'must be >= 1']]],
  ['a closed phase with 1.5 connections', (s) => { s.phases[0] = { type: 'closed', duration: '5s', connections: 1.5 }; }, [['phases[0].connections', 'must be a whole number']]],
  ['a spike longer than its phase', (s) => { s.phases[1].spikeDuration = '11s'; }, [['phases[1].spikeDuration', 'is longer than its phase (11s > 10s)']]],
  ['a spike that ends after its phase', (s) => { s.phases[1].spikeAt = '9s'; }, [['phases[1].spikeAt', 'puts the spike outside its phase: it ends at 11s, the phase lasts 10s']]],
  ['a spike without spikeRate', (s) => { delete s.phases[1].spikeRate; }, [['phases[1].spikeRate', 'is required']]],
  ['two phases with one name', (s) => { s.phases[0].name = 'main'; s.phases[1].name = 'main'; }, [['phases[1].name', "repeats the name 'main' of phases[0]"]]],
  ['a pause with a rate', (s) => { s.phases[0] = { type: 'pause', duration: '1s', rate: 3 }; }, [['phases[0].rate', 'is not used by a pause phase']]],
  // Requests
  ['no requests', (s) => { s.requests = []; }, [['requests', 'at least one request']]],
  ['a request without a path', (s) => { s.requests[0] = { method: 'GET' }; }, [['requests[0].path', 'is required']]],
  ['a request path without a slash', (s) => { s.requests[0].path = 'hello'; }, [['requests[0].path', "must start with '/'"]]],
  ['an unknown method', (s) => { s.requests[0].method = 'FETCH'; }, [['requests[0].method', "must be one of 'GET'"]]],
  ['a zero weight', (s) => { s.requests[0].weight = 0; }, [['requests[0].weight', 'must be > 0']]],
  ['json and body together', (s) => { s.requests[0].json = {}; s.requests[0].body = 'x'; }, [['requests[0].body', 'cannot be used with json']]],
  ['a header value that is a number', (s) => { s.requests[0].headers = { 'x-n': 1 }; }, [['requests[0].headers["x-n"]', 'must be a string']]],
  ['a query value that is a number', (s) => { s.requests[0].query = { page: 2 }; }, [['requests[0].query.page', 'must be a string or a list of strings']]],
  ['a status that is not HTTP', (s) => { s.requests[0].expect = { status: 700 }; }, [['requests[0].expect.status', 'must be from 100 to 599']]],
  ['an empty status list', (s) => { s.requests[0].expect = { status: [] }; }, [['requests[0].expect.status', 'at least one status code']]],
  ['a bad status in a list', (s) => { s.requests[0].expect = { status: [200, 99] }; }, [['requests[0].expect.status[1]', 'must be from 100 to 599']]],
  ['a typo in expect', (s) => { s.requests[0].expect = { bodyContain: 'x' }; }, [['requests[0].expect.bodyContain', 'did you mean bodyContains?']]],
  ['two requests with the same default name', (s) => { s.requests.push({ path: '/hello', headers: { a: 'b' } }); }, [['requests[1]', "repeats the request name 'GET /hello' of requests[0]; give the requests distinct names"]]],
  ['two requests with the same name', (s) => { s.requests = [{ name: 'a', path: '/x' }, { name: 'a', path: '/y' }]; }, [['requests[1].name', "repeats the request name 'a' of requests[0]"]]],
  // Thresholds
  ['a mistyped metric', (s) => { s.thresholds[0].metric = 'latancy'; }, [['thresholds[0].metric', "did you mean 'latency'?"]]],
  ['an unknown percentile', (s) => { s.thresholds[0].percentile = 'p95'; }, [['thresholds[0].percentile', "must be one of 'p50', 'p90', 'p99', 'p99.9', 'max', 'mean'"]]],
  ['max instead of maxMs', (s) => { s.thresholds[0] = { metric: 'latency', percentile: 'p99', max: 100 }; }, [['thresholds[0].max', 'did you mean maxMs?'], ['thresholds[0].maxMs', 'is required']]],
  ['a latency threshold on no request', (s) => { s.thresholds[0].request = 'GET /helo'; }, [['thresholds[0].request', "names no request (known: 'GET /hello'); did you mean 'GET /hello'?"]]],
  ['an unknown start label', (s) => { s.thresholds[0].start = 'hot'; }, [['thresholds[0].start', "must be one of 'all', 'cold', 'warm', 'unknown'"]]],
  ['an error rate of 5 (not a fraction)', (s) => { s.thresholds = [{ metric: 'errorRate', max: 5 }]; }, [['thresholds[0].max', 'must be from 0 to 1']]],
  ['a cold-start rate below 0', (s) => { s.thresholds = [{ metric: 'coldStartRate', max: -0.1 }]; }, [['thresholds[0].max', 'must be from 0 to 1']]],
  ['a quota headroom of 0', (s) => { s.thresholds = [{ metric: 'quotaHeadroom', maxUsedFraction: 0 }]; }, [['thresholds[0].maxUsedFraction', 'must be > 0']]],
  ['a percentile on an error-rate threshold', (s) => { s.thresholds = [{ metric: 'errorRate', max: 0.1, percentile: 'p99' }]; }, [['thresholds[0].percentile', 'is not a known key']]],
  // HTTP options and projection
  ['0 connections', (s) => { s.http = { connections: 0 }; }, [['http.connections', 'must be >= 1']]],
  ['a timeout in words', (s) => { s.http = { timeout: 'fast' }; }, [['http.timeout', 'must be a duration']]],
  ['a typo in http', (s) => { s.http = { maxInflight: 10 }; }, [['http.maxInflight', 'did you mean maxInFlight?']]],
  ['a projection region that is not a code', (s) => { s.projection = { region: 'useast1' }; }, [['projection.region', 'AWS Region code']]],
  ['a free tier switch as text', (s) => { s.projection = { freeTier: 'yes' }; }, [['projection.freeTier', 'must be true or false']]],
  ['a SnapStart alternative without its restore duration', (s) => { s.projection = { alternatives: { snapStart: {} } }; }, [['projection.alternatives.snapStart.restoreDuration', 'is required']]],
  ['a typo among the alternatives', (s) => { s.projection = { alternatives: { snapstart: { restoreDuration: '200ms' } } }; }, [['projection.alternatives.snapstart', 'did you mean snapStart?']]],
  ['negative Managed Instances hours and an empty instance type', (s) => { s.projection = { alternatives: { managedInstances: { instanceHours: -1, instanceType: '' } } }; }, [['projection.alternatives.managedInstances.instanceHours', 'must be >= 0'], ['projection.alternatives.managedInstances.instanceType', 'must not be empty']]],
];

describe('validateScenario: each problem at its key path', () => {
  it.each(cases)('reports %s', (_name, edit, expected) => {
    const scenario = base();
    edit(scenario);
    const problems = validateScenario(scenario, { file: 'test.ts' });
    expect(problems.map((p) => p.path)).toEqual(expected.map(([path]) => path));
    expected.forEach(([, fragment], i) => expect(problems[i].message).toContain(fragment));
  });

  it('reports every problem of every case at once', () => {
    const scenario = base();
    // Cases that edit different keys; together they must give the sum of their problems.
    const picked = ['an unknown top-level key', 'memory below the Lambda minimum', 'a typo in a phase key', 'a spike that ends after its phase', 'a zero weight', 'an error rate of 5 (not a fraction)', '0 connections'];
    const chosen = cases.filter(([name]) => picked.includes(name));
    for (const [, edit] of chosen) edit(scenario);
    const paths = validateScenario(scenario, { file: 'test.ts' }).map((p) => p.path);
    expect(paths.sort()).toEqual(chosen.flatMap(([, , expected]) => expected.map(([path]) => path)).sort());
  });

  it('reports the required keys of an empty scenario together', () => {
    expect(problemsOf({}).map((p) => p.split(':')[0])).toEqual(['name', 'target', 'phases', 'requests']);
  });

  it.each([[42], [null], [[]], ['scenario']])('rejects a scenario that is not an object: %j', (value) => {
    const problems = validateScenario(value, { file: 'test.ts' });
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('');
    expect(problems[0].message).toContain('export default defineScenario(');
  });
});

describe('assertValidScenario', () => {
  it('returns a valid scenario unchanged', () => {
    const scenario = base();
    expect(assertValidScenario(scenario, { file: 'ok.ts' })).toBe(scenario);
  });

  it('throws SCENARIO_INVALID (exit 2) with one line per problem, lines included when the source has them', () => {
    const source = [
      "export default defineScenario({", // 1
      "  name: 'x',", // 2
      "  target: { type: 'url', url: 'https://example.com' },", // 3
      '  phases: [', // 4
      "    { type: 'ramp', duration: '5s', rate: 1, rampTo: 0 },", // 5
      '  ],', // 6
      "  requests: [{ path: '/a', weight: -1 }],", // 7
      '});', // 8
    ].join('\n');
    const value = {
      name: 'x',
      target: { type: 'url', url: 'https://example.com' },
      phases: [{ type: 'ramp', duration: '5s', rate: 1, rampTo: 0 }],
      requests: [{ path: '/a', weight: -1 }],
    };
    let error: unknown;
    try {
      assertValidScenario(value, { file: 'scenarios/x.ts', source });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LambdaloadError);
    const invalid = error as LambdaloadError;
    expect(invalid.code).toBe('SCENARIO_INVALID');
    expect(invalid.exitCode).toBe(2);
    expect(invalid.message).toBe('scenarios/x.ts: 2 problems');
    expect(invalid.problems).toEqual([
      'scenarios/x.ts:5 phases[0].rampTo must be > 0 (arrivals per second at the end; got 0)',
      'scenarios/x.ts:7 requests[0].weight must be > 0 (got -1)',
    ]);
    expect(invalid.hint).toBeTruthy();
  });
});
