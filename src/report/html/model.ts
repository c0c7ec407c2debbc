/**
 * The one place the HTML report reads a RunResult: everything the page shows, as plain data. The result contract is
 * versioned (src/result/types.ts); when it changes shape, this adapter changes and the page does not. Fields a result
 * may lack (no emulator, no cost, no per-second throttles or environments) come out as `undefined`, and the page
 * says what is missing instead of drawing zeros.
 */
import type { LatencyStats } from '../../measure/stats.js';
import type { AbortCause, RunResult } from '../../result/types.js';
import { buildPercentileCurves, type PercentileCurves } from './curves.js';

export type Stats = Pick<LatencyStats, 'count' | 'p50Ms' | 'p90Ms' | 'p99Ms' | 'p999Ms' | 'maxMs'>;

export interface ReportModel {
  name: string;
  description?: string;
  file: string;
  status: 'completed' | 'aborted';
  abortReason?: string;
  startedAt: string;
  durationMs: number;
  tool: string;
  requests: { completed: number; ok: number; errors: number; achievedRps: number };
  thresholds: Array<{ description: string; passed: boolean; implicit: boolean; actual: number | null; unit: 'ms' | 'USD' | 'fraction'; note?: string }>;
  latency: Array<{ label: string } & Stats>;
  serviceTime: Stats;
  curves: PercentileCurves;
  timeline: TimelineColumns;
  coldStarts: {
    count: number;
    rate: number;
    init: Stats;
    byFunction: Array<{ name: string; count: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number }>;
    evidence: Array<[string, number]>;
  };
  errors: {
    requests: Array<{ request: string; source: string; kind: string; status?: number; example: string; count: number }>;
    functions: Array<{ function: string; errorType: string; count: number; example: string }>;
    otherCount: number;
    statusCodes: Array<[string, number]>;
  };
  cost?: {
    region: string;
    runUsd: number;
    perMillionUsd: number;
    coldStartShare: number;
    monthly?: { requests: number; usd: number };
    comparisonRequests: number;
    comparison: Array<{ label: string; monthlyUsd: number; perMillionUsd: number; deltaUsd: number; baseline: boolean }>;
    lines: Array<{ item: string; quantity: number; unit: string; amountUsd: number }>;
  };
  quotas: Array<{ severity: string; title: string; evidence: string; usedFraction: number; quota: string; source: string; asOf: string; hint: string }>;
  scenario: {
    url: string;
    apiType?: string;
    phases: Array<{ name: string; type: string; durationMs: number; rate?: number; rampTo?: number; spikeRate?: number; connections?: number }>;
    requests: Array<{ name: string; method: string; path: string; weight: number }>;
    functions: Array<{ name: string; runtime?: string; memoryMb?: number; architecture: string }>;
  };
  environment: Array<[string, string]>;
  emulator?: { invocations: number; coldStarts: number; throttles: number; maxEnvironments: number; runtimes: string[]; environments: string[] };
  warnings: Array<{ code: string; message: string }>;
}

/** The per-second timeline as columns (what the chart library draws). */
export interface TimelineColumns {
  second: number[];
  p50Ms: number[];
  p99Ms: number[];
  sent: number[];
  completed: number[];
  inFlight: number[];
  coldStarts: number[];
  errors: number[];
  /** Throttled requests per second, when the result records them per second. */
  throttles?: number[];
  /** Execution environments alive per second, when the result records them. */
  environments?: number[];
}

/** Per-second fields a newer result may carry (the v2 contract); read only when present. */
interface SecondExtras {
  throttles?: number;
  environments?: number;
}

const stats = (s: LatencyStats): Stats => ({ count: s.count, p50Ms: s.p50Ms, p90Ms: s.p90Ms, p99Ms: s.p99Ms, p999Ms: s.p999Ms, maxMs: s.maxMs });

/** Why a partial run stopped, in the page's words. */
export function abortText(abort: AbortCause): string {
  if (abort.reason === 'interrupted') return 'interrupted';
  const at = `${(abort.elapsedMs / 1000).toFixed(1)} s into the run`;
  return abort.reason === 'emulator-died' ? `the emulator died ${at}` : `generator worker ${abort.worker} died ${at}`;
}

export function buildReportModel(result: RunResult): ReportModel {
  const cost = result.cost;
  const emulator = result.emulator;
  return {
    name: result.scenario.name,
    description: result.scenario.description,
    file: result.scenario.file,
    status: result.status,
    abortReason: result.abort === undefined ? undefined : abortText(result.abort),
    startedAt: result.timing.startedAt,
    durationMs: result.timing.durationMs,
    tool: `${result.tool.name} ${result.tool.version}`,
    requests: { completed: result.requests.completed, ok: result.requests.ok, errors: result.requests.errors, achievedRps: result.engine.achievedRps },
    thresholds: result.thresholds.map((t) => ({
      description: t.description,
      passed: t.passed,
      implicit: t.implicit === true,
      actual: t.actual,
      unit: t.threshold.metric === 'latency' ? 'ms' : t.threshold.metric === 'costPerMillionUsd' ? 'USD' : 'fraction',
      ...(t.note !== undefined ? { note: t.note } : {}),
    })),
    latency: (['all', 'warm', 'cold', 'unknown'] as const).map((label) => ({ label, ...stats(result.latency.overall[label]) })).filter((row) => row.label === 'all' || row.count > 0),
    serviceTime: stats(result.serviceTime.overall.all),
    curves: buildPercentileCurves((result.histograms ?? []).filter((h) => h.metric === 'latency').map((h) => ({ start: h.key.start, encoded: h.encoded }))),
    timeline: timelineColumns(result),
    coldStarts: {
      count: result.coldStarts.count,
      rate: result.coldStarts.rate,
      init: stats(result.coldStarts.initMs),
      byFunction: (emulator?.functions ?? []).filter((f) => f.initMs !== undefined).map((f) => ({ name: f.name, ...f.initMs! })),
      evidence: Object.entries(result.labelSources),
    },
    errors: errorsOf(result),
    cost: cost && {
      region: cost.region,
      runUsd: cost.run.estimate.totalUsd,
      perMillionUsd: cost.run.costPerMillionUsd,
      coldStartShare: cost.run.coldStarts.shareOfCompute,
      ...(cost.projection ? { monthly: { requests: cost.projection.monthlyRequests, usd: cost.projection.estimate.totalUsd } } : {}),
      comparisonRequests: cost.comparison.monthlyRequests,
      comparison: cost.comparison.rows.map((r) => ({ label: r.label, monthlyUsd: r.monthlyUsd, perMillionUsd: r.costPerMillionUsd, deltaUsd: r.deltaUsd, baseline: r.baseline })),
      lines: cost.run.estimate.lines.map((l) => ({ item: l.item, quantity: l.quantity, unit: l.unit, amountUsd: l.amountUsd })),
    },
    quotas: result.quotas.map((q) => ({ severity: q.severity, title: q.title, evidence: q.evidence, usedFraction: q.usedFraction, quota: q.quota.name, source: q.quota.source, asOf: q.quota.asOf, hint: q.hint })),
    scenario: {
      url: result.scenario.target.url,
      apiType: result.scenario.target.apiType,
      phases: result.scenario.phases.map((p) => ({ ...p })),
      requests: result.scenario.requests.map((r) => ({ ...r })),
      functions: result.scenario.target.functions.map((f) => ({ name: f.name, runtime: f.runtime, memoryMb: f.memoryMb, architecture: f.architecture })),
    },
    environment: [
      ['Node.js', result.environment.node],
      ['platform', `${result.environment.platform} ${result.environment.arch}`],
      ['CPUs', String(result.environment.cpus)],
      ['host', result.environment.hostname],
    ],
    emulator: emulator && {
      invocations: emulator.invocations,
      coldStarts: emulator.coldStarts,
      throttles: emulator.throttles,
      maxEnvironments: emulator.maxEnvironments,
      runtimes: (emulator.runtimes ?? []).map((r) => `${r.function}: ${r.runtime} on ${r.local}${r.localVersion ? ` ${r.localVersion}` : ''}`),
      environments: (emulator.environments ?? []).map((e) => `${e.function}: ${e.memoryMb} MB, CPU ${e.cpu.model}${e.cpu.cpus !== undefined ? ` ${e.cpu.cpus.toFixed(2)}` : ''} (${e.cpu.enforcedBy}), memory by ${e.memory.enforcedBy}, runtime start ${e.runtimeStart.source}`),
    },
    warnings: result.warnings.map((w) => ({ code: w.code, message: w.message })),
  };
}

function errorsOf(result: RunResult): ReportModel['errors'] {
  // Results saved before errorKinds was added have only the status codes.
  const kinds = (result as Partial<Pick<RunResult, 'errorKinds'>>).errorKinds ?? { requests: [], functions: [], otherCount: 0 };
  return {
    requests: kinds.requests.map((e) => ({ request: e.request, source: e.source, kind: e.kind, ...(e.status !== undefined ? { status: e.status } : {}), example: e.example, count: e.count })),
    functions: kinds.functions.map((e) => ({ function: e.function, errorType: e.errorType, count: e.count, example: e.example })),
    otherCount: kinds.otherCount,
    statusCodes: Object.entries(result.statusCodes),
  };
}

function timelineColumns(result: RunResult): TimelineColumns {
  const seconds = (result.timeline ?? []) as Array<RunResult['timeline'][number] & SecondExtras>;
  const column = (pick: (s: (typeof seconds)[number]) => number) => seconds.map(pick);
  const optional = (key: keyof SecondExtras) => (seconds.length > 0 && seconds.every((s) => typeof s[key] === 'number') ? column((s) => s[key]!) : undefined);
  return {
    second: column((s) => s.second),
    p50Ms: column((s) => s.p50Ms),
    p99Ms: column((s) => s.p99Ms),
    sent: column((s) => s.sent),
    completed: column((s) => s.completed),
    inFlight: column((s) => s.inFlight),
    coldStarts: column((s) => s.coldStarts),
    errors: column((s) => s.errors['4xx'] + s.errors['5xx'] + s.errors.network + s.errors.expectation),
    throttles: optional('throttles'),
    environments: optional('environments'),
  };
}
