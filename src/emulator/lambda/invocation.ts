/**
 * One invocation from start to REPORT, on an environment the pool handed over (warm) or on a new one (cold):
 *
 *   cold:  INIT_START → init (at most 10 s on demand) → [`aws` profile: simulated extra init] → invoke
 *          init failed or ran over: INIT_REPORT (Phase: init) → init re-run inside the invoke, under the function
 *          timeout ("suppressed init": no Init Duration, Duration includes it; aws-facts §1.7, coldstarts.md §3)
 *   invoke: START → event to the runtime → response | error | timeout (process killed) | runtime exit → END → REPORT
 *
 * Lambda's own lines and payloads follow AWS's formats (log-lines.ts, function-errors.ts); Billed Duration follows
 * billed-duration.ts; Max Memory Used is the kernel's high-water mark of the environment's process.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { computeBilledMs } from './billed-duration.js';
import { simulatedInitDelayMs, type ColdStartProfile } from './coldstart-profile.js';
import type { Environment, InitOutcome, InvokeOutcome } from './environment.js';
import { missingBootstrapError, responseTooLargeError, runtimeExitError, timeoutError, type ErrorOutcome } from './function-errors.js';
import { formatEndLine, formatInitReportLine, formatInitStartLine, formatReportLine, formatStartLine, type InitReportFacts } from './log-lines.js';
import { createLogTail, type LogTail } from './log-tail.js';
import { kbToReportMb } from './process-memory.js';
import type { FunctionConfig } from './types.js';
import type { DownstreamColdStart, InitBreakdown, InvocationOutcome, InvocationRecord } from '../../records/invocation.js';

export interface InvocationDeps {
  profile: ColdStartProfile;
  random(): number;
  /** INIT limit of an on-demand environment (10 s on AWS). */
  onDemandInitLimitMs: number;
  newEnvironment(fn: FunctionConfig): Promise<Environment>;
  /** A line for the function's log (onLog). */
  log(fn: FunctionConfig, line: string): void;
  /** While attached, the function's own output lines also go to this invocation's tail. */
  attach(env: Environment, tail: LogTail): void;
  detach(env: Environment): void;
  runtimeVersion(fn: FunctionConfig): string;
  /** The runtime start to report for a cold start whose prestarted process booted in `bootMs`. */
  runtimeStartMs(fn: FunctionConfig, bootMs: number): number;
  functionArn(fn: FunctionConfig): string;
}

export interface InvocationRequest {
  fn: FunctionConfig;
  requestId: string;
  payload: Buffer;
  /** Client context JSON (decoded from X-Amz-Client-Context). */
  clientContext?: string;
  startedAtMs: number;
  /** A warm environment; absent for a cold start. */
  env?: Environment;
  /** The trace header the runtime gets (`Lambda-Runtime-Trace-Id`). */
  traceId: string;
  provisioned: boolean;
}

/** What is known while the invocation runs (for a caller that stops waiting early). */
export interface InvocationProgress {
  environmentId?: string;
  cold: boolean;
  initMs?: number;
  simulatedInitMs?: number;
  initBreakdown?: InitBreakdown;
  /** Cold starts of functions this invocation called (filled in by the calls as they start). */
  downstream?: DownstreamColdStart[];
  /** The cold start being awaited by the invocation that called this one, to fill in its INIT. */
  asDownstream?: DownstreamColdStart;
  startedAt: number;
}

/**
 * A cold start's runtime start: a prestarted runtime's measured boot (`measured`, the function's reference boot), or a draw from AWS's measured
 * Init Duration under the `aws` profile (`profile`; it stands for the runtime start and a hello world's init, so it
 * replaces the local boot). A process spawned by the cold start itself has its boot inside the measured init
 * (`included`), to which the `aws` profile adds its draw as before.
 */
function runtimeStart(
  profile: ColdStartProfile,
  fn: FunctionConfig,
  bootMs: number | undefined,
  random: () => number,
): { ms: number; source: InitBreakdown['runtimeStart'] } {
  const simulatedMs = simulatedInitDelayMs(profile, fn.runtime, fn.architecture, random);
  if (simulatedMs > 0) return { ms: simulatedMs, source: 'profile' };
  if (bootMs !== undefined) return { ms: bootMs, source: 'measured' };
  return { ms: 0, source: 'included' };
}

export interface InvocationDone {
  payload: Buffer;
  record: InvocationRecord;
  logTail: string;
  env: Environment | undefined;
  /** The environment can serve again (an on-demand one after a timeout, a runtime exit or a failed init: reset). */
  reusable: boolean;
}

export async function runInvocation(deps: InvocationDeps, req: InvocationRequest, progress: InvocationProgress): Promise<InvocationDone> {
  const { fn, requestId } = req;
  const tail = createLogTail();
  const say = (line: string) => {
    tail.add(line);
    deps.log(fn, line);
  };
  let env = req.env;
  let reinitMs = 0;
  /** Time this invocation's code waited for this machine's CPU (cpu-wait.ts): kept out of Duration and Init Duration. */
  let cpuWaitMs: number | undefined;
  const waited = (ms: number | undefined) => {
    if (ms !== undefined) cpuWaitMs = (cpuWaitMs ?? 0) + ms;
    return ms ?? 0;
  };

  if (!env) {
    const askedAt = performance.now();
    env = await deps.newEnvironment(fn);
    const acquiredMs = performance.now() - askedAt;
    progress.environmentId = env.id;
    deps.log(fn, formatInitStartLine(deps.runtimeVersion(fn)));
    const first = await env.init(deps.onDemandInitLimitMs);
    if (first.ok) {
      waited(first.cpuWaitMs);
      const bootMs = first.runtimeStartMs === undefined ? undefined : deps.runtimeStartMs(fn, first.runtimeStartMs);
      const start = runtimeStart(deps.profile, fn, bootMs, () => deps.random());
      // The cold start lasts its runtime start plus the function's init; time spent waiting for the prestarted
      // process already counts toward the runtime start.
      const sleepMs = Math.max(0, start.ms - (first.runtimeStartMs === undefined ? 0 : acquiredMs));
      if (sleepMs > 0) await sleep(sleepMs);
      progress.initMs = start.ms + first.initMs;
      if (progress.asDownstream) progress.asDownstream.initMs = progress.initMs;
      if (start.source === 'profile') progress.simulatedInitMs = start.ms;
      progress.initBreakdown = {
        runtimeStartMs: start.ms,
        runtimeStart: start.source,
        functionInitMs: first.initMs,
        ...(first.runtimeStartMs === undefined ? {} : { hostWaitMs: Math.max(0, acquiredMs - start.ms) }),
      };
    } else {
      deps.log(fn, formatInitReportLine({ initMs: first.initMs, phase: 'init', ...initFailure(first) }));
      if (first.kind === 'timeout') waited(first.cpuWaitMs);
      const phaseStart = performance.now();
      const again = await env.init(fn.timeoutMs);
      if (!again.ok) return failedInit(again, phaseStart, false);
      reinitMs = performance.now() - phaseStart - waited(again.cpuWaitMs);
    }
  }

  say(formatStartLine(requestId));
  const event = {
    requestId,
    payload: req.payload,
    invokedFunctionArn: deps.functionArn(fn),
    traceId: req.traceId,
    clientContext: req.clientContext,
  };
  deps.attach(env, tail);
  let outcome = await env.invoke(event, fn.timeoutMs - reinitMs);
  if (outcome.kind === 'exit' && !outcome.delivered) {
    // The runtime exited after its previous invocation, before this event reached it: Lambda resets the
    // environment and re-runs init inside this invoke.
    progress.cold = true;
    const phaseStart = performance.now();
    const again = await env.init(fn.timeoutMs - reinitMs);
    if (!again.ok) {
      deps.detach(env);
      return failedInit(again, phaseStart - reinitMs, true);
    }
    reinitMs += performance.now() - phaseStart - waited(again.cpuWaitMs);
    outcome = await env.invoke(event, fn.timeoutMs - reinitMs);
  }
  deps.detach(env);
  waited(outcome.cpuWaitMs);
  return completed(env, outcome, reinitMs);

  function completed(environment: Environment, result: InvokeOutcome, extraMs: number): InvocationDone {
    let payload: Buffer;
    let kind: InvocationOutcome = 'success';
    let failure: ErrorOutcome | undefined;
    if (result.kind === 'response') payload = result.body;
    else if (result.kind === 'error') {
      payload = result.body;
      kind = 'function-error';
    } else {
      failure =
        result.kind === 'too-large'
          ? responseTooLargeError()
          : result.kind === 'timeout'
            ? timeoutError(requestId, fn.timeoutMs, Date.now())
            : runtimeExitError(requestId, result.code, result.signal, result.outOfMemory);
      payload = failure.payload;
      kind = result.kind === 'too-large' ? 'function-error' : result.kind === 'timeout' ? 'timeout' : 'crash';
      for (const line of failure.logLines) say(line);
    }
    const error = result.kind === 'error' ? { type: result.errorType, payload } : failure && { type: failure.errorType, payload };
    const record = finishRecord(environment, kind, result.durationMs + extraMs, kind === 'crash' ? failure?.errorType : undefined, error);
    // After a timeout or a crash an on-demand environment is reset, not replaced: its next invocation re-runs INIT
    // (environment.ts). A provisioned one is replaced in the background instead, so provisioned capacity stays
    // initialised (the documented reset speaks of on-demand invokes; Provisioned Concurrency promises ready INITs).
    const reusable = kind === 'success' || kind === 'function-error' || (environment.state === 'reset' && !environment.provisioned);
    return { payload, record, logTail: tail.text(), env: environment, reusable };
  }

  function failedInit(result: Exclude<InitOutcome, { ok: true }>, phaseStart: number, startLogged: boolean): InvocationDone {
    const facts = initFailure(result);
    deps.log(fn, formatInitReportLine({ initMs: result.initMs, phase: 'invoke', ...facts }));
    if (!startLogged) say(formatStartLine(requestId));
    let payload: Buffer;
    let errorType = facts.errorType;
    if (result.kind === 'error') payload = result.payload;
    else {
      const failure =
        result.kind === 'timeout'
          ? timeoutError(requestId, fn.timeoutMs, Date.now())
          : result.kind === 'no-bootstrap'
            ? missingBootstrapError(requestId, result.path)
            : runtimeExitError(requestId, result.code, result.signal, result.outOfMemory);
      for (const line of failure.logLines) say(line);
      payload = failure.payload;
      errorType ??= failure.errorType;
    }
    const kind: InvocationOutcome = result.kind === 'timeout' ? 'timeout' : 'init-error';
    const ownMs = performance.now() - phaseStart - (result.kind === 'timeout' ? waited(result.cpuWaitMs) : 0);
    const record = finishRecord(env, kind, ownMs, facts.errorType, { type: errorType ?? 'Runtime.Unknown', payload });
    // On demand, the environment stays and its next invocation tries INIT again under the function timeout, so a
    // function whose INIT never fits keeps failing in the same environments (the doom loop) instead of new ones.
    return { payload, record, logTail: tail.text(), env, reusable: env?.state === 'reset' && !env.provisioned };
  }

  function finishRecord(
    environment: Environment | undefined,
    kind: InvocationOutcome,
    durationMs: number,
    errorType: string | undefined,
    error?: { type: string; payload: Buffer },
  ): InvocationRecord {
    // A re-run init (suppressed init) has no Init Duration of its own: its time is inside Duration.
    const initMs = reinitMs > 0 || !progress.cold ? undefined : progress.initMs;
    const record: InvocationRecord = {
      requestId,
      functionName: fn.name,
      environmentId: environment?.id,
      cold: progress.cold,
      provisioned: req.provisioned,
      initMs,
      simulatedInitMs: initMs === undefined ? undefined : progress.simulatedInitMs,
      initBreakdown: initMs === undefined ? undefined : progress.initBreakdown,
      ...(progress.downstream?.length ? { downstreamColdStarts: progress.downstream.map((d) => ({ ...d })) } : {}),
      startedAtMs: req.startedAtMs,
      durationMs,
      billedMs: computeBilledMs({ durationMs, initMs, provisioned: req.provisioned }),
      ...(cpuWaitMs === undefined ? {} : { cpuWaitMs }),
      memoryMb: fn.memoryMb,
      maxMemoryUsedMb: environment ? kbToReportMb(environment.peakMemoryKb()) : 0,
      outcome: kind,
    };
    if (kind !== 'success') record.functionError = 'Unhandled';
    // The error's type and message, for the run's error table (the payload itself is not kept).
    if (error !== undefined) record.error = { type: error.type, message: errorMessageOf(error.payload) };
    say(formatEndLine(requestId));
    say(formatReportLine({ ...record, errorType }));
    return record;
  }
}

function initFailure(result: Exclude<InitOutcome, { ok: true }>): Pick<InitReportFacts, 'status' | 'errorType'> {
  if (result.kind === 'timeout') return { status: 'timeout' };
  if (result.kind === 'error') return { status: 'error', errorType: result.errorType };
  if (result.kind === 'exit') return { status: 'error', errorType: result.outOfMemory ? 'Runtime.OutOfMemory' : 'Runtime.ExitError' };
  return { status: 'error', errorType: 'Runtime.ExitError' };
}

/** Characters kept of an error message in a record. */
const ERROR_MESSAGE_MAX_CHARS = 300;

/** `errorMessage` of an error payload (`{"errorType": ..., "errorMessage": ...}`), else its text, shortened. */
function errorMessageOf(payload: Buffer): string {
  const text = payload.subarray(0, 4096).toString('utf8');
  let message = text;
  try {
    const parsed: unknown = JSON.parse(text);
    const value = parsed !== null && typeof parsed === 'object' ? (parsed as { errorMessage?: unknown }).errorMessage : undefined;
    if (typeof value === 'string') message = value;
  } catch {
    // not JSON (or cut): keep the text
  }
  return message.length <= ERROR_MESSAGE_MAX_CHARS ? message : `${message.slice(0, ERROR_MESSAGE_MAX_CHARS - 1)}…`;
}
