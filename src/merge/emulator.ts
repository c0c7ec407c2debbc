/**
 * The invocation sections of a merge: each shard ran its own emulator (or invoked the function itself), so counts and
 * billed time add; invocation totals merge with mergeInvocationTotals (exact but for in-flight peaks, which add as an
 * upper bound: see src/measure/invocation-totals.ts). Peaks kept only as numbers (environments alive at once, a
 * function's concurrency) add the same way; a function's INIT percentiles are the highest of the shards'.
 */
import { mergeInvocationTotals } from '../measure/invocation-totals.js';
import type { EmulatorFunctionSummary, EmulatorSummary } from '../result/emulator.js';
import type { LambdaInvokeSummary } from '../result/types.js';

type Common = Omit<EmulatorSummary, 'maxEnvironments' | 'runtimes' | 'environments'>;

function mergeFunctions(lists: ReadonlyArray<readonly EmulatorFunctionSummary[]>): EmulatorFunctionSummary[] {
  const byName = new Map<string, EmulatorFunctionSummary>();
  for (const list of lists) {
    for (const fn of list) {
      const into = byName.get(fn.name);
      if (!into) {
        byName.set(fn.name, structuredClone(fn));
        continue;
      }
      into.invocations += fn.invocations;
      into.coldStarts += fn.coldStarts;
      into.throttles += fn.throttles;
      into.timeouts += fn.timeouts;
      into.functionErrors += fn.functionErrors;
      into.peakConcurrency += fn.peakConcurrency;
      into.maxMemoryUsedMb = Math.max(into.maxMemoryUsedMb, fn.maxMemoryUsedMb);
      if (fn.maxInitMs !== undefined) into.maxInitMs = Math.max(into.maxInitMs ?? 0, fn.maxInitMs);
      if (fn.initMs) {
        const a = into.initMs;
        into.initMs = a
          ? { count: a.count + fn.initMs.count, p50Ms: Math.max(a.p50Ms, fn.initMs.p50Ms), p90Ms: Math.max(a.p90Ms, fn.initMs.p90Ms), p99Ms: Math.max(a.p99Ms, fn.initMs.p99Ms), maxMs: Math.max(a.maxMs, fn.initMs.maxMs) }
          : { ...fn.initMs };
      }
    }
  }
  return [...byName.values()];
}

function mergeCommon(parts: readonly Common[]): Common {
  const sum = (field: 'invocations' | 'coldStarts' | 'throttles' | 'timeouts' | 'functionErrors' | 'billedMsTotal') => parts.reduce((total, p) => total + p[field], 0);
  const totals = parts.every((p) => p.totals !== undefined) ? parts.map((p) => p.totals!).reduce((a, b) => mergeInvocationTotals(a, b)) : undefined;
  return {
    invocations: sum('invocations'),
    coldStarts: sum('coldStarts'),
    throttles: sum('throttles'),
    timeouts: sum('timeouts'),
    functionErrors: sum('functionErrors'),
    billedMsTotal: sum('billedMsTotal'),
    maxMemoryUsedMb: Math.max(...parts.map((p) => p.maxMemoryUsedMb)),
    functions: mergeFunctions(parts.map((p) => p.functions)),
    ...(totals ? { totals } : {}),
  };
}

/** Undefined unless every shard has the section (a partial sum would pass for the whole). */
export function mergeEmulatorSummaries(parts: ReadonlyArray<EmulatorSummary | undefined>): EmulatorSummary | undefined {
  if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
  const all = parts as readonly EmulatorSummary[];
  const runtimes = all.flatMap((p) => p.runtimes ?? []).filter((r, i, list) => list.findIndex((o) => o.function === r.function) === i);
  return {
    ...mergeCommon(all),
    maxEnvironments: all.reduce((total, p) => total + p.maxEnvironments, 0),
    ...(all.some((p) => p.runtimes) ? { runtimes } : {}),
    ...(all[0]!.environments ? { environments: all[0]!.environments } : {}),
  };
}

export function mergeLambdaSummaries(parts: ReadonlyArray<LambdaInvokeSummary | undefined>): LambdaInvokeSummary | undefined {
  if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
  const all = parts as readonly LambdaInvokeSummary[];
  return { source: 'report-tail', ...mergeCommon(all), reportsMissing: all.reduce((total, p) => total + p.reportsMissing, 0) };
}
