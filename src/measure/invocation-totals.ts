/**
 * What a run keeps of its Lambda invocations: bounded, JSON-serialisable totals (invocation-ledger.ts builds them),
 * enough to summarise the run, price it again under other billing rules and merge it with other runs, with no
 * per-request storage.
 *
 * Size: per function × memory size, a few counters, three sparse histograms keyed by whole milliseconds (a few
 * hundred keys for typical handlers, whatever the run length) and one small entry per cold start, at most
 * MAX_COLD_START_ENTRIES (cold starts follow environments started, not requests; a crash loop that makes every
 * request cold is cut off there and counted in `coldStartEntriesDropped`).
 *
 * Merging (`mergeInvocationTotals`) is exact for counts, histograms and maxima, and for cold-start entries in
 * order (a's, then b's, up to the cap), so merge(ledger(A), ledger(B)) equals ledger(A then B). Two things are not:
 * - sums of fractional milliseconds (`durationMsSum`) add in another order, so they may differ in the last bits;
 * - in-flight peaks: two runs' peaks do not say whether they coincided. Merge adds them (an upper bound, reached
 *   only if both peaks fell at the same instant) and marks `concurrency.exact: false`.
 */
import type { ColdStartEntry, FunctionTotals as ContractFunctionTotals } from '../result/emulator.js';
import type { InvocationOutcome } from '../records/invocation.js';
import { countErrorType, type ErrorTypeCount } from './error-kinds.js';

export const INVOCATION_TOTALS_VERSION = 1 as const;
/** Cold-start entries kept per function × memory size (about 60 bytes each in JSON). */
export const MAX_COLD_START_ENTRIES = 10_000;

/** Counts by key: a sparse histogram (keys are whole milliseconds, or `duration:duration+init` pairs). */
export type Counts = Record<string, number>;

/** One cold start, for the facts that need its time and INIT: new environments per 10 s, INIT contention. */
export type { ColdStartEntry };

/**
 * Histograms that re-bill every executed invocation exactly at 1 ms or 100 ms granularity, with or without INIT:
 * roundUpMs(roundUpMs(x, 1), g) === roundUpMs(x, g), so whole-ms keys lose nothing (test/unit/measure).
 */
export interface RebillHistograms {
  /** On-demand invocations without an INIT to bill: ceil(duration) → count. */
  onDemandMs: Counts;
  /** On-demand cold starts with an Init Duration: `ceil(duration):ceil(duration + init)` → count. */
  onDemandWithInitMs: Counts;
  /** Provisioned-concurrency invocations (their INIT is paid by the allocation): ceil(duration) → count. */
  provisionedMs: Counts;
}

/** The contract's totals (result/emulator.ts), with outcomes and error types as the ledger keys them. */
export interface FunctionTotals extends Omit<ContractFunctionTotals, 'outcomes' | 'errorTypes' | 'rebill'> {
  outcomes: Partial<Record<InvocationOutcome, number>>;
  errorTypes?: Record<string, ErrorTypeCount>;
  rebill: RebillHistograms;
}

export interface InvocationTotals {
  version: typeof INVOCATION_TOTALS_VERSION;
  /** Per function × memory size, in the order first seen. */
  functions: FunctionTotals[];
  /** Most invocations in flight at once, overall and per function name. */
  concurrency: { peak: number; byFunction: Record<string, number>; exact: boolean };
}

/** Totals of no invocation at all. */
export function emptyInvocationTotals(): InvocationTotals {
  return { version: INVOCATION_TOTALS_VERSION, functions: [], concurrency: { peak: 0, byFunction: {}, exact: true } };
}

export function emptyFunctionTotals(functionName: string, memoryMb: number): FunctionTotals {
  return {
    functionName,
    memoryMb,
    outcomes: {},
    throttleReasons: {},
    invocations: 0,
    coldStarts: 0,
    onDemandColdStarts: 0,
    provisionedInvocations: 0,
    functionErrors: {},
    errorTypes: {},
    errorTypesDropped: 0,
    billedMs: { onDemand: 0, provisioned: 0, onDemandInit: 0 },
    durationMsSum: 0,
    maxDurationMs: 0,
    maxMemoryUsedMb: 0,
    rebill: { onDemandMs: {}, onDemandWithInitMs: {}, provisionedMs: {} },
    coldStartEntries: [],
    coldStartEntriesDropped: 0,
  };
}

export function countInto(counts: Counts, key: string | number, n = 1): void {
  counts[key] = (counts[key] ?? 0) + n;
}

/** Appends cold-start entries up to the cap; the rest are counted as dropped. */
export function keepColdStarts(into: FunctionTotals, entries: readonly ColdStartEntry[]): void {
  const room = Math.max(0, MAX_COLD_START_ENTRIES - into.coldStartEntries.length);
  into.coldStartEntries.push(...entries.slice(0, room));
  into.coldStartEntriesDropped += Math.max(0, entries.length - room);
}

/** Every cold-start entry of the totals, function after function. */
export function coldStartsOf(totals: InvocationTotals): ColdStartEntry[] {
  return totals.functions.flatMap((fn) => fn.coldStartEntries);
}

/** Merges two totals (see the module comment for what is exact). Neither input is changed. */
export function mergeInvocationTotals(a: InvocationTotals, b: InvocationTotals): InvocationTotals {
  const functions = a.functions.map((fn) => structuredClone(fn));
  for (const fn of b.functions) {
    const into = functions.find((f) => f.functionName === fn.functionName && f.memoryMb === fn.memoryMb);
    if (into) mergeFunction(into, fn);
    else functions.push(structuredClone(fn));
  }
  const byFunction = { ...a.concurrency.byFunction };
  for (const [name, peak] of Object.entries(b.concurrency.byFunction)) byFunction[name] = (byFunction[name] ?? 0) + peak;
  // One side with nothing in flight leaves the other's peaks as they were.
  const exact = a.concurrency.peak === 0 ? b.concurrency.exact : b.concurrency.peak === 0 ? a.concurrency.exact : false;
  return {
    version: INVOCATION_TOTALS_VERSION,
    functions,
    concurrency: { peak: a.concurrency.peak + b.concurrency.peak, byFunction, exact },
  };
}

function mergeFunction(into: FunctionTotals, from: FunctionTotals): void {
  for (const [outcome, n] of Object.entries(from.outcomes)) countInto(into.outcomes, outcome, n);
  mergeCounts(into.throttleReasons, from.throttleReasons);
  mergeCounts(into.functionErrors, from.functionErrors);
  for (const [type, entry] of Object.entries(from.errorTypes ?? {})) {
    if (!countErrorType((into.errorTypes ??= {}), type, entry.example, entry.count)) into.errorTypesDropped = (into.errorTypesDropped ?? 0) + entry.count;
  }
  if (from.errorTypesDropped) into.errorTypesDropped = (into.errorTypesDropped ?? 0) + from.errorTypesDropped;
  into.invocations += from.invocations;
  into.coldStarts += from.coldStarts;
  into.onDemandColdStarts += from.onDemandColdStarts;
  into.provisionedInvocations += from.provisionedInvocations;
  into.billedMs.onDemand += from.billedMs.onDemand;
  into.billedMs.provisioned += from.billedMs.provisioned;
  into.billedMs.onDemandInit += from.billedMs.onDemandInit;
  into.durationMsSum += from.durationMsSum;
  into.maxDurationMs = Math.max(into.maxDurationMs, from.maxDurationMs);
  into.maxMemoryUsedMb = Math.max(into.maxMemoryUsedMb, from.maxMemoryUsedMb);
  if (from.maxInitMs !== undefined) into.maxInitMs = Math.max(into.maxInitMs ?? 0, from.maxInitMs);
  if (from.cpuWait !== undefined) {
    const wait = (into.cpuWait ??= { msSum: 0, invocationsSlowed: 0 });
    wait.msSum += from.cpuWait.msSum;
    wait.invocationsSlowed += from.cpuWait.invocationsSlowed;
  }
  mergeCounts(into.rebill.onDemandMs, from.rebill.onDemandMs);
  mergeCounts(into.rebill.onDemandWithInitMs, from.rebill.onDemandWithInitMs);
  mergeCounts(into.rebill.provisionedMs, from.rebill.provisionedMs);
  keepColdStarts(into, from.coldStartEntries);
  into.coldStartEntriesDropped += from.coldStartEntriesDropped;
}

function mergeCounts(into: Counts, from: Counts): void {
  for (const [key, n] of Object.entries(from)) countInto(into, key, n);
}
