/**
 * The emulated Lambda service: the invoke path, under Lambda's concurrency rules, over the environments of
 * fleet.ts (a pool of real runtime processes per function, their lifecycle, the memory watchdog, `start()` and
 * `close()`).
 *
 * - An invocation takes an idle environment (provisioned first), else starts a new one (a cold start); each
 *   environment serves one invocation at a time.
 * - Admission (concurrency.ts): reserved concurrency, the unreserved account pool, the scaling rate; a refused
 *   invocation is a `throttled` record with its `throttleReason` and never reaches a runtime.
 * - Every finished invocation goes to the ledger (bounded totals for the run's result, src/measure) and to a ring of
 *   the most recent records; the ledger is also told when each admitted invocation starts and ends, for exact
 *   in-flight peaks. Nothing here grows with the number of invocations.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { LambdaloadError } from '../../errors.js';
import { createInvocationLedger } from '../../measure/invocation-ledger.js';
import { checkAdmission, takeScalingToken, THROTTLE_REASONS, unreservedCapacity, type ThrottleReason } from './concurrency.js';
import { createFleet } from './fleet.js';
import { functionNameFromIdentifier } from './function-name.js';
import { runInvocation, type InvocationDeps, type InvocationDone, type InvocationProgress } from './invocation.js';
import { createRandomPool } from '../random-pool.js';
import { createRecentRecordRing, RECENT_RECORDS_LIMIT } from './recent-records.js';
import type { FunctionConfig, InvokeOptions, InvokeResult, LambdaService, LambdaServiceOptions } from './types.js';
import type { InvocationRecord } from '../../records/invocation.js';
import { QUOTAS } from '../../facts/quotas.js';

/** Knobs for tests and tools; the defaults are AWS's. */
export interface LambdaServiceTuning {
  /** INIT limit for on-demand environments. Default 10 s (aws-facts §3.1 "INIT phase: max 10 s for on-demand"). */
  onDemandInitLimitMs?: number;
  /** How often resident memory is checked. Default 100 ms. */
  memoryCheckIntervalMs?: number;
  /** Random numbers for the `aws` cold-start profile. Default Math.random. */
  random?: () => number;
  /** Records kept for `recentRecords()`. Default RECENT_RECORDS_LIMIT. */
  recentRecordsLimit?: number;
}

/** The on-demand INIT phase's limit (coldstarts.md §3). */
const ON_DEMAND_INIT_LIMIT_MS = QUOTAS.initMaxS.value * 1_000;
/** The account id the RIE puts in function ARNs (aws-facts §7.3). */
export const EMULATOR_ACCOUNT_ID = '012345678912';

/** What the Invoke API needs beyond the `LambdaService` contract: its Region and function names, in order. */
export interface ServiceFacts {
  region: string;
  functionNames: readonly string[];
}
const serviceFacts = new WeakMap<LambdaService, ServiceFacts>();

/** Facts of a service made by `createLambdaService` (`undefined` for another implementation of the contract). */
export function describeService(service: LambdaService): ServiceFacts | undefined {
  return serviceFacts.get(service);
}

/** `service` with some methods replaced (an observer in front of it); its facts go along, so the Invoke API still knows it. */
export function withOverrides(service: LambdaService, overrides: Partial<LambdaService>): LambdaService {
  const wrapped = { ...service, ...overrides };
  const facts = serviceFacts.get(service);
  if (facts) serviceFacts.set(wrapped, facts);
  return wrapped;
}

export function createLambdaService(options: LambdaServiceOptions, tuning: LambdaServiceTuning = {}): LambdaService {
  const fleet = createFleet(options, tuning.memoryCheckIntervalMs);
  const capacity = unreservedCapacity(
    options.accountConcurrency,
    options.functions.map((f) => f.reservedConcurrency),
  );
  const ledger = createInvocationLedger();
  const recent = createRecentRecordRing(tuning.recentRecordsLimit ?? RECENT_RECORDS_LIMIT);
  const counters = { coldStarts: 0, throttles: 0 };
  const randomPool = createRandomPool();

  /**
   * In-flight invocations by trace Root, the outermost one per trace: a call made from inside a function carries its
   * caller's Root (InvokeOptions.traceHeader), and a cold start down the chain is noted on the invocation the
   * request came in through.
   */
  const byRoot = new Map<string, InvocationProgress>();
  /** At most this many downstream cold starts are noted per invocation (a fan-out can start many). */
  const MAX_DOWNSTREAM = 10;

  const deps: InvocationDeps = {
    profile: options.coldStartProfile,
    random: tuning.random ?? Math.random,
    onDemandInitLimitMs: tuning.onDemandInitLimitMs ?? ON_DEMAND_INIT_LIMIT_MS,
    newEnvironment: (fn) => {
      counters.coldStarts++;
      return fleet.newEnvironment(fn);
    },
    log: (fn, line) => options.onLog?.(fn.name, line),
    attach: fleet.attach,
    detach: fleet.detach,
    runtimeVersion: fleet.runtimeVersion,
    runtimeStartMs: fleet.runtimeStartMs,
    functionArn: (fn) => `arn:aws:lambda:${options.region}:${EMULATOR_ACCOUNT_ID}:function:${fn.name}`,
  };

  /** A new trace header, in the caller's trace when there is one (`root`), with the Root it carries. */
  function newTrace(root: string | undefined): { traceId: string; root: string } {
    const bytes = randomPool.take(20);
    const traceRoot = root ?? `1-${Math.floor(Date.now() / 1000).toString(16)}-${bytes.subarray(0, 12).toString('hex')}`;
    return { traceId: `Root=${traceRoot};Parent=${bytes.subarray(12).toString('hex')};Sampled=0`, root: traceRoot };
  }

  function finished(record: InvocationRecord): void {
    ledger.add(record);
    recent.push(record);
  }

  function throttled(fn: FunctionConfig, requestId: string, startedAtMs: number, reason: ThrottleReason): InvokeResult {
    counters.throttles++;
    const record: InvocationRecord = {
      requestId,
      functionName: fn.name,
      cold: false,
      provisioned: false,
      startedAtMs,
      durationMs: 0,
      billedMs: 0,
      memoryMb: fn.memoryMb,
      maxMemoryUsedMb: 0,
      outcome: 'throttled',
      throttleReason: reason,
    };
    finished(record);
    // The body the Invoke API answers with (aws-facts §4.3, erlcloud fixture of a real 429).
    const payload = Buffer.from(JSON.stringify({ Reason: reason, Type: 'User', message: 'Rate Exceeded.' }));
    return { payload, record, logTail: '' };
  }

  async function invoke(functionName: string, payload: Buffer, invokeOptions: InvokeOptions = {}): Promise<InvokeResult> {
    if (fleet.isClosing()) throw new LambdaloadError('INTERNAL', 'the emulated Lambda service is closed');
    const pool = fleet.pools.get(functionNameFromIdentifier(functionName));
    if (!pool) {
      throw new LambdaloadError('INTERNAL', `no function named ${functionName} in the emulator`, {
        hint: 'Check hasFunction() first; the Invoke API answers 404 ResourceNotFoundException for unknown names.',
      });
    }
    const { fn } = pool;
    const requestId = randomUUID();
    const startedAtMs = Date.now();

    let env = pool.takeProvisioned();
    const provisioned = env !== undefined;
    if (!env) {
      const reason = checkAdmission({
        reservedConcurrency: fn.reservedConcurrency,
        functionInUse: pool.provisioned + pool.busyOnDemand,
        unreservedInUse: fleet.unreservedInUse(),
        unreservedCapacity: capacity,
      });
      if (reason) return throttled(fn, requestId, startedAtMs, reason);
      env = pool.takeOnDemand();
      if (!env && !takeScalingToken(pool.scaling, Date.now())) return throttled(fn, requestId, startedAtMs, THROTTLE_REASONS.scalingRate);
      pool.busyOnDemand++;
    }

    // In flight from admission to completion, INIT included: what Lambda counts as a concurrent execution.
    ledger.started(fn.name);
    const progress: InvocationProgress = { environmentId: env?.id, cold: env === undefined, startedAt: performance.now() };
    const callerRoot = traceRootOf(invokeOptions.traceHeader);
    const caller = callerRoot === undefined ? undefined : byRoot.get(callerRoot);
    const { traceId, root } = newTrace(callerRoot);
    const ownsRoot = !byRoot.has(root);
    if (ownsRoot) byRoot.set(root, progress);
    if (caller && progress.cold) {
      caller.downstream ??= [];
      if (caller.downstream.length < MAX_DOWNSTREAM) {
        progress.asDownstream = { functionName: fn.name };
        caller.downstream.push(progress.asDownstream);
      }
    }
    const clientContext = invokeOptions.clientContext === undefined ? undefined : Buffer.from(invokeOptions.clientContext, 'base64').toString('utf8');
    const ended = (): void => {
      if (!provisioned) pool.busyOnDemand--;
      ledger.ended(fn.name);
      if (ownsRoot) byRoot.delete(root);
    };
    const run = fleet.track(
      runInvocation(deps, { fn, requestId, payload, clientContext, startedAtMs, env, provisioned, traceId }, progress).then(
        (done) => {
          ended();
          finished(done.record);
          if (done.env) pool.release(done.env, done.reusable);
          return done;
        },
        (error: unknown) => {
          ended();
          throw error;
        },
      ),
    );
    if (invokeOptions.waitTimeoutMs === undefined) return toResult(await run);
    return waitAtMost(run, invokeOptions.waitTimeoutMs, () => snapshot(fn, requestId, startedAtMs, provisioned, progress));
  }

  /** The record as it stands when a caller stops waiting; the final one reaches the ledger when the function ends. */
  function snapshot(fn: FunctionConfig, requestId: string, startedAtMs: number, provisioned: boolean, progress: InvocationProgress): InvokeResult {
    const durationMs = performance.now() - progress.startedAt;
    const record: InvocationRecord = {
      requestId,
      functionName: fn.name,
      environmentId: progress.environmentId,
      cold: progress.cold,
      provisioned,
      initMs: progress.initMs,
      simulatedInitMs: progress.simulatedInitMs,
      startedAtMs,
      durationMs,
      billedMs: Math.ceil(durationMs),
      memoryMb: fn.memoryMb,
      maxMemoryUsedMb: 0,
      outcome: 'timeout',
      ...(progress.downstream?.length ? { downstreamColdStarts: progress.downstream.map((d) => ({ ...d })) } : {}),
    };
    return { payload: Buffer.alloc(0), record, logTail: '', waitTimedOut: true };
  }

  const service: LambdaService = {
    invoke,
    hasFunction: (name) => fleet.pools.has(functionNameFromIdentifier(name)),
    getFunction: (name) => fleet.pools.get(functionNameFromIdentifier(name))?.fn,
    recentRecords: () => recent.snapshot(),
    totals: () => ledger.totals(),
    stats: () => ({ ...fleet.counts(), coldStarts: counters.coldStarts, throttles: counters.throttles }),
    localRuntimes: () => options.functions.map((fn) => fleet.localRuntime(fn)),
    environmentModels: () => options.functions.map((fn) => fleet.environmentModel(fn)),
    start: () => fleet.start(),
    close: () => fleet.close(),
  };
  serviceFacts.set(service, { region: options.region, functionNames: options.functions.map((f) => f.name) });
  return service;
}

/** `1-5759e988-bd862e3fe1be46a994272793` from `Root=1-5759e988-bd862e3fe1be46a994272793;Parent=…;Sampled=0`. */
function traceRootOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /(?:^|;)\s*Root=([^;\s]+)/.exec(header);
  return match?.[1];
}

function toResult(done: InvocationDone): InvokeResult {
  return { payload: done.payload, record: done.record, logTail: done.logTail };
}

/** Resolves after `ms` with the fallback, or with the run's own result if it comes first. */
function waitAtMost(run: Promise<InvocationDone>, ms: number, fallback: () => InvokeResult): Promise<InvokeResult> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(fallback()), ms);
    run.then(
      (done) => {
        clearTimeout(timer);
        resolve(toResult(done));
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
