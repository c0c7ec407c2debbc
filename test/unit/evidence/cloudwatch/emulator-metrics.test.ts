/**
 * The emulator's GetMetricData arithmetic (src/emulator/aws/metrics.ts) over a small known set of facts, against
 * values worked out by hand: periods aligned to multiples of Period, newest first, Sum / SampleCount / Average /
 * Maximum / nearest-rank percentiles, what counts as an Error or a Throttle (aws-facts §8.1), the concurrency peak
 * per period, exact dimension sets, and PartialData once the ring let facts go.
 */
import { describe, expect, it } from 'vitest';
import { answerMetricQuery, type AwsIdentity, type MetricQuery } from '../../../../src/emulator/aws/metrics.js';
import { createObservations, lambdaFactOf, type ApiFact } from '../../../../src/emulator/aws/observations.js';
import type { InvocationRecord } from '../../../../src/records/invocation.js';

const T0 = 1_800_000_000_000; // a whole minute (divisible by 60,000)
const id: AwsIdentity = {
  apiType: 'rest',
  apiName: 'shop',
  stage: 'prod',
  functions: [
    { name: 'a', provisionedConcurrency: 0 },
    { name: 'b', reservedConcurrency: 5, provisionedConcurrency: 2 },
  ],
};

function record(fn: string, startOffsetMs: number, durationMs: number, extra: Partial<InvocationRecord> = {}): InvocationRecord {
  return {
    requestId: 'r',
    functionName: fn,
    cold: false,
    provisioned: false,
    startedAtMs: T0 + startOffsetMs,
    durationMs,
    billedMs: Math.ceil(durationMs),
    memoryMb: 128,
    maxMemoryUsedMb: 60,
    outcome: 'success',
    ...extra,
  };
}

function observations() {
  const obs = createObservations(100);
  const lambda: Array<[InvocationRecord, number]> = [
    // minute 0 for `a`: durations 10, 20, 30, 40 (one a handled error), two overlapping at 1 s
    [record('a', 1_000, 10), 1_500],
    [record('a', 1_200, 20), 1_400],
    [record('a', 5_000, 30), 5_100],
    [record('a', 9_000, 40, { functionError: 'Handled' }), 9_100],
    // a throttle: counted only as Throttles
    [record('a', 9_500, 0, { outcome: 'throttled', throttleReason: 'ReservedFunctionConcurrentInvocationLimitExceeded' }), 9_500],
    // minute 1 for `a`: one timeout of 100 ms
    [record('a', 61_000, 100, { outcome: 'timeout' }), 61_200],
    // `b` in minute 0: one 50 ms, running from 1.3 s to 3 s (overlaps both `a` ones)
    [record('b', 1_300, 50), 3_000],
  ];
  for (const [r, endOffsetMs] of lambda) obs.lambda.push(lambdaFactOf(r, T0 + endOffsetMs));
  const api: ApiFact[] = [
    { arrivedMs: T0 + 1_000, status: 200, latencyMs: 12, integrationMs: 10, resource: '/items', method: 'GET', routeKey: 'GET /items' },
    { arrivedMs: T0 + 2_000, status: 200, latencyMs: 22, integrationMs: 20, resource: '/items', method: 'GET', routeKey: 'GET /items' },
    { arrivedMs: T0 + 3_000, status: 502, latencyMs: 40, integrationMs: 38, resource: '/pay', method: 'POST', routeKey: 'POST /pay' },
    { arrivedMs: T0 + 4_000, status: 403, latencyMs: 2 },
  ];
  for (const f of api) obs.api.push(f);
  return obs;
}

const q = (name: string, stat: string, dims: Record<string, string>, ns = 'AWS/Lambda', period = 60): MetricQuery => ({
  Id: 'm',
  MetricStat: { Metric: { Namespace: ns, MetricName: name, Dimensions: Object.entries(dims).map(([Name, Value]) => ({ Name, Value })) }, Period: period, Stat: stat },
});

const ask = (query: MetricQuery, obs = observations()) => answerMetricQuery(query, T0, T0 + 120_000, obs, id);

describe('emulator GetMetricData, AWS/Lambda', () => {
  it('counts Invocations per minute, newest first, without throttles', () => {
    const r = ask(q('Invocations', 'Sum', { FunctionName: 'a' }));
    expect(r.Timestamps).toEqual([(T0 + 60_000) / 1000, T0 / 1000]);
    expect(r.Values).toEqual([1, 4]);
    expect(r.StatusCode).toBe('Complete');
  });

  it('counts handled errors and timeouts as Errors, throttles as Throttles only', () => {
    expect(ask(q('Errors', 'Sum', { FunctionName: 'a' })).Values).toEqual([1, 1]);
    expect(ask(q('Errors', 'Average', { FunctionName: 'a' })).Values).toEqual([1, 0.25]);
    expect(ask(q('Throttles', 'Sum', { FunctionName: 'a' })).Values).toEqual([0, 1]);
    expect(ask(q('Throttles', 'Sum', { FunctionName: 'b' })).Values).toEqual([0]);
  });

  it('takes Duration statistics and nearest-rank percentiles', () => {
    expect(ask(q('Duration', 'p50', { FunctionName: 'a' })).Values).toEqual([100, 20]);
    expect(ask(q('Duration', 'p99', { FunctionName: 'a' })).Values).toEqual([100, 40]);
    expect(ask(q('Duration', 'Maximum', { FunctionName: 'a' })).Values).toEqual([100, 40]);
    expect(ask(q('Duration', 'SampleCount', { FunctionName: 'a' })).Values).toEqual([1, 4]);
    // All functions (no dimension), minute 0: 10, 20, 30, 40, 50.
    expect(ask(q('Duration', 'Average', {})).Values).toEqual([100, 30]);
  });

  it('takes the concurrency peak per period, per function and across the account', () => {
    expect(ask(q('ConcurrentExecutions', 'Maximum', { FunctionName: 'a' })).Values).toEqual([1, 2]);
    expect(ask(q('ConcurrentExecutions', 'Maximum', {})).Values).toEqual([1, 3]);
    // Per second: second 1 holds the peak of 3; second 2 only `b` still running (from 1.3 s to 3 s).
    const perSecond = ask(q('ConcurrentExecutions', 'Maximum', {}, 'AWS/Lambda', 1));
    expect(perSecond.Timestamps.slice(-3)).toEqual([(T0 + 3_000) / 1000, (T0 + 2_000) / 1000, (T0 + 1_000) / 1000]);
    expect(perSecond.Values.slice(-3)).toEqual([0, 1, 3]);
    // Claimed: `a` (unreserved) peaks at 2 in minute 0, plus b's 5 reserved and 2 provisioned.
    expect(ask(q('ClaimedAccountConcurrency', 'Maximum', {})).Values).toEqual([8, 9]);
  });

  it('answers no datapoints for a function or dimension set it does not have', () => {
    expect(ask(q('Invocations', 'Sum', { FunctionName: 'nope' })).Values).toEqual([]);
    expect(ask(q('Invocations', 'Sum', { FunctionName: 'a', Resource: 'a:live' })).Values).toEqual([]);
  });

  it('says PartialData once older facts than the window were let go', () => {
    const obs = createObservations(2);
    for (const offset of [0, 1_000, 2_000]) obs.lambda.push(lambdaFactOf(record('a', offset, 5), T0 + offset + 5));
    const r = answerMetricQuery(q('Invocations', 'Sum', { FunctionName: 'a' }), T0, T0 + 60_000, obs, id);
    expect(r.StatusCode).toBe('PartialData');
    expect(r.Values).toEqual([2]);
  });
});

describe('emulator GetMetricData, AWS/ApiGateway', () => {
  const stage = { ApiName: 'shop', Stage: 'prod' };
  const gw = (name: string, stat: string, dims: Record<string, string> = stage) => ask(q(name, stat, dims, 'AWS/ApiGateway'));

  it('counts requests and errors for the stage', () => {
    expect(gw('Count', 'Sum').Values).toEqual([4]);
    expect(gw('4XXError', 'Sum').Values).toEqual([1]);
    expect(gw('5XXError', 'Sum').Values).toEqual([1]);
    expect(gw('5XXError', 'Average').Values).toEqual([0.25]);
    expect(gw('Latency', 'Maximum').Values).toEqual([40]);
    expect(gw('IntegrationLatency', 'p50').Values).toEqual([20]);
  });

  it('narrows to a resource and method, and refuses the HTTP API names on a REST API', () => {
    expect(gw('Count', 'Sum', { ...stage, Resource: '/items', Method: 'GET' }).Values).toEqual([2]);
    expect(gw('Latency', 'Average', { ...stage, Resource: '/items', Method: 'GET' }).Values).toEqual([17]);
    expect(gw('4xx', 'Sum').Values).toEqual([]);
    expect(gw('Count', 'Sum', { ApiName: 'other', Stage: 'prod' }).Values).toEqual([]);
  });

  it('keys an HTTP API by ApiId and Stage, routes by Route', () => {
    const http: AwsIdentity = { ...id, apiType: 'http', apiId: 'abc123defg', stage: '$default' };
    const dims = { ApiId: 'abc123defg', Stage: '$default' };
    const a = (name: string, d: Record<string, string>) => answerMetricQuery(q(name, 'Sum', d, 'AWS/ApiGateway'), T0, T0 + 60_000, observations(), http);
    expect(a('Count', dims).Values).toEqual([4]);
    expect(a('4xx', dims).Values).toEqual([1]);
    expect(a('Count', { ...dims, Route: 'POST /pay' }).Values).toEqual([1]);
  });
});
