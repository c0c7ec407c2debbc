/**
 * The emulated Lambda service: for each function a pool of execution environments (real runtime processes,
 * pool.ts), under Lambda's concurrency rules.
 *
 * - An invocation takes an idle environment (provisioned first), else starts a new one (a cold start); each
 *   environment serves one invocation at a time.
 * - Admission (concurrency.ts): reserved concurrency, the unreserved account pool, the scaling rate; a refused
 *   invocation is a `throttled` record with its `throttleReason` and never reaches a runtime.
 * - Provisioned environments are initialised by `start()` (INIT not billed to invocations) and replaced in the
 *   background when one dies or retires.
 * - A memory watchdog reads each runtime's resident memory (every 100 ms, at most 64 environments per round) and
 *   kills one that goes over its memory size, which the invocation reports as Lambda does (`Runtime.OutOfMemory`,
 *   "signal: killed").
 * - `close()` kills every runtime process and resolves once all have exited. No signal handlers are installed:
 *   the CLI owns SIGINT / SIGTERM and calls `close()`; see process-reaper.ts for crashes.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { LambdaloadError } from '../../errors.js';
import { checkAdmission, takeScalingToken, THROTTLE_REASONS, unreservedCapacity, type ThrottleReason } from './concurrency.js';
import { createEnvironment, type Environment } from './environment.js';
import { functionNameFromIdentifier } from './function-name.js';
import { runInvocation, type InvocationDeps, type InvocationDone, type InvocationProgress } from './invocation.js';
import { formatInitReportLine, formatInitStartLine } from './log-lines.js';
import type { LogTail } from './log-tail.js';
import { createFunctionPool, type FunctionPool } from './pool.js';
import { createRandomPool } from '../random-pool.js';
import { formatLogStreamName, runtimeKind } from './runtime-launch.js';
import type { FunctionConfig, InvocationRecord, InvokeOptions, InvokeResult, LambdaService, LambdaServiceOptions } from './types.js';

/** Knobs for tests and tools; the defaults are AWS's. */
export interface LambdaServiceTuning {
  /** INIT limit for on-demand environments. Default 10 s (aws-facts §3.1 "INIT phase: max 10 s for on-demand"). */
  onDemandInitLimitMs?: number;
  /** How often resident memory is checked. Default 100 ms. */
  memoryCheckIntervalMs?: number;
  /** Random numbers for the `aws` cold-start profile. Default Math.random. */
  random?: () => number;
}

/** aws-facts §3.1 / coldstarts.md §3. */
const ON_DEMAND_INIT_LIMIT_MS = 10_000;
/** Provisioned concurrency may initialise for up to max(130 s, function timeout) (coldstarts.md §3, lifecycle doc). */
const PROVISIONED_INIT_LIMIT_MS = 130_000;
const MEMORY_CHECK_INTERVAL_MS = 100;
const MEMORY_CHECKS_PER_TICK = 64;
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

export function createLambdaService(options: LambdaServiceOptions, tuning: LambdaServiceTuning = {}): LambdaService {
  const pools = new Map<string, FunctionPool>();
  const poolDeps = {
    idleTimeoutMs: options.idleTimeoutMs,
    maxLifetimeMs: options.maxLifetimeMs,
    isClosing: () => closing !== undefined,
    replaceProvisioned: (pool: FunctionPool) => {
      const started = startProvisioned(pool).catch((error: unknown) => {
        log(pool.fn, `lambdaload: could not replace a provisioned environment: ${error instanceof Error ? error.message : String(error)}`);
      });
      track(started);
    },
    onRetired: (env: Environment) => tails.delete(env),
  };
  for (const fn of options.functions) pools.set(fn.name, createFunctionPool(fn, poolDeps, Date.now()));
  const capacity = unreservedCapacity(
    options.accountConcurrency,
    options.functions.map((f) => f.reservedConcurrency),
  );
  const finished: InvocationRecord[] = [];
  const tails = new Map<Environment, LogTail>();
  const inFlight = new Set<Promise<unknown>>();
  const counters = { coldStarts: 0, throttles: 0 };
  const random = tuning.random ?? Math.random;
  const randomPool = createRandomPool();
  let watchdog: NodeJS.Timeout | undefined;
  let closing: Promise<void> | undefined;
  let pythonPath: Promise<string> | undefined;
  let environmentSeq = 0;
  // Find the Python interpreter now, so the first cold start does not pay for it.
  const firstPython = options.functions.find((f) => runtimeKind(f.runtime) === 'python');
  if (firstPython) void resolvePython(firstPython);

  const log = (fn: FunctionConfig, line: string) => options.onLog?.(fn.name, line);

  async function newEnvironment(fn: FunctionConfig, provisioned: boolean): Promise<Environment> {
    const pool = pools.get(fn.name) as FunctionPool;
    const env = await createEnvironment({
      id: `e-${randomBytes(4).toString('hex')}${(environmentSeq++).toString(36)}`,
      fn,
      provisioned,
      logStreamName: formatLogStreamName(Date.now(), randomBytes(16).toString('hex')),
      launch: {
        region: options.region,
        invokeEndpointUrl: options.invokeEndpointUrl,
        nodePath: process.execPath,
        pythonPath: runtimeKind(fn.runtime) === 'python' ? await resolvePython(fn) : '',
        pathVariable: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      },
      onLine: (environment, line) => {
        tails.get(environment)?.add(line);
        log(fn, line);
      },
      onUnexpectedExit: (environment) => pool.retire(environment),
    });
    if (closing) {
      // A cold start that began before close(): its environment never serves.
      void env.dispose();
      return env;
    }
    pool.adopt(env);
    startWatchdog();
    return env;
  }

  const deps: InvocationDeps = {
    profile: options.coldStartProfile,
    random,
    onDemandInitLimitMs: tuning.onDemandInitLimitMs ?? ON_DEMAND_INIT_LIMIT_MS,
    newEnvironment: (fn) => {
      counters.coldStarts++;
      return newEnvironment(fn, false);
    },
    log,
    attach: (env, tail) => tails.set(env, tail),
    detach: (env) => tails.delete(env),
    runtimeVersion,
    functionArn: (fn) => `arn:aws:lambda:${options.region}:${EMULATOR_ACCOUNT_ID}:function:${fn.name}`,
    traceId: () => {
      const bytes = randomPool.take(20);
      return `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${bytes.subarray(0, 12).toString('hex')};Parent=${bytes.subarray(12).toString('hex')};Sampled=0`;
    },
  };

  function runtimeVersion(fn: FunctionConfig): string {
    const kind = runtimeKind(fn.runtime);
    if (kind === 'node') return `${fn.runtime} (local node ${process.versions.node})`;
    if (kind === 'python') return `${fn.runtime} (local python3)`;
    return `${fn.runtime} (local bootstrap)`;
  }

  /** The local Python 3 interpreter, resolved once (a pyenv shim costs ~100 ms per start; the real binary does not). */
  function resolvePython(fn: FunctionConfig): Promise<string> {
    pythonPath ??= new Promise((resolve) => {
      execFile('python3', ['-c', 'import sys; print(sys.executable)'], { cwd: fn.codeDir, timeout: 10_000 }, (error, stdout) => {
        resolve(error || stdout.trim() === '' ? 'python3' : stdout.trim());
      });
    });
    return pythonPath;
  }

  /**
   * Memory watchdog: each tick checks up to MEMORY_CHECKS_PER_TICK environments, round-robin, so that hundreds of
   * environments cost a bounded amount of /proc reading (each is then checked less often).
   */
  function startWatchdog(): void {
    if (watchdog || closing) return;
    let cursor = 0;
    watchdog = setInterval(() => {
      const all: Environment[] = [];
      for (const pool of pools.values()) for (const env of pool.live) all.push(env);
      const count = Math.min(all.length, MEMORY_CHECKS_PER_TICK);
      for (let i = 0; i < count; i++) all[(cursor + i) % all.length].checkMemory();
      cursor = all.length === 0 ? 0 : (cursor + count) % all.length;
    }, tuning.memoryCheckIntervalMs ?? MEMORY_CHECK_INTERVAL_MS);
    watchdog.unref();
  }

  function unreservedInUse(): number {
    let total = 0;
    for (const pool of pools.values()) if (pool.fn.reservedConcurrency === undefined) total += pool.provisioned + pool.busyOnDemand;
    return total;
  }

  /** Starts (or restarts) one provisioned environment; resolves once it is initialised. */
  async function startProvisioned(pool: FunctionPool): Promise<void> {
    pool.provisioned++;
    const env = await newEnvironment(pool.fn, true);
    log(pool.fn, formatInitStartLine(runtimeVersion(pool.fn)));
    const result = await env.init(Math.max(PROVISIONED_INIT_LIMIT_MS, pool.fn.timeoutMs));
    if (!result.ok) {
      const errorType = result.kind === 'error' ? result.errorType : result.kind === 'exit' && result.outOfMemory ? 'Runtime.OutOfMemory' : 'Runtime.ExitError';
      log(pool.fn, formatInitReportLine({ initMs: result.initMs, phase: 'init', status: result.kind === 'timeout' ? 'timeout' : 'error', errorType }));
      pool.provisioned--;
      pool.discard(env);
      throw new LambdaloadError('EMULATOR_START_FAILED', `a provisioned environment of ${pool.fn.name} failed to initialise (${errorType})`, {
        hint: `Run the function's handler locally and check its logs; provisioned environments must initialise before traffic starts.`,
      });
    }
    if (!closing) pool.offerProvisioned(env);
  }

  function track<T>(promise: Promise<T>): Promise<T> {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
    return promise;
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
    finished.push(record);
    // The body the Invoke API answers with (aws-facts §4.3, erlcloud fixture of a real 429).
    const payload = Buffer.from(JSON.stringify({ Reason: reason, Type: 'User', message: 'Rate Exceeded.' }));
    return { payload, record, logTail: '' };
  }

  async function invoke(functionName: string, payload: Buffer, invokeOptions: InvokeOptions = {}): Promise<InvokeResult> {
    if (closing) throw new LambdaloadError('INTERNAL', 'the emulated Lambda service is closed');
    const pool = pools.get(functionNameFromIdentifier(functionName));
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
        unreservedInUse: unreservedInUse(),
        unreservedCapacity: capacity,
      });
      if (reason) return throttled(fn, requestId, startedAtMs, reason);
      env = pool.takeOnDemand();
      if (!env && !takeScalingToken(pool.scaling, Date.now())) return throttled(fn, requestId, startedAtMs, THROTTLE_REASONS.scalingRate);
      pool.busyOnDemand++;
    }

    const progress: InvocationProgress = { environmentId: env?.id, cold: env === undefined, startedAt: performance.now() };
    const clientContext = invokeOptions.clientContext === undefined ? undefined : Buffer.from(invokeOptions.clientContext, 'base64').toString('utf8');
    const run = track(
      runInvocation(deps, { fn, requestId, payload, clientContext, startedAtMs, env, provisioned }, progress).then(
        (done) => {
          if (!provisioned) pool.busyOnDemand--;
          finished.push(done.record);
          if (done.env) pool.release(done.env, done.reusable);
          return done;
        },
        (error: unknown) => {
          if (!provisioned) pool.busyOnDemand--;
          throw error;
        },
      ),
    );
    if (invokeOptions.waitTimeoutMs === undefined) return toResult(await run);
    return waitAtMost(run, invokeOptions.waitTimeoutMs, () => snapshot(fn, requestId, startedAtMs, provisioned, progress));
  }

  function toResult(done: InvocationDone): InvokeResult {
    return { payload: done.payload, record: done.record, logTail: done.logTail };
  }

  /** The record as it stands when a caller stops waiting; the final one lands in records() when the function ends. */
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
    };
    return { payload: Buffer.alloc(0), record, logTail: '', waitTimedOut: true };
  }

  async function start(): Promise<void> {
    if (firstPython) await resolvePython(firstPython);
    const starts: Promise<void>[] = [];
    for (const pool of pools.values()) for (let i = 0; i < pool.fn.provisionedConcurrency; i++) starts.push(track(startProvisioned(pool)));
    const results = await Promise.allSettled(starts);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  }

  function close(): Promise<void> {
    closing ??= (async () => {
      clearInterval(watchdog);
      await Promise.all([...pools.values()].map((pool) => pool.disposeAll()));
      // Invocations under way end now (their runtimes are gone); a cold start that was still creating its
      // environment disposes of it itself (newEnvironment).
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      await Promise.all([...pools.values()].map((pool) => pool.disposeAll()));
    })();
    return closing;
  }

  const service: LambdaService = {
    invoke,
    hasFunction: (name) => pools.has(functionNameFromIdentifier(name)),
    getFunction: (name) => pools.get(functionNameFromIdentifier(name))?.fn,
    records: () => finished,
    stats() {
      let environments = 0;
      let idle = 0;
      for (const pool of pools.values()) {
        environments += pool.live.size;
        idle += pool.idleCount();
      }
      return { environments, busy: environments - idle, idle, coldStarts: counters.coldStarts, throttles: counters.throttles };
    },
    start,
    close,
  };
  serviceFacts.set(service, { region: options.region, functionNames: options.functions.map((f) => f.name) });
  return service;
}

/** Resolves after `ms` with the fallback, or with the run's own result if it comes first. */
function waitAtMost(run: Promise<InvocationDone>, ms: number, fallback: () => InvokeResult): Promise<InvokeResult> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(fallback()), ms);
    run.then(
      (done) => {
        clearTimeout(timer);
        resolve({ payload: done.payload, record: done.record, logTail: done.logTail });
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
