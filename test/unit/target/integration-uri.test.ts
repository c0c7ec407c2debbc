/**
 * Reading a deployed API's addresses: execute-api URLs, and the Lambda function behind an integration URI in the
 * forms REST and HTTP APIs use (API Gateway's "Set up Lambda integrations"), with versions, aliases, other
 * partitions, and URIs that name no function lambdaload can read. Also the url target's new keys, checked with
 * their key paths.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/scenario/validate.js';
import { functionOfIntegrationUri, parseExecuteApiUrl, usesStageVariable, withStageVariables } from '../../../src/target/integration-uri.js';

const FN = 'arn:aws:lambda:eu-west-1:123456789012:function:orders';

describe('functionOfIntegrationUri', () => {
  it.each([
    ['REST Lambda path form', `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${FN}/invocations`, { name: 'orders', arn: FN, region: 'eu-west-1', accountId: '123456789012' }],
    ['HTTP API function ARN', FN, { name: 'orders', arn: FN }],
    ['an alias', `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${FN}:live/invocations`, { name: 'orders', qualifier: 'live', arn: `${FN}:live` }],
    ['a version, percent-encoded', `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${FN}%3A7/invocations`, { name: 'orders', qualifier: '7' }],
    ['the China partition', 'arn:aws-cn:lambda:cn-north-1:123456789012:function:orders', { name: 'orders', region: 'cn-north-1' }],
  ])('%s', (_label, uri, expected) => {
    expect(functionOfIntegrationUri(uri)).toMatchObject(expected);
  });

  it.each([
    ['an HTTP integration', 'https://backend.example.com/orders'],
    ['an AWS service integration', 'arn:aws:apigateway:eu-west-1:sqs:path/123456789012/queue'],
    ['a stage variable', 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:${stageVariables.fn}/invocations'],
    ['no URI (a mock)', undefined],
  ])('%s names no function', (_label, uri) => {
    expect(functionOfIntegrationUri(uri)).toBeUndefined();
  });

  it("reads a function named through a stage variable once the stage's variables are put in", () => {
    const uri = 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:${stageVariables.fn}:${stageVariables.alias}/invocations';
    expect(functionOfIntegrationUri(withStageVariables(uri, { fn: 'orders', alias: 'live' }))).toMatchObject({ name: 'orders', qualifier: 'live' });
    // A variable the stage does not define stays, and names no function.
    expect(functionOfIntegrationUri(withStageVariables(uri, { fn: 'orders' }))).toBeUndefined();
  });

  it('tells a stage-variable URI apart', () => {
    expect(usesStageVariable('arn:aws:lambda:eu-west-1:123456789012:function:${stageVariables.fn}')).toBe(true);
    expect(usesStageVariable(FN)).toBe(false);
  });
});

describe('parseExecuteApiUrl', () => {
  it.each([
    ['https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/items', { apiId: 'abc123defg', region: 'eu-west-1', stage: 'prod' }],
    ['https://abc123defg.execute-api.us-gov-west-1.amazonaws.com', { apiId: 'abc123defg', region: 'us-gov-west-1' }],
    ['https://abc123defg.execute-api.ap-southeast-2.amazonaws.com/', { apiId: 'abc123defg', region: 'ap-southeast-2' }],
  ])('%s', (url, expected) => {
    expect(parseExecuteApiUrl(url)).toEqual(expected);
  });

  it.each(['https://api.example.com/prod', 'http://127.0.0.1:3000/dev', 'https://abc.execute-api.eu-west-1.amazonaws.com/prod'])('%s is not one', (url) => {
    expect(parseExecuteApiUrl(url)).toBeUndefined();
  });
});

describe('url target keys', () => {
  const problemsOf = (target: object) =>
    validateScenario({ name: 't', target, phases: [{ type: 'constant', duration: '1s', rate: 1 }], requests: [{ path: '/' }] }, { file: 't.ts' }).map((p) => `${p.path}: ${p.message}`);

  it('takes functions with routes by hand, an API id, stage, Region and endpoint', () => {
    expect(
      problemsOf({
        type: 'url',
        url: 'http://127.0.0.1:3000/prod',
        api: { type: 'rest', id: 'abc123defg', stage: 'prod', lookup: true },
        region: 'eu-west-1',
        endpoint: 'http://127.0.0.1:3000',
        functions: { orders: { memoryMb: 512, architecture: 'arm64', timeout: '10s' }, users: {} },
        routes: [{ method: 'GET', path: '/orders', function: 'orders' }, { method: 'ANY', path: '/users/{proxy+}', function: 'users' }],
      }),
    ).toEqual([]);
  });

  it('reports each wrong key with its path', () => {
    expect(
      problemsOf({
        type: 'url',
        url: 'https://x.example.com',
        api: { type: 'rest', stage: 'bad stage', lookup: 'yes' },
        endpoint: 'not a url',
        function: { name: 'a', region: 'eu-west-1', memoryMb: 128 },
        functions: { orders: { memoryMb: 64, handler: 'x' } },
        routes: [{ method: 'GET', path: '/o', function: 'order' }],
      }),
    ).toEqual([
      expect.stringMatching(/^target\.api\.stage: /),
      expect.stringMatching(/^target\.api\.lookup: /),
      expect.stringMatching(/^target\.endpoint: /),
      expect.stringMatching(/^target\.functions: give either/),
      expect.stringMatching(/^target\.functions\.orders\.handler: /),
      expect.stringMatching(/^target\.functions\.orders\.memoryMb: /),
      expect.stringMatching(/^target\.routes\[0\]\.function: names no function .*did you mean 'orders'/),
    ]);
  });
});
