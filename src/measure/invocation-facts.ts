/**
 * Facts of a run's Lambda invocations, from their totals (the emulator's ledger, later REPORT lines): totals for the
 * result, and per function the maxima and peaks the quota checks need. Concurrency comes from the ledger's
 * in-flight peaks; new environments per 10 s from the cold starts' times.
 */
import { MAX_COLD_START_ENTRIES, type InvocationTotals } from './invocation-totals.js';
import type { EmulatorFunctionSummary, EmulatorSummary, Warning } from '../result/types.js';

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
  summary: Omit<EmulatorSummary, 'maxEnvironments' | 'totals'>;
  byFunction: Map<string, FunctionInvocationFacts>;
  /** Most invocations in flight at once across functions. */
  peakConcurrency: number;
  /** Sum of handler durations of invocations that ran (throttles excluded). */
  totalDurationMs: number;
  /** Invocations that ran (throttles excluded). */
  executed: number;
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

interface Executed {
  invocations: number;
  durationMsSum: number;
  maxDurationMs: number;
  maxMemoryUsedMb: number;
  maxInitMs?: number;
  onDemandColdStartsAtMs: number[];
}

export function summariseInvocations(totals: InvocationTotals): InvocationFacts {
  const summary = { invocations: 0, coldStarts: 0, throttles: 0, timeouts: 0, functionErrors: 0, billedMsTotal: 0, maxMemoryUsedMb: 0, functions: [] as EmulatorFunctionSummary[] };
  const perFunction = new Map<string, EmulatorFunctionSummary>();
  // Totals are per function × memory size; facts are per function.
  const executedByName = new Map<string, Executed>();
  const initsByName = new Map<string, number[]>();
  for (const t of totals.functions) {
    let fn = perFunction.get(t.functionName);
    if (fn === undefined) {
      fn = { name: t.functionName, invocations: 0, coldStarts: 0, throttles: 0, timeouts: 0, functionErrors: 0, peakConcurrency: 0, maxMemoryUsedMb: 0 };
      perFunction.set(t.functionName, fn);
    }
    // Throttled requests never ran: AWS counts them in Throttles, not in Invocations.
    const throttles = t.outcomes.throttled ?? 0;
    const timeouts = t.outcomes.timeout ?? 0;
    const functionErrors = (t.outcomes['function-error'] ?? 0) + (t.outcomes.crash ?? 0) + (t.outcomes['init-error'] ?? 0);
    for (const into of [summary, fn]) {
      into.invocations += t.invocations;
      into.coldStarts += t.coldStarts;
      into.throttles += throttles;
      into.timeouts += timeouts;
      into.functionErrors += functionErrors;
    }
    if (t.invocations === 0) continue;
    summary.billedMsTotal += t.billedMs.onDemand + t.billedMs.provisioned;
    summary.maxMemoryUsedMb = Math.max(summary.maxMemoryUsedMb, t.maxMemoryUsedMb);
    let executed = executedByName.get(t.functionName);
    if (executed === undefined) {
      executed = { invocations: 0, durationMsSum: 0, maxDurationMs: 0, maxMemoryUsedMb: 0, onDemandColdStartsAtMs: [] };
      executedByName.set(t.functionName, executed);
    }
    executed.invocations += t.invocations;
    executed.durationMsSum += t.durationMsSum;
    executed.maxDurationMs = Math.max(executed.maxDurationMs, t.maxDurationMs);
    executed.maxMemoryUsedMb = Math.max(executed.maxMemoryUsedMb, t.maxMemoryUsedMb);
    if (t.maxInitMs !== undefined) executed.maxInitMs = Math.max(executed.maxInitMs ?? 0, t.maxInitMs);
    for (const entry of t.coldStartEntries) if (!entry.provisioned) executed.onDemandColdStartsAtMs.push(entry.startedAtMs);
    const inits = initsByName.get(t.functionName) ?? [];
    for (const entry of t.coldStartEntries) if (entry.initMs !== undefined) inits.push(entry.initMs);
    initsByName.set(t.functionName, inits);
  }
  const byFunction = new Map<string, FunctionInvocationFacts>();
  let totalDurationMs = 0;
  let executedTotal = 0;
  for (const [name, e] of executedByName) {
    totalDurationMs += e.durationMsSum;
    executedTotal += e.invocations;
    byFunction.set(name, {
      invocations: e.invocations,
      maxMemoryUsedMb: e.maxMemoryUsedMb,
      maxDurationMs: e.maxDurationMs,
      ...(e.maxInitMs === undefined ? {} : { maxInitMs: e.maxInitMs }),
      meanDurationMs: e.durationMsSum / e.invocations,
      peakConcurrency: totals.concurrency.byFunction[name] ?? 0,
      maxNewEnvironmentsPer10s: densestWindow(e.onDemandColdStartsAtMs, SCALING_WINDOW_MS),
    });
  }
  for (const fn of perFunction.values()) {
    const inits = initsByName.get(fn.name) ?? [];
    if (inits.length > 0) fn.initMs = initPercentiles(inits);
    const facts = byFunction.get(fn.name);
    if (facts) {
      fn.peakConcurrency = facts.peakConcurrency;
      fn.maxMemoryUsedMb = facts.maxMemoryUsedMb ?? 0;
      if (facts.maxInitMs !== undefined) fn.maxInitMs = facts.maxInitMs;
    }
    summary.functions.push(fn);
  }
  return { summary, byFunction, peakConcurrency: totals.concurrency.peak, totalDurationMs, executed: executedTotal };
}

/** Nearest-rank percentiles of a function's Init Durations. */
function initPercentiles(values: number[]): NonNullable<EmulatorFunctionSummary['initMs']> {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return { count: sorted.length, p50Ms: at(50), p90Ms: at(90), p99Ms: at(99), maxMs: sorted[sorted.length - 1]! };
}

/** Cold starts past the ledger's cap are counted but missing from the per-10 s and INIT-contention facts. */
export function coldStartEntriesWarning(totals: InvocationTotals): Warning | undefined {
  const dropped = totals.functions.reduce((n, fn) => n + fn.coldStartEntriesDropped, 0);
  if (dropped === 0) return undefined;
  return {
    code: 'COLD_STARTS_TRUNCATED',
    message: `${dropped} cold starts beyond the first ${MAX_COLD_START_ENTRIES} of a function were counted and priced but not kept one by one: new environments per 10 s and the INIT-contention check cover only the first ones`,
  };
}
