/**
 * GetMetricData answered from the emulator's own observations (observations.ts), for the metrics lambdaload reads:
 *
 *   AWS/Lambda (aws-facts §8.1), dimension `FunctionName` or none (account level):
 *     Invocations   1 per invocation; successes and function errors, never throttled requests
 *     Errors        per invocation: 1 for a function error (handled, unhandled, timeout, runtime failure), else 0
 *     Throttles     per request: 1 when throttled, else 0
 *     Duration      the function's run time in ms (without INIT), per invocation
 *     ConcurrentExecutions       one value per period: the most invocations in flight at once
 *     ClaimedAccountConcurrency  account level: unreserved in-flight peak + all reserved + all provisioned
 *   AWS/ApiGateway (aws-facts §8.2), REST `ApiName, Stage` [+ `Resource, Method`], HTTP API `ApiId, Stage` [+ `Route`]:
 *     Count (1 per request), Latency, IntegrationLatency (ms), 4XXError / 5XXError (REST) or 4xx / 5xx (HTTP API),
 *     1 or 0 per request (Sum: a count; Average: a rate).
 *
 * Datapoints are per period, counted from StartTime rounded down to the whole minute (to the second for periods under
 * a minute), as CloudWatch rounds a recent StartTime (GetMetricStatistics / GetMetricData API Reference, StartTime),
 * timestamped by the period's start, the invocation counted by its start time and the request by its arrival; newest
 * first as CloudWatch's default `TimestampDescending`. A metric is its full dimension set (CloudWatch matches dimensions exactly), so an
 * unknown dimension value answers no datapoints, as AWS does. Pure.
 */
import { coversFrom, type ApiFact, type LambdaFact, type Observations } from './observations.js';
import { parseStatistic } from './statistics.js';

/** Who the emulator is to CloudWatch: its API's identity and its functions' concurrency settings. */
export interface AwsIdentity {
  apiType?: 'rest' | 'http';
  /** REST `ApiName`, and an HTTP API's second `ApiId` (the emulator's API has no name of its own: EMULATOR_API_NAME). */
  apiName: string;
  /** HTTP API `ApiId`. */
  apiId?: string;
  stage?: string;
  functions: Array<{ name: string; reservedConcurrency?: number; provisionedConcurrency: number }>;
}

export interface MetricQuery {
  Id: string;
  Label?: string;
  MetricStat?: {
    Metric: { Namespace?: string; MetricName?: string; Dimensions?: Array<{ Name: string; Value: string }> };
    Period: number;
    Stat: string;
  };
  Expression?: string;
}

export interface MetricResult {
  Id: string;
  Label: string;
  Timestamps: number[];
  Values: number[];
  StatusCode: 'Complete' | 'PartialData';
}

/** Thrown for a query this emulator cannot answer (answered as a ValidationError). */
export class MetricQueryError extends Error {}

type Point = [timeMs: number, value: number];

export function answerMetricQuery(query: MetricQuery, startMs: number, endMs: number, obs: Observations, id: AwsIdentity): MetricResult {
  const stat = query.MetricStat;
  if (!stat) throw new MetricQueryError(`query ${query.Id}: the emulator answers MetricStat queries only, not Expression`);
  const reduce = parseStatistic(stat.Stat);
  if (!reduce) throw new MetricQueryError(`query ${query.Id}: statistic ${stat.Stat} is not one the emulator computes (SampleCount, Sum, Average, Minimum, Maximum, pNN)`);
  const periodMs = stat.Period * 1000;
  if (!Number.isInteger(stat.Period) || stat.Period <= 0) throw new MetricQueryError(`query ${query.Id}: Period must be a positive whole number of seconds`);
  const roundTo = periodMs >= 60_000 ? 60_000 : 1_000;
  const originMs = Math.floor(startMs / roundTo) * roundTo;
  const bucketOf = (t: number) => originMs + Math.floor((t - originMs) / periodMs) * periodMs;
  const { Namespace: ns, MetricName: name = '' } = stat.Metric;
  const dims = Object.fromEntries((stat.Metric.Dimensions ?? []).map((d) => [d.Name, d.Value]));

  const buckets = new Map<number, number[]>();
  let complete = true;
  if (ns === 'AWS/Lambda') {
    complete = coversFrom(obs.lambda, startMs, (f) => f.startMs);
    const facts = lambdaFactsFor(obs.lambda.items(), dims, id);
    if (name === 'ConcurrentExecutions' && facts) addPoints(buckets, concurrencyPeaks(facts, bucketOf, periodMs, 0), bucketOf);
    else if (name === 'ClaimedAccountConcurrency' && facts && Object.keys(dims).length === 0) {
      const reserved = new Set(id.functions.filter((f) => f.reservedConcurrency !== undefined).map((f) => f.name));
      const allocated = id.functions.reduce((n, f) => n + (f.reservedConcurrency ?? 0) + f.provisionedConcurrency, 0);
      addPoints(buckets, concurrencyPeaks(facts.filter((f) => !reserved.has(f.functionName)), bucketOf, periodMs, allocated), bucketOf);
    } else if (facts) addPoints(buckets, lambdaPoints(name, facts), bucketOf);
  } else if (ns === 'AWS/ApiGateway') {
    complete = coversFrom(obs.api, startMs, (f) => f.arrivedMs);
    const facts = apiFactsFor(obs.api.items(), dims, id);
    if (facts) addPoints(buckets, apiPoints(name, facts, id.apiType), bucketOf);
  }

  const times = [...buckets.keys()].filter((t) => t >= originMs && t < endMs).sort((a, b) => b - a);
  return {
    Id: query.Id,
    Label: query.Label ?? name,
    Timestamps: times.map((t) => t / 1000),
    Values: times.map((t) => reduce(buckets.get(t)!.sort((a, b) => a - b))),
    StatusCode: complete ? 'Complete' : 'PartialData',
  };
}

function addPoints(buckets: Map<number, number[]>, points: Point[], bucketOf: (t: number) => number): void {
  for (const [t, v] of points) {
    const key = bucketOf(t);
    const list = buckets.get(key);
    if (list) list.push(v);
    else buckets.set(key, [v]);
  }
}

/** The facts of the metric's dimension set, or `undefined` when no metric has these dimensions. */
function lambdaFactsFor(facts: LambdaFact[], dims: Record<string, string>, id: AwsIdentity): LambdaFact[] | undefined {
  const names = Object.keys(dims);
  if (names.length === 0) return facts;
  if (names.length !== 1 || dims.FunctionName === undefined || !id.functions.some((f) => f.name === dims.FunctionName)) return undefined;
  return facts.filter((f) => f.functionName === dims.FunctionName);
}

function lambdaPoints(name: string, facts: LambdaFact[]): Point[] {
  const ran = facts.filter((f) => !f.throttled);
  switch (name) {
    case 'Invocations':
      return ran.map((f) => [f.startMs, 1]);
    case 'Errors':
      return ran.map((f) => [f.startMs, f.error ? 1 : 0]);
    case 'Throttles':
      return facts.map((f) => [f.startMs, f.throttled ? 1 : 0]);
    case 'Duration':
      return ran.map((f) => [f.startMs, f.durationMs]);
    default:
      return [];
  }
}

/**
 * One point per period with the most invocations in flight at once during it (plus `base`): a sweep over the
 * start and end of every invocation, a period without an edge keeping the count it started with.
 */
function concurrencyPeaks(facts: LambdaFact[], bucketOf: (t: number) => number, periodMs: number, base: number): Point[] {
  const edges: Array<[number, number]> = [];
  for (const f of facts) if (!f.throttled) edges.push([f.startMs, 1], [f.endMs, -1]);
  // At equal times, ends go first: an invocation that ends as another starts did not overlap it.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const peaks = new Map<number, number>();
  let current = 0;
  let bucket: number | undefined;
  for (const [t, delta] of edges) {
    const b = bucketOf(t);
    if (bucket !== undefined && b > bucket && current > 0) {
      // Periods passed with no edge held the count they started with; so did this one until `t`.
      for (let k = bucket + periodMs; k < b; k += periodMs) peaks.set(k, current);
      if (t > b) peaks.set(b, current);
    }
    bucket = b;
    current += delta;
    peaks.set(b, Math.max(peaks.get(b) ?? 0, current));
  }
  return [...peaks].map(([t, peak]) => [t, peak + base]);
}

function apiFactsFor(facts: ApiFact[], dims: Record<string, string>, id: AwsIdentity): ApiFact[] | undefined {
  const names = Object.keys(dims).sort().join(',');
  const rest = id.apiType === 'rest';
  // An HTTP API answers to its id, and (as the run that started the emulator cannot know that id) to the name too.
  const apiMatches = rest ? dims.ApiName === id.apiName : dims.ApiId === id.apiId || dims.ApiId === id.apiName;
  if (!apiMatches || dims.Stage !== id.stage) return undefined;
  if (rest && names === 'ApiName,Stage') return facts;
  if (rest && names === 'ApiName,Method,Resource,Stage') return facts.filter((f) => f.resource === dims.Resource && f.method === dims.Method);
  if (!rest && names === 'ApiId,Stage') return facts;
  if (!rest && names === 'ApiId,Route,Stage') return facts.filter((f) => f.routeKey === dims.Route);
  return undefined;
}

function apiPoints(name: string, facts: ApiFact[], apiType: AwsIdentity['apiType']): Point[] {
  const rest = apiType === 'rest';
  switch (name) {
    case 'Count':
      return facts.map((f) => [f.arrivedMs, 1]);
    case 'Latency':
      return facts.map((f) => [f.arrivedMs, f.latencyMs]);
    case 'IntegrationLatency':
      return facts.filter((f) => f.integrationMs !== undefined).map((f) => [f.arrivedMs, f.integrationMs!]);
    case rest ? '4XXError' : '4xx':
      return facts.map((f) => [f.arrivedMs, f.status >= 400 && f.status < 500 ? 1 : 0]);
    case rest ? '5XXError' : '5xx':
      return facts.map((f) => [f.arrivedMs, f.status >= 500 ? 1 : 0]);
    default:
      return [];
  }
}
