/**
 * Scenarios that invoke directly: a `lambda` target, or the emulator with `invoke: 'direct'`. Their requests are
 * events (`json`); HTTP parts are refused at their key paths, and the function to invoke must be clear.
 */
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../../src/target/resolve-scenario.js';
import { validateScenario } from '../../../src/scenario/validate.js';
import type { Scenario } from '../../../src/scenario/types.js';

const problemsOf = (scenario: unknown) => validateScenario(scenario, { file: 's.ts' }).map((p) => [p.path, p.message]);
const lambda = (extra: Record<string, unknown> = {}, requests: unknown[] = [{ json: { id: '{{seq}}' } }]) => ({
  name: 'direct',
  target: { type: 'lambda', functionName: 'orders', region: 'eu-west-1', ...extra },
  phases: [{ type: 'constant', duration: '1s', rate: 1 }],
  requests,
});
const direct = (extra: Record<string, unknown> = {}) => ({
  name: 'direct',
  target: { type: 'emulator', invoke: 'direct', functions: { a: { handler: 'index.handler' }, b: { handler: 'index.handler' } }, functionName: 'a', ...extra },
  phases: [{ type: 'constant', duration: '1s', rate: 1 }],
  requests: [{ json: {} }],
});

describe('direct-invoke scenarios', () => {
  it.each([
    ['a lambda target with a qualifier and a loopback endpoint', lambda({ qualifier: 'live', endpoint: 'http://127.0.0.1:3000' })],
    ['a lambda target by ARN', lambda({ functionName: 'arn:aws:lambda:eu-west-1:123456789012:function:orders' })],
    ['a request with no event at all (the event is {})', lambda({}, [{}])],
    ['named requests with weights and a status rule', lambda({}, [{ name: 'a', json: 1, weight: 2 }, { name: 'b', json: 'x', expect: { status: [200, 429] } }])],
    ['the emulator invoked directly, no api or routes', direct()],
    ['the emulator invoked directly, one function and no functionName', { ...direct(), target: { type: 'emulator', invoke: 'direct', functions: { a: { handler: 'index.handler' } } } }],
  ])('accepts %s', (_name, scenario) => {
    expect(problemsOf(scenario)).toEqual([]);
  });

  it('refuses each HTTP part of a request at its key path', () => {
    const problems = problemsOf(lambda({}, [{ name: 'a', method: 'POST', path: '/x', query: { a: 'b' }, headers: { h: 'v' } }, { name: 'b', body: 'raw' }]));
    expect(problems.map(([p]) => p)).toEqual(['requests[0].method', 'requests[0].path', 'requests[0].query', 'requests[0].headers', 'requests[1].body']);
    for (const [, message] of problems) expect(message).toContain('is not used by direct invoke');
  });

  it('two unnamed requests share the default name invoke', () => {
    expect(problemsOf(lambda({}, [{ json: 1 }, { json: 2 }]))).toEqual([['requests[1]', "repeats the request name 'invoke' of requests[0]; give the requests distinct names"]]);
  });

  it.each([
    ['a bad function name', { functionName: 'no spaces' }, 'target.functionName', 'is not a Lambda function name'],
    ['a bad qualifier', { qualifier: 'a/b' }, 'target.qualifier', 'is not a version or alias'],
    ['a qualifier given twice', { functionName: 'orders:live', qualifier: 'live' }, 'target.qualifier', 'is given twice'],
    ['an endpoint that is not a URL', { endpoint: 'localhost:3000' }, 'target.endpoint', 'must be an http:// or https:// URL'],
    ['an unknown key', { memoryMb: 128 }, 'target.memoryMb', 'is not a known key'],
  ])('lambda target: %s', (_name, extra, path, fragment) => {
    const problems = problemsOf(lambda(extra));
    expect(problems.map(([p]) => p)).toEqual([path]);
    expect(problems[0]![1]).toContain(fragment);
  });

  it.each([
    ['several functions and no functionName', { functionName: undefined }, 'target.functionName', 'is required with invoke: \'direct\' and several functions: name the one to invoke (a, b)'],
    ['a functionName that is not a function', { functionName: 'c' }, 'target.functionName', '"c" is not one of target.functions (a, b)'],
    ['an unknown invoke mode', { invoke: 'sideways' }, 'target.invoke', "must be one of 'gateway', 'direct'"],
  ])('emulator target: %s', (_name, extra, path, fragment) => {
    const problems = problemsOf(direct(extra));
    expect(problems.map(([p]) => p)).toContain(path);
    expect(problems.find(([p]) => p === path)![1]).toContain(fragment);
  });

  it('the gateway path still needs api and routes, and takes no functionName', () => {
    const scenario = { ...direct(), target: { type: 'emulator', functions: { a: { handler: 'index.handler' } }, functionName: 'a' }, requests: [{ path: '/a' }] };
    expect(problemsOf(scenario).map(([p]) => p)).toEqual(['target.functionName', 'target.api', 'target.routes']);
  });

  it('resolves a direct emulator target without an API: nothing of API Gateway to price or check', () => {
    const resolved = resolveScenario({ file: 's.ts', dir: '.', scenario: direct() as Scenario });
    expect(resolved.resolvedTarget).toMatchObject({ type: 'emulator', routes: [], invoke: { functionName: 'a' } });
    expect(resolved.resolvedTarget.api).toBeUndefined();
    expect(resolved.resolvedTarget.defaults.some((d) => d.path.startsWith('target.api'))).toBe(false);
    expect(resolved.requests.map((r) => r.name)).toEqual(['invoke']);
  });
});
