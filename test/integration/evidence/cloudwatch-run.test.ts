/**
 * CloudWatch evidence end to end, with no AWS account: a local emulator started here stands in for a deployed API
 * (a `url` target at its gateway) and for CloudWatch and CloudWatch Logs (AWS_ENDPOINT_URL_CLOUDWATCH and
 * AWS_ENDPOINT_URL_CLOUDWATCH_LOGS pointed at it). `run` sends real traffic, then reads the evidence through the real
 * SDK v3 clients; every figure is compared with the emulator's own records (its ground truth): cold starts, Init
 * Duration percentiles and billed GB-s from REPORT lines, invocations, errors, per-route counts from the metrics.
 * Then the refusals: an AccessDenied names the IAM action, and an unknown Insights query is refused clearly.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand, StartQueryCommand } from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_API_NAME } from '../../../src/cloudwatch/queries.js';
import { DENY_ENV } from '../../../src/emulator/aws/wire.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { collectCloudWatchEvidence } from '../../../src/cloudwatch/collect.js';
import { isLambdaloadError } from '../../../src/errors.js';
import type { InvocationRecord } from '../../../src/records/invocation.js';
import type { RunResult } from '../../../src/result/types.js';
import { run } from '../../../src/run/run.js';
import type { EmulatorTarget } from '../../../src/scenario/types.js';
import { pointCloudWatchAt } from './point-sdk.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');
const code = './gateway';
const target: EmulatorTarget = {
  type: 'emulator',
  api: { type: 'rest', stage: 'dev' },
  functions: {
    hello: { code, handler: 'hello.handler', memoryMb: 256 },
    echo: { code, handler: 'echo.handler' },
    fail: { code, handler: 'fail.handler' },
  },
  routes: [
    { method: 'GET', path: '/hello', function: 'hello' },
    { method: 'ANY', path: '/echo/{proxy+}', function: 'echo' },
    { method: 'GET', path: '/fail', function: 'fail' },
  ],
};

/** Nearest rank, written out here from its definition, not imported. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1];
}

let emulator: RunningEmulator;
let result: RunResult;
let records: InvocationRecord[];
let restoreEnv: (() => void) | undefined;

beforeAll(async () => {
  emulator = await startEmulator(target, { scenarioDir: fixtures, region: 'us-east-1' });
  restoreEnv = pointCloudWatchAt(emulator.url, [DENY_ENV]);
  result = await run({
    cwd: fixtures,
    seed: 7,
    scenario: {
      name: 'cw-evidence',
      target: { type: 'url', url: emulator.baseUrl, api: { type: 'rest' } },
      phases: [{ type: 'constant', duration: '2s', rate: 20 }],
      requests: [
        { path: '/hello', weight: 3 },
        { path: '/echo/a', method: 'POST', body: 'x', weight: 2 },
        { path: '/fail', weight: 1 },
      ],
      thresholds: [{ metric: 'errorRate', max: 1 }],
      evidence: {
        source: 'cloudwatch',
        api: { name: EMULATOR_API_NAME, stage: 'dev' },
        functions: ['hello', 'echo', 'fail'],
        routes: [
          { method: 'GET', path: '/hello', function: 'hello' },
          { method: 'ANY', path: '/echo/{proxy+}', function: 'echo' },
          { method: 'GET', path: '/fail', function: 'fail' },
        ],
        wait: '0s',
      },
    },
  });
  records = emulator.lambda.recentRecords().records;
}, 120_000);

afterAll(async () => {
  restoreEnv?.();
  await emulator?.close();
});

describe('run with CloudWatch evidence against a url target', () => {
  it('writes a complete evidence section', () => {
    expect(result.warnings.filter((w) => w.code.startsWith('EVIDENCE'))).toEqual([]);
    expect(result.evidence?.complete).toBe(true);
    expect(result.evidence?.waited).toEqual({ ms: 0, source: 'evidence.wait in the scenario' });
    expect(records.length).toBeGreaterThan(10);
    expect(emulator.lambda.recentRecords().dropped).toBe(0);
  });

  it.each(['hello', 'echo', 'fail'])('%s: cold starts, Init percentiles and billed GB-s equal the emulator’s records', (name) => {
    const own = records.filter((r) => r.functionName === name);
    expect(own.length).toBeGreaterThan(0);
    const fn = result.evidence!.functions.find((f) => f.functionName === name)!;
    // Init Duration as the REPORT line shows it: 2 decimals.
    const inits = own.flatMap((r) => (r.initMs === undefined ? [] : [Number(r.initMs.toFixed(2))]));
    expect(inits.length).toBeGreaterThan(0);
    expect(fn.coldStarts).toEqual({ value: inits.length, status: 'complete' });
    expect(fn.initMs.p50.value).toBe(percentile(inits, 50));
    expect(fn.initMs.p90.value).toBe(percentile(inits, 90));
    expect(fn.initMs.p99.value).toBe(percentile(inits, 99));
    expect(fn.initMs.max.value).toBe(Math.max(...inits));
    const mbMs = own.reduce((n, r) => n + r.billedMs * r.memoryMb, 0);
    expect(fn.billedGbSeconds).toEqual({ value: (mbMs / 1000) * (1 / 1024), status: 'complete' });
    expect(fn.reportLines.value).toBe(own.length);
    expect(fn.invocations).toEqual({ value: own.length, status: 'complete' });
    expect(fn.errors.value).toBe(name === 'fail' ? own.length : 0);
    expect(fn.throttles.value).toBe(0);
    expect(fn.maxMemoryUsedMb.value).toBe(Math.max(...own.map((r) => r.maxMemoryUsedMb)));
    expect(fn.memorySizeMb).toEqual({ value: name === 'hello' ? 256 : 128, status: 'complete' });
  });

  it('counts each route as the emulator served it, most called first', () => {
    const api = result.evidence!.api!;
    const byFunction = (name: string) => records.filter((r) => r.functionName === name).length;
    expect(api.count.value).toBe(records.length);
    expect(api.errors5xx.value).toBe(byFunction('fail'));
    expect(api.errors4xx.value).toBe(0);
    expect(api.routes.map((r) => [r.route, r.count.value])).toEqual(
      [
        ['GET /hello', byFunction('hello')],
        ['ANY /echo/{proxy+}', byFunction('echo')],
        ['GET /fail', byFunction('fail')],
      ].sort((a, b) => (b[1] as number) - (a[1] as number)),
    );
    // The client saw every one of those answers.
    expect(result.requests.completed).toBe(records.length);
  });
});

describe('figures that are not all there are marked incomplete, never measured', () => {
  const clients = () => ({
    cloudwatch: new CloudWatchClient({ endpoint: emulator.url, region: 'us-east-1' }),
    logs: new CloudWatchLogsClient({ endpoint: emulator.url, region: 'us-east-1' }),
  });
  const window = () => ({ startMs: Date.parse(result.timing.startedAt), endMs: Date.parse(result.timing.endedAt) });

  it('a function CloudWatch has nothing on: every figure incomplete, with why', async () => {
    const ev = await collectCloudWatchEvidence({ window: window(), functions: ['hello', 'ghost'], routes: [], clients: clients(), waitMs: 0, pollIntervalMs: 10 });
    const ghost = ev.functions.find((f) => f.functionName === 'ghost')!;
    expect(ghost.invocations).toMatchObject({ value: null, status: 'incomplete' });
    expect(ghost.coldStarts).toMatchObject({ value: null, status: 'incomplete', note: 'no log group /aws/lambda/ghost (ResourceNotFoundException)' });
    expect(ev.functions[0].coldStarts.status).toBe('complete');
    expect(ev.complete).toBe(false);
    expect(ev.notes).toContain('no AWS/Lambda Invocations datapoint for FunctionName=ghost in the window');
  });

  it('a Logs Insights query not Complete within the wait: REPORT figures incomplete, metrics still complete', async () => {
    // The emulator answers Running on the first poll; with no time to wait, polling stops there.
    const ev = await collectCloudWatchEvidence({ window: window(), functions: ['hello'], routes: [], clients: clients(), waitMs: 0, queryWaitMs: 0 });
    const hello = ev.functions[0];
    expect(hello.coldStarts.status).toBe('incomplete');
    expect(hello.billedGbSeconds.note).toBe('the Logs Insights query on /aws/lambda/hello ended Running, not Complete');
    expect(hello.invocations.status).toBe('complete');
  });
});

describe('the cost of a url target with evidence', () => {
  it('is priced from the billed durations of the REPORT lines, and says so', () => {
    expect(result.warnings.map((w) => w.code)).toContain('COST_FROM_CLOUDWATCH');
    const mbMs = records.reduce((n, r) => n + r.billedMs * r.memoryMb, 0);
    expect(result.cost?.run.estimate.compute.onDemandGbSeconds).toBeCloseTo((mbMs / 1000) * (1 / 1024), 9);
    expect(result.cost?.run.invocations).toBe(records.length);
  });
});

describe('the emulator’s CloudWatch fronts refuse clearly', () => {
  const clients = () => ({
    cloudwatch: new CloudWatchClient({ endpoint: emulator.url, region: 'us-east-1' }),
    logs: new CloudWatchLogsClient({ endpoint: emulator.url, region: 'us-east-1' }),
  });
  const collect = () =>
    collectCloudWatchEvidence({ window: { startMs: Date.now() - 60_000, endMs: Date.now() }, functions: ['hello'], routes: [], clients: clients(), waitMs: 0, pollIntervalMs: 10 });

  it.each([
    ['cloudwatch:GetMetricData', '*'],
    ['logs:StartQuery', '/aws/lambda/hello'],
    ['logs:GetQueryResults', '/aws/lambda/hello'],
  ])('an AccessDenied on %s names the IAM action and the resource', async (action, resource) => {
    process.env[DENY_ENV] = action;
    try {
      const error = await collect().then(() => undefined, (e: unknown) => e);
      expect(isLambdaloadError(error) && error.code).toBe('EVIDENCE_ACCESS_DENIED');
      expect((error as Error).message).toBe(`CloudWatch evidence: access denied to ${action} on ${resource}`);
    } finally {
      delete process.env[DENY_ENV];
    }
  });

  it('FilterLogEvents answers the REPORT lines; denied, it names logs:FilterLogEvents', async () => {
    const { logs } = clients();
    const out = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/fail', filterPattern: 'REPORT', startTime: 0 }));
    expect(out.events?.length).toBe(records.filter((r) => r.functionName === 'fail').length);
    expect(out.events?.every((e) => e.message?.startsWith('REPORT RequestId: '))).toBe(true);
    process.env[DENY_ENV] = 'logs:FilterLogEvents';
    try {
      const error = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/fail' })).then(() => undefined, (e: unknown) => e);
      expect((error as Error).name).toBe('AccessDeniedException');
      expect((error as Error).message).toContain('logs:FilterLogEvents');
    } finally {
      delete process.env[DENY_ENV];
    }
  });

  it('refuses an Insights query lambdaload does not issue, and an unknown log group', async () => {
    const { logs } = clients();
    const ask = (queryString: string, logGroupName = '/aws/lambda/hello') =>
      logs.send(new StartQueryCommand({ logGroupName, startTime: 0, endTime: Math.ceil(Date.now() / 1000), queryString })).then(() => undefined, (e: unknown) => e as Error);
    const query = await ask('fields @message | limit 5');
    expect(query?.name).toBe('MalformedQueryException');
    expect(query?.message).toContain('lambdaload’s own REPORT queries'.replace('’', "'"));
    const group = await ask('fields @message', '/aws/lambda/nope');
    expect(group?.name).toBe('ResourceNotFoundException');
  });
});
