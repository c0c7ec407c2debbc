/**
 * What a direct-invoke run learns from each Invoke answer (src/engine/invoke): the sample's cold/warm label from the
 * REPORT record of its log tail, and, for a `lambda` target (whose invocations no emulator records), the invocation
 * totals built from those REPORT records, the same totals the emulator's ledger gives, so summaries, cost, quotas
 * and error kinds read them the same way.
 *
 * Nothing is guessed: an invocation that ran (the Invoke answered 200) but whose tail holds no REPORT record is
 * labelled unknown and counted (`REPORT_TAIL_MISSING`); it is left out of the totals, which then cover fewer
 * invocations than ran, and the warning says how many.
 */
import { UNKNOWN, type SampleLabel } from '../coldstart/label.js';
import { createInvocationLedger, type LedgerRecord } from '../measure/invocation-ledger.js';
import type { InvocationTotals } from '../measure/invocation-totals.js';
import type { InvocationOutcome } from '../records/invocation.js';
import type { Sample } from '../records/sample.js';
import type { Warning } from '../result/types.js';

/** Cold when the REPORT record has an Init Duration, warm when it has none, unknown without a REPORT record. */
export function labelFromReport(sample: Pick<Sample, 'invoke'>): SampleLabel {
  const report = sample.invoke?.report;
  if (report === undefined) return UNKNOWN;
  return report.initMs === undefined ? { start: 'warm', source: 'report-tail' } : { start: 'cold', source: 'report-tail', initMs: report.initMs };
}

/** Whether the Invoke ran the function (answered 200) but its tail held no REPORT record. */
export function reportMissing(sample: Pick<Sample, 'status' | 'invoke'>): boolean {
  return sample.status === 200 && sample.invoke?.report === undefined;
}

export interface ReportTotals {
  add(sample: Sample): void;
  /** Invocations that ran with no REPORT record in their tail. */
  readonly missing: number;
  totals(): InvocationTotals;
}

/**
 * Invocation totals of one function from the REPORT records of its samples. Concurrency: each invocation spans
 * [answer − (init + duration), answer] on this machine's clock (the answer's transit is outside it); the peak is the
 * most spans overlapping, kept as two arrays of numbers (16 bytes per invocation), marked not exact.
 */
export function createReportTotals(functionName: string, memoryMb: number | undefined): ReportTotals {
  const ledger = createInvocationLedger();
  const starts: number[] = [];
  const ends: number[] = [];
  let missing = 0;
  return {
    get missing() {
      return missing;
    },
    add(sample) {
      const invoke = sample.invoke;
      if (sample.status === 429 && invoke?.errorType === 'TooManyRequestsException') {
        ledger.add(throttled(functionName, memoryMb ?? 0, sample, invoke.reason));
        return;
      }
      if (reportMissing(sample)) missing++;
      const report = invoke?.report;
      if (report === undefined) return;
      const spanMs = (report.initMs ?? 0) + report.durationMs;
      starts.push(sample.endedAtMs - spanMs);
      ends.push(sample.endedAtMs);
      const error = invoke?.functionError === undefined ? undefined : { type: invoke.errorType ?? invoke.functionError, message: invoke.errorMessage ?? '' };
      ledger.add({
        functionName,
        cold: report.initMs !== undefined,
        // A provisioned environment's first invocation shows no Init Duration: REPORT cannot tell it from on-demand.
        provisioned: false,
        ...(report.initMs === undefined ? {} : { initMs: report.initMs }),
        startedAtMs: sample.endedAtMs - spanMs,
        durationMs: report.durationMs,
        billedMs: report.billedMs,
        memoryMb: report.memoryMb,
        maxMemoryUsedMb: report.maxMemoryUsedMb,
        outcome: outcomeOf(report.status, invoke?.functionError),
        ...(invoke?.functionError === 'Handled' || invoke?.functionError === 'Unhandled' ? { functionError: invoke.functionError } : {}),
        ...(error ? { error } : {}),
      });
    },
    totals() {
      const totals = ledger.totals();
      const peak = peakOverlap(starts, ends);
      return { ...totals, concurrency: { peak, byFunction: peak > 0 ? { [functionName]: peak } : {}, exact: false } };
    },
  };
}

export function reportMissingWarning(missing: number): Warning | undefined {
  if (missing === 0) return undefined;
  return {
    code: 'REPORT_TAIL_MISSING',
    message: `${missing} invocations answered with a log tail that holds no REPORT record (the 4 KB tail was cut, or the function's logs go elsewhere): labelled unknown and left out of the invocation totals, cost and quotas`,
  };
}

/** A throttled request, kept under the function's memory size so its totals stay one entry. */
function throttled(functionName: string, memoryMb: number, sample: Sample, reason: string | undefined): LedgerRecord {
  return {
    functionName,
    cold: false,
    provisioned: false,
    startedAtMs: sample.sentAtMs,
    durationMs: 0,
    billedMs: 0,
    memoryMb,
    maxMemoryUsedMb: 0,
    outcome: 'throttled',
    ...(reason === undefined ? {} : { throttleReason: reason }),
  };
}

/** REPORT's Status (timeout / error) first, else the function error header. */
function outcomeOf(status: string | undefined, functionError: string | undefined): InvocationOutcome {
  if (status === 'timeout') return 'timeout';
  if (status === 'error' || status === 'failure') return 'crash';
  return functionError === undefined ? 'success' : 'function-error';
}

function peakOverlap(starts: number[], ends: number[]): number {
  const s = Float64Array.from(starts).sort();
  const e = Float64Array.from(ends).sort();
  let peak = 0;
  let now = 0;
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    // At the same instant an end comes first.
    while (j < e.length && e[j]! <= s[i]!) {
      now--;
      j++;
    }
    now++;
    if (now > peak) peak = now;
  }
  return peak;
}
