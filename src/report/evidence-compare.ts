/**
 * The server side beside the client side, for the reports: what CloudWatch counted in the run's window (the result's
 * `evidence` section) next to what the client measured, one row per figure, with the gap said in words. The two
 * sides count different things on purpose (CloudWatch sees every caller of the functions and the stage, the client
 * only its own requests; the client labels cold starts only with a header's help), so a gap is explained, never
 * hidden. A server figure the result marks incomplete stays marked; its note is listed once.
 */
import type { Figure, FunctionEvidence, RouteEvidence } from '../result/evidence.js';
import type { RunResult } from '../result/types.js';

export type EvidenceRowId = 'invocations' | 'apiCount' | 'coldStarts' | 'init' | 'billed' | 'throttles' | '4xx' | '5xx' | 'latency';

/** The gap of two equal counts. */
export const SAME_COUNT = 'the same count';

export interface EvidenceRow {
  id: EvidenceRowId;
  /** What is compared, e.g. `invocations / requests`. */
  label: string;
  server: string;
  client: string;
  status: 'complete' | 'incomplete';
  /** The gap in words; empty when there is nothing to say. */
  gap: string;
}

export interface EvidenceRouteRow {
  route: string;
  function: string;
  server: string;
  client: string;
  status: 'complete' | 'incomplete';
  latencyP50Ms: string;
  billedGbSeconds: string;
  gap: string;
}

export interface EvidenceComparison {
  /** `2026-12-02T20:28:00Z – 20:29:00Z (metrics), waited 0 s: <why>` */
  window: string;
  rows: EvidenceRow[];
  /** Most called first, as the result has them. */
  routes: EvidenceRouteRow[];
  complete: boolean;
  notes: string[];
}

const int = (v: number) => Math.round(v).toLocaleString('en-US');
const ms = (v: number) => `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ms`;
const gbS = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 4 });
const plural = (n: number, one: string, many = `${one}s`) => `${int(Math.abs(n))} ${Math.abs(n) === 1 ? one : many}`;

/** The sum of figures: incomplete when one is, `null` when none has a value. */
function sum(figures: Figure[]): { value: number | null; status: Figure['status'] } {
  const known = figures.filter((f) => f.value !== null);
  const status = figures.some((f) => f.status === 'incomplete') || known.length < figures.length ? 'incomplete' : 'complete';
  return { value: known.length === 0 ? null : known.reduce((a, f) => a + f.value!, 0), status };
}

function show(value: number | null, format: (v: number) => string = int): string {
  return value === null ? '–' : format(value);
}

/** Client answers whose status is in `[from, to)`. */
function statusCount(result: RunResult, from: number, to: number): number {
  return Object.entries(result.statusCodes).reduce((n, [code, count]) => (Number(code) >= from && Number(code) < to ? n + count : n), 0);
}

/** `more` / `fewer` sentences for a count compared with the client's; `same` when equal. */
function countGap(diff: number | null, more: (n: number) => string, fewer: (n: number) => string, same = SAME_COUNT): string {
  if (diff === null) return 'no server figure';
  return diff > 0 ? more(diff) : diff < 0 ? fewer(-diff) : same;
}

export function compareEvidence(result: RunResult): EvidenceComparison | undefined {
  const ev = result.evidence;
  if (!ev) return undefined;
  const requests = result.requests.completed;
  const rows: EvidenceRow[] = [];
  const row = (id: EvidenceRowId, label: string, server: { value: number | null; status: Figure['status'] }, client: string, gap: string, format?: (v: number) => string) =>
    rows.push({ id, label, server: show(server.value, format), client, status: server.status, gap });
  const late = (status: Figure['status']) => (status === 'incomplete' ? ', or the data had not all arrived' : '');

  const invocations = sum(ev.functions.map((f) => f.invocations));
  const invocationDiff = invocations.value === null ? null : invocations.value - requests;
  row('invocations', 'invocations / requests', invocations, int(requests), countGap(
    invocationDiff,
    (n) => `CloudWatch saw ${plural(n, 'more invocation')} than requests: retries, or other traffic to these functions in the metrics' whole minutes`,
    (n) => `CloudWatch saw ${plural(n, 'fewer invocation')} than requests: requests answered without a function (throttled, refused or not routed by API Gateway)${late(invocations.status)}`,
  ));

  const api = ev.api;
  if (api) {
    const countDiff = api.count.value === null ? null : api.count.value - requests;
    row('apiCount', 'API Gateway Count / requests', api.count, int(requests), countGap(
      countDiff,
      (n) => `API Gateway counted ${plural(n, 'more request')} than the client sent: other traffic to this stage in the metrics' whole minutes`,
      (n) => `API Gateway did not count ${plural(n, 'request')} the client sent: lost before it (network, TLS)${late(api.count.status)}`,
    ));
  }

  const cold = sum(ev.functions.map((f) => f.coldStarts));
  const unknown = result.latency.overall.unknown.count;
  const sources = Object.entries(result.labelSources).map(([source, n]) => `${source} ${int(n)}`).join(', ');
  const unlabelled = unknown > 0 ? ` (${plural(unknown, 'request')} the client could not label)` : '';
  row('coldStarts', 'cold starts (Init Duration) / labelled cold', cold, `${int(result.coldStarts.count)}${sources ? ` (labels: ${sources})` : ''}`, countGap(
    cold.value === null ? null : cold.value - result.coldStarts.count,
    (n) => `CloudWatch saw ${plural(n, 'more cold start')} than the client labelled: cold starts of other traffic${unlabelled}`,
    (n) => `the client labelled ${plural(n, 'more cold start')} than REPORT lines show: labels not from the function itself${late(cold.status)}`,
  ));

  const init = result.coldStarts.initMs;
  rows.push({
    id: 'init',
    label: 'Init Duration p50 / p99',
    server: ev.functions.map((f) => initOf(f, ev.functions.length > 1)).join(' · ') || '–',
    client: init.count > 0 ? `${ms(init.p50Ms)} / ${ms(init.p99Ms)}` : '–',
    status: ev.functions.some((f) => f.initMs.p50.status === 'incomplete' || f.initMs.p99.status === 'incomplete') ? 'incomplete' : 'complete',
    gap: init.count > 0 ? '' : 'the client has no Init figure: no request labelled cold with its Init Duration',
  });

  const billed = sum(ev.functions.map((f) => f.billedGbSeconds));
  const costGbS = result.cost?.run.estimate.compute.onDemandGbSeconds;
  const fromCloudWatch = result.warnings.some((w) => w.code === 'COST_FROM_CLOUDWATCH');
  row('billed', 'billed GB-s / cost estimate', billed, costGbS === undefined ? '–' : gbS(costGbS), fromCloudWatch
    ? 'the cost is priced from these REPORT lines (COST_FROM_CLOUDWATCH)'
    : costGbS === undefined
      ? 'the run was not priced (see the warnings)'
      : billed.value === null
        ? 'no server figure'
        : `the cost estimate used ${gbS(Math.abs(costGbS - billed.value))} GB-s ${costGbS >= billed.value ? 'more' : 'less'} (its own ledger, the client's requests only)`, gbS);

  const throttles = sum(ev.functions.map((f) => f.throttles));
  const tooMany = statusCount(result, 429, 430);
  row('throttles', 'Lambda throttles / 429 answers', throttles, int(tooMany), countGap(
    throttles.value === null ? null : throttles.value - tooMany,
    (n) => `${plural(n, 'throttle')} the client did not get as a 429: other traffic, or retried before answering`,
    (n) => `${plural(n, '429 answer')} without a Lambda throttle: API Gateway's own throttling (stage, method or account rate)`,
  ));

  if (api) {
    for (const [label, figure, from] of [['4xx', api.errors4xx, 400], ['5xx', api.errors5xx, 500]] as const) {
      const client = statusCount(result, from, from + 100);
      row(label, `API Gateway ${label} / client ${label}`, figure, int(client), countGap(
        figure.value === null ? null : figure.value - client,
        (n) => `API Gateway counted ${plural(n, `more ${label} answer`)}: other traffic to this stage`,
        (n) => `the client got ${plural(n, `more ${label} answer`)} than API Gateway counted: answered before API Gateway (a proxy, the network)${late(figure.status)}`,
      ));
    }
    const client = result.serviceTime.overall.all;
    const latency = api.latencyP50Ms;
    rows.push({
      id: 'latency',
      label: 'API Gateway Latency p50 / client service time p50',
      server: show(latency.value, ms),
      client: client.count > 0 ? ms(client.p50Ms) : '–',
      status: latency.status,
      gap: latency.value !== null && client.count > 0 ? `network and client ≈ ${ms(Math.max(0, client.p50Ms - latency.value))}` : '',
    });
  }

  return {
    window: `${ev.window.metricsFrom.slice(0, 16).replace('T', ' ')} – ${ev.window.metricsTo.slice(11, 16)} UTC (whole minutes of metrics; run ${ev.window.startedAt.slice(11, 19)} – ${ev.window.endedAt.slice(11, 19)}), waited ${(ev.waited.ms / 1000).toFixed(0)} s: ${ev.waited.source}`,
    rows,
    routes: api ? routeRows(result, api.routes) : [],
    complete: ev.complete,
    notes: ev.notes,
  };
}

function initOf(f: FunctionEvidence, named: boolean): string {
  const { p50, p99 } = f.initMs;
  // No Init Duration is "no cold start" only when the REPORT lines were all there.
  const none = p50.status === 'complete' ? 'no cold start' : '–';
  const text = p50.value === null && p99.value === null ? none : `${show(p50.value, ms)} / ${show(p99.value, ms)}`;
  return named ? `${f.functionName} ${text}` : text;
}

function routeRows(result: RunResult, routes: RouteEvidence[]): EvidenceRouteRow[] {
  const clientCounts = clientRouteCounts(result, routes.map((r) => r.route));
  return routes.map((r) => {
    const client = clientCounts.get(r.route);
    const diff = r.count.value === null || client === undefined ? null : r.count.value - client;
    return {
      route: r.route,
      function: r.function ?? '–',
      server: show(r.count.value),
      client: client === undefined ? '–' : int(client),
      status: [r.count, r.latencyP50Ms, r.billedGbSeconds].some((f) => f.status === 'incomplete') ? 'incomplete' : 'complete',
      latencyP50Ms: show(r.latencyP50Ms.value, ms),
      billedGbSeconds: show(r.billedGbSeconds.value, gbS),
      gap: diff === null || diff === 0 ? '' : diff > 0 ? `${plural(diff, 'call')} from other traffic` : `${plural(diff, 'request')} not counted on this route`,
    };
  });
}

/**
 * The client's requests per route: each scenario request whose method and path fit the route's (`{id}` one segment,
 * `{proxy+}` the rest, `ANY` every method). A request that fits no route is not counted; `$default` takes none.
 */
function clientRouteCounts(result: RunResult, routeKeys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const matchers = routeKeys.flatMap((key) => {
    const space = key.indexOf(' ');
    if (space < 0) return [];
    const method = key.slice(0, space);
    const pattern = key.slice(space + 1).split('/').map((part) => (/^\{.+\+\}$/.test(part) ? '.+' : /^\{.+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/');
    return [{ key, method, path: new RegExp(`^${pattern}$`) }];
  });
  for (const request of result.scenario.requests) {
    const path = request.path.split('?')[0];
    const route = matchers.find((m) => (m.method === 'ANY' || m.method === request.method) && m.path.test(path));
    const n = result.latency.byRequest[request.name]?.all.count;
    if (route && n !== undefined) counts.set(route.key, (counts.get(route.key) ?? 0) + n);
  }
  return counts;
}
