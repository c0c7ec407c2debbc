/**
 * The platform log lines Lambda writes around every invocation, in AWS's text format (aws-facts §5.1, Lambda DG
 * `nodejs-logging.md` and real CloudWatch logs 2025–2026):
 *
 *   START RequestId: <id> Version: $LATEST
 *   END RequestId: <id>
 *   REPORT RequestId: <id>\tDuration: 79.67 ms\tBilled Duration: 80 ms\tMemory Size: 128 MB\tMax Memory Used: 73 MB\t
 *   REPORT …\tMax Memory Used: 54 MB\tInit Duration: 203.69 ms\t                      (cold start)
 *   REPORT …\tMax Memory Used: 35 MB\tStatus: timeout                                  (no trailing tab)
 *   REPORT …\tInit Duration: 495.04 ms\tStatus: error\tError Type: Runtime.OutOfMemory  (no trailing tab)
 *   INIT_REPORT Init Duration: 998.15 ms\tPhase: invoke\tStatus: error\tError Type: Runtime.Unknown
 *
 * Fields are tab-separated; durations carry 2 decimals, Billed Duration and memory are integers. Pure functions.
 */
import type { InvocationRecord } from '../../records/invocation.js';

/** The version every emulated function runs (the emulator has no published versions). */
export const EXECUTED_VERSION = '$LATEST';

export function formatStartLine(requestId: string, version: string = EXECUTED_VERSION): string {
  return `START RequestId: ${requestId} Version: ${version}`;
}

export function formatEndLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

/**
 * What a REPORT line shows; an `InvocationRecord` is one. `initMs` appears only when set (cold, on-demand starts).
 * The Status field comes from `status`, else from `outcome` (`timeout` → timeout; `crash`, `init-error` → error).
 */
export type ReportFacts = Pick<InvocationRecord, 'requestId' | 'durationMs' | 'billedMs' | 'memoryMb' | 'maxMemoryUsedMb' | 'initMs'> & {
  outcome?: InvocationRecord['outcome'];
  /** `timeout` for a function timeout; `error` for a platform failure (runtime exit, out of memory, failed init). */
  status?: 'timeout' | 'error';
  /** With `status: 'error'`: `Runtime.ExitError`, `Runtime.OutOfMemory`, `Runtime.ImportModuleError`, ... */
  errorType?: string;
};

export function formatReportLine(facts: ReportFacts): string {
  let line =
    `REPORT RequestId: ${facts.requestId}\tDuration: ${ms2(facts.durationMs)} ms\tBilled Duration: ${facts.billedMs} ms` +
    `\tMemory Size: ${facts.memoryMb} MB\tMax Memory Used: ${facts.maxMemoryUsedMb} MB`;
  if (facts.initMs !== undefined) line += `\tInit Duration: ${ms2(facts.initMs)} ms`;
  // A normal completion ends with a tab; failed invocations append Status (and Error Type) with no trailing tab.
  const status = facts.status ?? statusOf(facts.outcome);
  if (status === undefined) return line + '\t';
  line += `\tStatus: ${status}`;
  if (status === 'error' && facts.errorType !== undefined) line += `\tError Type: ${facts.errorType}`;
  return line;
}

/** Handler errors reported through /error keep a normal REPORT; timeouts and platform failures add a Status. */
function statusOf(outcome: InvocationRecord['outcome'] | undefined): 'timeout' | 'error' | undefined {
  if (outcome === 'timeout') return 'timeout';
  if (outcome === 'crash' || outcome === 'init-error') return 'error';
  return undefined;
}

export interface InitReportFacts {
  initMs: number;
  /** `init`: the INIT phase proper; `invoke`: the init re-run inside the first invoke ("suppressed init"). */
  phase: 'init' | 'invoke';
  status: 'timeout' | 'error';
  errorType?: string;
}

/** Written when an INIT fails or times out (real CloudWatch events 2025–2026, aws-facts §5.1). */
export function formatInitReportLine(facts: InitReportFacts): string {
  let line = `INIT_REPORT Init Duration: ${ms2(facts.initMs)} ms\tPhase: ${facts.phase}\tStatus: ${facts.status}`;
  if (facts.status === 'error' && facts.errorType !== undefined) line += `\tError Type: ${facts.errorType}`;
  return line;
}

/** `INIT_START Runtime Version: …` opens every new environment; the emulator names its local runtime there. */
export function formatInitStartLine(runtimeVersion: string): string {
  return `INIT_START Runtime Version: ${runtimeVersion}`;
}

function ms2(value: number): string {
  return value.toFixed(2);
}
