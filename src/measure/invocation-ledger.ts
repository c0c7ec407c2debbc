/**
 * The invocation ledger: takes finished invocations one by one and keeps only bounded totals
 * (invocation-totals.ts), so the emulator's memory and its answer at the end of a run stay the same size however
 * long the run is. Pure: no clock, no I/O.
 *
 * Concurrency cannot come from finished records alone: a record arrives when its invocation ends, and an exact
 * peak needs to know what else was in flight meanwhile. So the ledger is told when an invocation starts and ends
 * (`started` / `ended`, by the Lambda service at admission and completion) and keeps only live counters
 * (in-flight.ts). A batch of records known only by their times (tests, REPORT lines) goes through
 * `totalsFromRecords`, which replays their start and end events in time order through the same counters: the same
 * peak as sweeping every interval.
 */
import { roundUpMs } from './round-ms.js';
import type { InvocationRecord } from '../records/invocation.js';
import { createInFlightTracker, intervalEdges } from './in-flight.js';
import { exampleText } from './classify-error.js';
import { countErrorType } from './error-kinds.js';
import { countInto, emptyFunctionTotals, INVOCATION_TOTALS_VERSION, keepColdStarts, type FunctionTotals, type InvocationTotals } from './invocation-totals.js';

/** The facts of an invocation the ledger reads (the request and environment ids are not kept). */
export type LedgerRecord = Omit<InvocationRecord, 'requestId' | 'environmentId'>;

export interface InvocationLedger {
  /** An invocation was admitted and starts running (INIT included). Not for throttled requests. */
  started(functionName: string): void;
  /** An invocation that `started` has ended. */
  ended(functionName: string): void;
  /** A finished invocation (or a throttled request). */
  add(record: LedgerRecord): void;
  /** A snapshot: later calls do not change it. */
  totals(): InvocationTotals;
}

export function createInvocationLedger(): InvocationLedger {
  const functions = new Map<string, FunctionTotals>();
  const inFlight = createInFlightTracker();

  function totalsOf(record: LedgerRecord): FunctionTotals {
    const key = `${record.functionName}@${record.memoryMb}`;
    let fn = functions.get(key);
    if (fn === undefined) {
      fn = emptyFunctionTotals(record.functionName, record.memoryMb);
      functions.set(key, fn);
    }
    return fn;
  }

  return {
    started: (functionName) => inFlight.started(functionName),
    ended: (functionName) => inFlight.ended(functionName),
    add(record) {
      const fn = totalsOf(record);
      countInto(fn.outcomes, record.outcome);
      if (record.outcome === 'throttled') {
        countInto(fn.throttleReasons, record.throttleReason ?? 'unknown');
        return;
      }
      addExecuted(fn, record);
    },
    totals() {
      const { peak, byFunction } = inFlight.peaks();
      return {
        version: INVOCATION_TOTALS_VERSION,
        functions: structuredClone([...functions.values()]),
        concurrency: { peak, byFunction, exact: true },
      };
    },
  };
}

function addExecuted(fn: FunctionTotals, record: LedgerRecord): void {
  fn.invocations++;
  if (record.functionError !== undefined) countInto(fn.functionErrors, record.functionError);
  if (record.error !== undefined && !countErrorType((fn.errorTypes ??= {}), record.error.type, exampleText(record.error.message))) {
    fn.errorTypesDropped = (fn.errorTypesDropped ?? 0) + 1;
  }
  fn.durationMsSum += record.durationMs;
  fn.maxDurationMs = Math.max(fn.maxDurationMs, record.durationMs);
  fn.maxMemoryUsedMb = Math.max(fn.maxMemoryUsedMb, record.maxMemoryUsedMb);
  if (record.initMs !== undefined) fn.maxInitMs = Math.max(fn.maxInitMs ?? 0, record.initMs);
  if (record.cpuWaitMs !== undefined) {
    const wait = (fn.cpuWait ??= { msSum: 0, invocationsSlowed: 0 });
    wait.msSum += record.cpuWaitMs;
    if (slowedByHost(record.cpuWaitMs, record.durationMs + (record.initMs ?? 0))) wait.invocationsSlowed++;
  }
  const durationKeyMs = roundUpMs(record.durationMs, 1);
  if (record.provisioned) {
    fn.provisionedInvocations++;
    fn.billedMs.provisioned += record.billedMs;
    countInto(fn.rebill.provisionedMs, durationKeyMs);
  } else {
    fn.billedMs.onDemand += record.billedMs;
    const initMs = record.cold ? (record.initMs ?? 0) : 0;
    if (initMs > 0) countInto(fn.rebill.onDemandWithInitMs, `${durationKeyMs}:${roundUpMs(record.durationMs + initMs, 1)}`);
    else countInto(fn.rebill.onDemandMs, durationKeyMs);
  }
  if (!record.cold) return;
  fn.coldStarts++;
  if (!record.provisioned) {
    fn.onDemandColdStarts++;
    // Whatever Billed Duration holds beyond the rounded handler duration is INIT (aws-facts §1.7).
    fn.billedMs.onDemandInit += Math.max(0, record.billedMs - durationKeyMs);
  }
  keepColdStarts(fn, [
    {
      startedAtMs: record.startedAtMs,
      provisioned: record.provisioned,
      ...(record.initMs === undefined ? {} : { initMs: record.initMs }),
      ...(record.simulatedInitMs === undefined ? {} : { simulatedInitMs: record.simulatedInitMs }),
      ...(record.initBreakdown?.runtimeStart === 'included' ? { spawned: true } : {}),
      ...(record.initBreakdown?.hostWaitMs ? { hostWaitMs: record.initBreakdown.hostWaitMs } : {}),
    },
  ]);
}

/** A wait below this is the scheduler's ordinary jitter, not a busy host. */
export const CPU_WAIT_NOTICE_MS = 5;
/** The share of an invocation's own time (Duration + Init Duration) from which its wait for the host's CPU slowed it. */
export const CPU_WAIT_SLOWED_SHARE = 0.1;

/** Whether an invocation waited for the host's CPU long enough to have been visibly slowed by it. */
export function slowedByHost(cpuWaitMs: number, ownMs: number): boolean {
  return cpuWaitMs >= CPU_WAIT_NOTICE_MS && cpuWaitMs >= CPU_WAIT_SLOWED_SHARE * ownMs;
}

/**
 * Totals of records known after the fact (tests, REPORT lines): the same as a live ledger fed at every start and
 * end, each invocation covering [start, start + init + duration).
 */
export function totalsFromRecords(records: readonly LedgerRecord[]): InvocationTotals {
  const ledger = createInvocationLedger();
  for (const edge of intervalEdges(records.filter((r) => r.outcome !== 'throttled'))) {
    if (edge.delta > 0) ledger.started(edge.interval.functionName);
    else ledger.ended(edge.interval.functionName);
  }
  for (const record of records) ledger.add(record);
  return ledger.totals();
}
