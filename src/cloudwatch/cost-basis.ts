/**
 * Invocation totals from a run's CloudWatch evidence, so a target beyond the emulator can be priced from the billed
 * durations Lambda itself reported (REPORT lines) rather than not at all. Only complete figures count: a function
 * whose REPORT lines, billed GB-s or memory size are incomplete is left out, and the caller says so. Cold starts are
 * on-demand ones (REPORT lines do not say provisioned); the billed INIT share is not known from the sums, so none is
 * split out. Pure.
 */
import { emptyFunctionTotals, INVOCATION_TOTALS_VERSION, type InvocationTotals } from '../measure/invocation-totals.js';
import type { CloudWatchEvidence } from './types.js';

export interface EvidenceTotals {
  totals: InvocationTotals;
  /** Functions left out: their figures were incomplete. */
  leftOut: string[];
}

export function totalsFromEvidence(evidence: CloudWatchEvidence | undefined): EvidenceTotals | undefined {
  if (!evidence) return undefined;
  const totals: InvocationTotals = { version: INVOCATION_TOTALS_VERSION, functions: [], concurrency: { peak: 0, byFunction: {}, exact: false } };
  const leftOut: string[] = [];
  for (const fn of evidence.functions) {
    const { reportLines, billedGbSeconds, memorySizeMb, coldStarts } = fn;
    const usable = [reportLines, billedGbSeconds, memorySizeMb, coldStarts].every((f) => f.status === 'complete' && f.value !== null);
    if (!usable || !reportLines.value || !memorySizeMb.value) {
      leftOut.push(fn.functionName);
      continue;
    }
    const t = emptyFunctionTotals(fn.functionName, memorySizeMb.value);
    t.invocations = reportLines.value;
    t.coldStarts = coldStarts.value!;
    t.onDemandColdStarts = coldStarts.value!;
    // GB-s back to billed ms at the function's memory size (1 GB = 1,024 MB, as gbSeconds counts it).
    t.billedMs.onDemand = Math.round((billedGbSeconds.value! * 1024 * 1000) / memorySizeMb.value);
    t.maxMemoryUsedMb = fn.maxMemoryUsedMb.value ?? 0;
    totals.functions.push(t);
    const peak = fn.concurrentExecutionsMax.value ?? 0;
    totals.concurrency.byFunction[fn.functionName] = peak;
    totals.concurrency.peak = Math.max(totals.concurrency.peak, peak);
  }
  return totals.functions.length === 0 ? undefined : { totals, leftOut };
}
