/**
 * The scenario's `evidence` key: the short form, the object form, and every problem at once with its key path.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario, type Problem } from '../../../../src/scenario/validate.js';

const scenario = (evidence: unknown) => ({
  name: 'evidence',
  target: { type: 'url', url: 'https://abcdefghij.execute-api.eu-west-1.amazonaws.com/prod', api: { type: 'http' } },
  phases: [{ type: 'constant', duration: '10s', rate: 1 }],
  requests: [{ path: '/hello' }],
  evidence,
});
const problemsOf = (evidence: unknown) => validateScenario(scenario(evidence), { file: 't.ts' }).map((p: Problem) => `${p.path}: ${p.message}`);

describe('scenario evidence key', () => {
  it.each([
    ['cloudwatch'],
    [{ source: 'cloudwatch' }],
    [{ source: 'cloudwatch', api: { name: 'shop', stage: 'prod' }, functions: ['a'], routes: [{ method: 'GET', path: '/items/{id}', function: 'a' }], wait: '0s', endpoint: 'http://127.0.0.1:3000' }],
  ])('accepts %j', (evidence) => {
    expect(problemsOf(evidence)).toEqual([]);
  });

  it('names the only source there is', () => {
    expect(problemsOf('xray')).toEqual(["evidence: must be 'cloudwatch' (the only evidence source so far) (got \"xray\")"]);
  });

  it('reports every problem of the object form at once', () => {
    expect(
      problemsOf({ source: 'logs', api: { nme: 'x' }, functions: [''], routes: [{ method: 'GET', path: 'items' }, 3], wait: 'soon', endpoint: 'localhost:3000', extra: 1 }),
    ).toEqual([
      expect.stringMatching(/^evidence\.extra: is not a known key/),
      "evidence.source: must be 'cloudwatch' (the only evidence source so far) (got \"logs\")",
      expect.stringMatching(/^evidence\.api\.nme: is not a known key; did you mean name\?/),
      'evidence.functions[0]: must be a function name (got "")',
      'evidence.routes[0].path: must start with / (got "items")',
      'evidence.routes[1]: must be an object (got 3)',
      expect.stringMatching(/^evidence\.wait: /),
      'evidence.endpoint: must be an http(s) URL (got "localhost:3000")',
    ]);
  });
});
