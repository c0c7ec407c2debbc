/**
 * Facts of a run's Lambda invocations (from the emulator's records, later from REPORT lines): totals for the
 * result, and per function the maxima and peaks the quota checks need. Concurrency is swept exactly from each
 * invocation's start and length; new environments per 10 s from the cold starts' times.
 */
import type { InvocationRecord } from '../emulator/lambda/types.js';
import type { EmulatorFunctionSummary, EmulatorSummary } from '../result/types.js';

export const SCALING_WINDOW_MS = 10_000;

export interface FunctionInvocationFacts {
  invocations: number;
  maxMemoryUsedMb?: number;
  maxDurationMs?: number;
  maxInitMs?: number;
  meanDurationMs?: number;
  peakConcurrency: number;
  maxNewEnvironmentsPer10s: number;
}

export interface InvocationFacts {
  summary: Omit<EmulatorSummary, 'maxEnvironments'>;
  byFunction: Map<string, FunctionInvocationFacts>;
  /** Most invocations in flight at once across functions. */
  peakConcurrency: number;
  /** Sum of handler durations of invocations that ran (throttles excluded). */
  totalDurationMs: number;
  /** Invocations that ran (throttles excluded). */
  executed: number;
}

type Interval = Pick<InvocationRecord, 'startedAtMs' | 'durationMs' | 'initMs'>;

/** The most intervals overlapping at once; an interval covers [start, start + init + duration). */
export function peakOverlap(records: readonly Interval[]): number {
  const edges: Array<[number, number]> = [];
  for (const r of records) {
    edges.push([r.startedAtMs, 1], [r.startedAtMs + (r.initMs ?? 0) + r.durationMs, -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peak = 0;
  for (const [, delta] of edges) {
    now += delta;
    if (now > peak) peak = now;
  }
  return peak;
}

/** The most timestamps within any window of `windowMs`. */
export function densestWindow(timesMs: number[], windowMs: number): number {
  const sorted = [...timesMs].sort((a, b) => a - b);
  let best = 0;
  let tail = 0;
  for (let head = 0; head < sorted.length; head++) {
    while (sorted[head]! - sorted[tail]! >= windowMs) tail++;
    best = Math.max(best, head - tail + 1);
  }
  return best;
}

export function summariseInvocations(records: readonly InvocationRecord[]): InvocationFacts {
  const summary = { invocations: 0, coldStarts: 0, throttles: 0, timeouts: 0, functionErrors: 0, billedMsTotal: 0, maxMemoryUsedMb: 0, functions: [] as EmulatorFunctionSummary[] };
  const groups = new Map<string, InvocationRecord[]>();
  const perFunction = new Map<string, EmulatorFunctionSummary>();
  const executed: InvocationRecord[] = [];
  for (const r of records) {
    let fn = perFunction.get(r.functionName);
    if (fn === undefined) {
      fn = { name: r.functionName, invocations: 0, coldStarts: 0, throttles: 0, timeouts: 0, functionErrors: 0, peakConcurrency: 0, maxMemoryUsedMb: 0 };
      perFunction.set(r.functionName, fn);
    }
    if (r.outcome === 'throttled') {
      // Throttled requests never ran: AWS counts them in Throttles, not in Invocations.
      summary.throttles++;
      fn.throttles++;
      continue;
    }
    summary.invocations++;
    fn.invocations++;
    executed.push(r);
    if (r.cold) {
      summary.coldStarts++;
      fn.coldStarts++;
    }
    if (r.outcome === 'timeout') {
      summary.timeouts++;
      fn.timeouts++;
    }
    if (r.outcome === 'function-error' || r.outcome === 'crash' || r.outcome === 'init-error') {
      summary.functionErrors++;
      fn.functionErrors++;
    }
    summary.billedMsTotal += r.billedMs;
    summary.maxMemoryUsedMb = Math.max(summary.maxMemoryUsedMb, r.maxMemoryUsedMb);
    const group = groups.get(r.functionName);
    if (group) group.push(r);
    else groups.set(r.functionName, [r]);
  }
  const byFunction = new Map<string, FunctionInvocationFacts>();
  let totalDurationMs = 0;
  for (const [name, group] of groups) {
    let sum = 0;
    let maxDuration = 0;
    let maxMemory = 0;
    let maxInit: number | undefined;
    for (const r of group) {
      sum += r.durationMs;
      maxDuration = Math.max(maxDuration, r.durationMs);
      maxMemory = Math.max(maxMemory, r.maxMemoryUsedMb);
      if (r.initMs !== undefined) maxInit = Math.max(maxInit ?? 0, r.initMs);
    }
    totalDurationMs += sum;
    byFunction.set(name, {
      invocations: group.length,
      maxMemoryUsedMb: maxMemory,
      maxDurationMs: maxDuration,
      ...(maxInit === undefined ? {} : { maxInitMs: maxInit }),
      meanDurationMs: sum / group.length,
      peakConcurrency: peakOverlap(group),
      maxNewEnvironmentsPer10s: densestWindow(group.filter((r) => r.cold && !r.provisioned).map((r) => r.startedAtMs), SCALING_WINDOW_MS),
    });
  }
  for (const fn of perFunction.values()) {
    const facts = byFunction.get(fn.name);
    if (facts) {
      fn.peakConcurrency = facts.peakConcurrency;
      fn.maxMemoryUsedMb = facts.maxMemoryUsedMb ?? 0;
      if (facts.maxInitMs !== undefined) fn.maxInitMs = facts.maxInitMs;
    }
    summary.functions.push(fn);
  }
  return { summary, byFunction, peakConcurrency: peakOverlap(executed), totalDurationMs, executed: executed.length };
}
