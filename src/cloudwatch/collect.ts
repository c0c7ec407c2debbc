/**
 * Collects a run's server-side evidence from CloudWatch: waits for the data to arrive, reads the AWS/Lambda and
 * AWS/ApiGateway metrics of the run's window in one period of whole minutes (metric-queries.ts) and each function's
 * REPORT lines of the same minutes through Logs Insights (insights.ts), and joins them per function, per API and per route, most called route first.
 * REPORT lines fewer than the Invocations metric counts (logs not all arrived, or no longer kept) leave the figures
 * taken from them incomplete.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { gbSeconds } from '../cost/billing.js';
import { CLOUDWATCH_FACTS } from '../facts/cloudwatch.js';
import { getMetricData, type EvidenceClients } from './calls.js';
import { queryReports, type ReportRow } from './insights.js';
import { figureOf, queryId, toQuery, type MetricSpec } from './metric-queries.js';
import { logGroupOf, type ReportColumn } from './queries.js';
import { unlessSkipped, type EvidenceStep } from './steps.js';
import type { ApiEvidence, CloudWatchEvidence, Figure, FunctionEvidence, RouteEvidence } from './types.js';

export interface EvidenceApi {
  type: 'rest' | 'http';
  /** REST: the API's name (`ApiName`); HTTP API: its id (`ApiId`). */
  name?: string;
  id?: string;
  stage: string;
}

export interface EvidenceRoute {
  method: string;
  path: string;
  /** `METHOD /path` or `$default` (HTTP API `Route`). */
  routeKey: string;
  function?: string;
}

export interface EvidenceRequest {
  window: { startMs: number; endMs: number };
  functions: string[];
  api?: EvidenceApi;
  routes: EvidenceRoute[];
  clients: EvidenceClients;
  /** Wait before reading; default the ingestion delay fact (src/facts/cloudwatch.ts). */
  waitMs?: number;
  queryWaitMs?: number;
  pollIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  nowMs?: () => number;
  /** Aborting it skips the rest: the promise rejects with EvidenceSkipped (steps.ts). */
  signal?: AbortSignal;
  /** Called as each step starts. */
  onStep?: (step: EvidenceStep) => void;
}

const MINUTE_MS = CLOUDWATCH_FACTS.lambdaMetricPeriodS.value * 1000;

export async function collectCloudWatchEvidence(request: EvidenceRequest): Promise<CloudWatchEvidence> {
  const { signal } = request;
  // The caller's signal also ends a pending timer, so a skipped wait does not hold the process for minutes.
  const sleep = request.sleep ?? ((ms: number) => delay(ms, undefined, signal ? { signal } : {}));
  const nowMs = request.nowMs ?? Date.now;
  const waitMs = request.waitMs ?? CLOUDWATCH_FACTS.ingestionDelayMs.value;
  const step = (name: EvidenceStep['step'], what: string, upToMs?: number) =>
    request.onStep?.({ step: name, what, startedAtMs: nowMs(), ...(upToMs === undefined ? {} : { upToMs }) });
  if (waitMs > 0) {
    step('wait', 'the data to arrive in CloudWatch (ingestion delay)', waitMs);
    await unlessSkipped(sleep(waitMs), signal, 'wait');
  }

  const { startMs, endMs } = request.window;
  const fromMs = Math.floor(startMs / MINUTE_MS) * MINUTE_MS;
  const periodS = Math.max(1, Math.ceil((endMs - fromMs) / MINUTE_MS)) * (MINUTE_MS / 1000);
  const toMs = fromMs + periodS * 1000;

  const specs = new Map<string, MetricSpec>();
  const add = (spec: Omit<MetricSpec, 'id'>, ...key: Array<string | number>): MetricSpec => {
    const full = { ...spec, id: queryId(...key) };
    specs.set(full.id, full);
    return full;
  };
  const lambda = (name: string, stat: string, dims: Record<string, string>, ...key: Array<string | number>) =>
    add({ namespace: 'AWS/Lambda', name, stat, dimensions: dims }, ...key);
  const perFunction = request.functions.map((fn, i) => {
    const d = { FunctionName: fn };
    return {
      invocations: lambda('Invocations', 'Sum', d, 'f', i, 'inv'),
      errors: lambda('Errors', 'Sum', d, 'f', i, 'err'),
      throttles: lambda('Throttles', 'Sum', d, 'f', i, 'thr'),
      p50: lambda('Duration', 'p50', d, 'f', i, 'p50'),
      p99: lambda('Duration', 'p99', d, 'f', i, 'p99'),
      concurrency: lambda('ConcurrentExecutions', 'Maximum', d, 'f', i, 'conc'),
    };
  });
  const account = {
    concurrency: lambda('ConcurrentExecutions', 'Maximum', {}, 'acct', 'conc'),
    claimed: lambda('ClaimedAccountConcurrency', 'Maximum', {}, 'acct', 'claimed'),
  };
  const api = request.api === undefined ? undefined : apiSpecs(request.api, request.routes, add);

  const results = new Map<string, Awaited<ReturnType<typeof getMetricData>>[number]>();
  const all = [...specs.values()];
  const batch = CLOUDWATCH_FACTS.maxQueriesPerCall.value;
  step('metrics', `${all.length} AWS/Lambda${api ? ' and AWS/ApiGateway' : ''} metrics (GetMetricData)`);
  for (let i = 0; i < all.length; i += batch) {
    const input = { MetricDataQueries: all.slice(i, i + batch).map((s) => toQuery(s, periodS)), StartTime: new Date(fromMs), EndTime: new Date(toMs) };
    const answered = await unlessSkipped(getMetricData(request.clients.cloudwatch, input), signal, 'metrics');
    for (const r of answered) if (r.Id) results.set(r.Id, r);
  }
  const fig = (spec: MetricSpec) => figureOf(spec, results.get(spec.id));

  const poll = {
    queryWaitMs: request.queryWaitMs ?? CLOUDWATCH_FACTS.queryWaitMs.value,
    pollIntervalMs: request.pollIntervalMs ?? 1_000,
    sleep,
    nowMs,
  };
  if (request.functions.length > 0) step('logs', `REPORT lines of ${request.functions.length} log group${request.functions.length === 1 ? '' : 's'} (Logs Insights)`, poll.queryWaitMs);
  const rows = await unlessSkipped(
    // The same whole minutes as the metrics (Insights' end second is inclusive): REPORT lines and Invocations then
    // count the same invocations, so fewer lines means logs missing, not traffic just outside the run's seconds.
    Promise.all(request.functions.map((fn) => queryReports(request.clients.logs, logGroupOf(fn), fromMs / 1000, toMs / 1000 - 1, poll))),
    signal,
    'logs',
  );

  const functions = request.functions.map((fn, i) => functionEvidence(fn, rows[i], perFunction[i], fig));
  const apiEvidence = api && request.api ? apiEvidenceOf(request.api, api, request.routes, functions, fig) : undefined;
  const evidence: Omit<CloudWatchEvidence, 'complete' | 'notes'> = {
    source: 'cloudwatch',
    window: { startedAt: iso(startMs), endedAt: iso(endMs), metricsFrom: iso(fromMs), metricsTo: iso(toMs) },
    waited: { ms: waitMs, source: request.waitMs === undefined ? CLOUDWATCH_FACTS.ingestionDelayMs.source : 'set by the caller' },
    functions,
    account: { concurrentExecutionsMax: fig(account.concurrency), claimedAccountConcurrencyMax: fig(account.claimed) },
    ...(apiEvidence ? { api: apiEvidence } : {}),
  };
  const notes = [...new Set(collectNotes(evidence))];
  return { ...evidence, complete: notes.length === 0, notes };
}

type Add = (spec: Omit<MetricSpec, 'id'>, ...key: Array<string | number>) => MetricSpec;

function apiSpecs(api: EvidenceApi, routes: EvidenceRoute[], add: Add) {
  const rest = api.type === 'rest';
  const base: Record<string, string> = rest ? { ApiName: api.name ?? '', Stage: api.stage } : { ApiId: api.id ?? '', Stage: api.stage };
  const gw = (name: string, stat: string, dims: Record<string, string>, ...key: Array<string | number>) =>
    add({ namespace: 'AWS/ApiGateway', name, stat, dimensions: dims }, ...key);
  return {
    base,
    count: gw('Count', 'Sum', base, 'api', 'count'),
    latencyAvg: gw('Latency', 'Average', base, 'api', 'lavg'),
    latencyP50: gw('Latency', 'p50', base, 'api', 'l50'),
    latencyP99: gw('Latency', 'p99', base, 'api', 'l99'),
    integrationP50: gw('IntegrationLatency', 'p50', base, 'api', 'i50'),
    integrationP99: gw('IntegrationLatency', 'p99', base, 'api', 'i99'),
    // REST names them 4XXError / 5XXError, HTTP API 4xx / 5xx (aws-facts §8.2).
    errors4xx: gw(rest ? '4XXError' : '4xx', 'Sum', base, 'api', 'e4'),
    errors5xx: gw(rest ? '5XXError' : '5xx', 'Sum', base, 'api', 'e5'),
    routes: routes.map((route, j) => {
      const dims = rest ? { ...base, Resource: route.path, Method: route.method } : { ...base, Route: route.routeKey };
      return {
        count: gw('Count', 'Sum', dims, 'r', j, 'count'),
        latencyAvg: gw('Latency', 'Average', dims, 'r', j, 'lavg'),
        latencyP50: gw('Latency', 'p50', dims, 'r', j, 'l50'),
        latencyP99: gw('Latency', 'p99', dims, 'r', j, 'l99'),
        integrationP50: gw('IntegrationLatency', 'p50', dims, 'r', j, 'i50'),
      };
    }),
  };
}

type Fig = (spec: MetricSpec) => Figure;

function functionEvidence(fn: string, row: ReportRow, specs: Record<'invocations' | 'errors' | 'throttles' | 'p50' | 'p99' | 'concurrency', MetricSpec>, fig: Fig): FunctionEvidence {
  const logGroup = logGroupOf(fn);
  const invocations = fig(specs.invocations);
  const lines = row.columns.invocations ?? 0;
  let incomplete = row.incomplete;
  if (incomplete === undefined && lines === 0) incomplete = `no REPORT line in ${logGroup} in the window`;
  if (incomplete === undefined && invocations.value !== null && lines < invocations.value) {
    incomplete = `${lines} REPORT lines in ${logGroup} for ${invocations.value} invocations: the logs have not all arrived (or were not kept)`;
  }
  const report = (column: ReportColumn, map: (v: number) => number = (v) => v): Figure => {
    const v = row.columns[column];
    // No cold start: no Init Duration percentile, and that is complete when the lines are.
    const value = v === undefined ? (column === 'coldStarts' && lines > 0 ? 0 : null) : map(v);
    if (incomplete !== undefined) return { value, status: 'incomplete', note: incomplete };
    return value === null && !column.startsWith('init') ? { value, status: 'incomplete', note: `no ${column} in the REPORT query's answer` } : { value, status: 'complete' };
  };
  return {
    functionName: fn,
    logGroup,
    reportLines: report('invocations'),
    coldStarts: report('coldStarts'),
    initMs: { p50: report('initP50'), p90: report('initP90'), p99: report('initP99'), max: report('initMax') },
    // Σ Billed Duration (ms) × Memory Size (MB) priced as GB-seconds: gbSeconds(ms, MB) with the sum as the ms.
    billedGbSeconds: report('billedMbMs', (mbMs) => gbSeconds(mbMs, 1)),
    memorySizeMb: memorySizeOf(report('memorySizeMb'), row.columns.minMemorySizeMb),
    durationMs: { p50: report('durationP50'), p90: report('durationP90'), p99: report('durationP99'), max: report('durationMax') },
    maxMemoryUsedMb: report('maxMemoryUsedMb'),
    invocations,
    errors: fig(specs.errors),
    throttles: fig(specs.throttles),
    metricDurationMs: { p50: fig(specs.p50), p99: fig(specs.p99) },
    concurrentExecutionsMax: fig(specs.concurrency),
  };
}

/** One memory size in the window, or an incomplete figure saying it changed (a deployment during the run). */
function memorySizeOf(figure: Figure, min: number | undefined): Figure {
  if (figure.value === null || min === undefined || min === figure.value) return figure;
  return { value: figure.value, status: 'incomplete', note: `the memory size changed during the window (${min} to ${figure.value} MB)` };
}

function apiEvidenceOf(api: EvidenceApi, specs: ReturnType<typeof apiSpecs>, routes: EvidenceRoute[], functions: FunctionEvidence[], fig: Fig): ApiEvidence {
  const routeEvidence: RouteEvidence[] = routes.map((route, j) => {
    const s = specs.routes[j];
    const count = fig(s.count);
    const fn = functions.find((f) => f.functionName === route.function);
    return {
      route: route.routeKey,
      ...(route.function ? { function: route.function } : {}),
      count,
      latencyAvgMs: fig(s.latencyAvg),
      latencyP50Ms: fig(s.latencyP50),
      latencyP99Ms: fig(s.latencyP99),
      integrationLatencyP50Ms: fig(s.integrationP50),
      billedGbSeconds: routeShare(count, fn),
    };
  });
  routeEvidence.sort((a, b) => (b.count.value ?? -1) - (a.count.value ?? -1));
  return {
    type: api.type,
    dimensions: specs.base,
    count: fig(specs.count),
    latencyAvgMs: fig(specs.latencyAvg),
    latencyP50Ms: fig(specs.latencyP50),
    latencyP99Ms: fig(specs.latencyP99),
    integrationLatencyP50Ms: fig(specs.integrationP50),
    integrationLatencyP99Ms: fig(specs.integrationP99),
    errors4xx: fig(specs.errors4xx),
    errors5xx: fig(specs.errors5xx),
    routes: routeEvidence,
  };
}

/** The route's calls × its function's billed GB-s per REPORT line: what the route costs in Lambda compute. */
function routeShare(count: Figure, fn: FunctionEvidence | undefined): Figure {
  if (!fn) return { value: null, status: 'incomplete', note: 'the route’s function is not known' };
  const gbS = fn.billedGbSeconds;
  const lines = fn.reportLines;
  if (count.value === null || gbS.value === null || !lines.value) return { value: null, status: 'incomplete', note: count.note ?? gbS.note ?? 'no REPORT lines' };
  const value = (count.value * gbS.value) / lines.value;
  const note = [count, gbS, lines].find((f) => f.status === 'incomplete')?.note;
  return note === undefined ? { value, status: 'complete' } : { value, status: 'incomplete', note };
}

function collectNotes(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(collectNotes);
  if (typeof node !== 'object' || node === null) return [];
  const figure = node as Partial<Figure>;
  if (figure.status === 'incomplete') return figure.note ? [figure.note] : [];
  return Object.values(node).flatMap(collectNotes);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
