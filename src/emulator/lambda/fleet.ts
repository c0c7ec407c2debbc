/**
 * The Lambda service's execution environments across functions, over their lifetime: a pool per function
 * (pool.ts), new environments (a cold start's, or a provisioned one), provisioned environments initialised by
 * `start()` (INIT not billed to invocations) and replaced in the background when one dies or retires, a memory
 * watchdog, and `close()`.
 *
 * - The watchdog reads each runtime's resident memory (every 100 ms, at most 64 environments per round) and kills one
 *   that goes over its memory size, which the invocation reports as Lambda does (`Runtime.OutOfMemory`,
 *   "signal: killed").
 * - `close()` kills every runtime process and resolves once all have exited, including invocations and cold starts
 *   under way (each work started here or by the service goes through `track`). No signal handlers are installed:
 *   the CLI owns SIGINT / SIGTERM and calls `close()`; see process-reaper.ts for crashes.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { LambdaloadError } from '../../errors.js';
import { createEnvironment, type Environment } from './environment.js';
import { formatInitReportLine, formatInitStartLine } from './log-lines.js';
import type { LogTail } from './log-tail.js';
import { createFunctionPool, type FunctionPool } from './pool.js';
import { formatRuntimeVersion, localRuntimeOf, probeLocalPython, type LocalPython, type LocalRuntime } from './local-runtime.js';
import { formatLogStreamName, runtimeKind } from './runtime-launch.js';
import { lambdaCpus, openCgroups, type CgroupSupport } from './cgroup.js';
import { createSpareRuntimes } from './spares.js';
import type { EnvironmentModel, FunctionConfig, LambdaServiceOptions } from './types.js';

/** Provisioned concurrency may initialise for up to max(130 s, function timeout) (coldstarts.md §3, lifecycle doc). */
const PROVISIONED_INIT_LIMIT_MS = 130_000;
const MEMORY_CHECK_INTERVAL_MS = 100;
const MEMORY_CHECKS_PER_TICK = 64;
/** How long a spare runtime may take to load its bootstrap (the emulator's own bound, not an AWS figure). */
const SPARE_BOOT_LIMIT_MS = 10_000;

export interface Fleet {
  readonly pools: ReadonlyMap<string, FunctionPool>;
  /**
   * An on-demand environment for an invocation (a cold start): a spare runtime process when the function has them
   * (prestarted, see spares.ts; waits for one when none is ready), else a new one whose process starts at `init()`.
   */
  newEnvironment(fn: FunctionConfig): Promise<Environment>;
  /** While attached, the function's own output lines also go to this invocation's tail. */
  attach(env: Environment, tail: LogTail): void;
  detach(env: Environment): void;
  runtimeVersion(fn: FunctionConfig): string;
  /** Whether environments get control groups (CPU share, memory limit), or why not. */
  readonly cgroups: CgroupSupport;
  environmentModel(fn: FunctionConfig): EnvironmentModel;
  /** The runtime start a cold start on a spare reports: the function's reference boot (spares.ts), else `bootMs`. */
  runtimeStartMs(fn: FunctionConfig, bootMs: number): number;
  /** The local interpreter that runs `fn` (Python's version is known once `start()` resolved). */
  localRuntime(fn: FunctionConfig): LocalRuntime;
  /** Keeps `close()` waiting for this work. */
  track<T>(promise: Promise<T>): Promise<T>;
  isClosing(): boolean;
  /** Environments counted against the unreserved account pool (functions without reserved concurrency). */
  unreservedInUse(): number;
  counts(): { environments: number; busy: number; idle: number; spares: number };
  /** Starts provisioned environments and the first spares; resolves when they are ready. */
  start(): Promise<void>;
  /** Stops every runtime process; resolves when all have exited. */
  close(): Promise<void>;
}

export function createFleet(options: LambdaServiceOptions, memoryCheckIntervalMs = MEMORY_CHECK_INTERVAL_MS): Fleet {
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
  const tails = new Map<Environment, LogTail>();
  const inFlight = new Set<Promise<unknown>>();
  let watchdog: NodeJS.Timeout | undefined;
  let closing: Promise<void> | undefined;
  let python: Promise<LocalPython> | undefined;
  let pythonFound: LocalPython | undefined;
  let environmentSeq = 0;
  // Find the Python interpreter now, so the first cold start does not pay for it.
  const firstPython = options.functions.find((f) => runtimeKind(f.runtime) === 'python');
  if (firstPython) void resolvePython(firstPython);

  const log = (fn: FunctionConfig, line: string) => options.onLog?.(fn.name, line);

  const cgroups = openCgroups();
  let cgroupFailureLogged = false;

  const spares = createSpareRuntimes({
    functions: options.functions,
    perFunction: options.spareRuntimes,
    maxBooting: availableParallelism(),
    bootLimitMs: SPARE_BOOT_LIMIT_MS,
    create: (fn) => createEnv(fn, false),
    onFailure: (fn, reason) => log(fn, `lambdaload: a spare runtime process could not be started: ${reason}`),
  });

  async function newEnvironment(fn: FunctionConfig, provisioned: boolean): Promise<Environment> {
    const spare = provisioned || !spares.serves(fn) ? undefined : await spares.take(fn);
    const env = spare ?? (await createEnv(fn, provisioned));
    if (closing) {
      // A cold start that began before close(): its environment never serves.
      void env.dispose();
      return env;
    }
    (pools.get(fn.name) as FunctionPool).adopt(env);
    startWatchdog();
    return env;
  }

  async function createEnv(fn: FunctionConfig, provisioned: boolean): Promise<Environment> {
    const pool = pools.get(fn.name) as FunctionPool;
    const id = `e-${randomBytes(4).toString('hex')}${(environmentSeq++).toString(36)}`;
    return createEnvironment({
      id,
      limits: limitsFor(fn, id),
      fn,
      provisioned,
      logStreamName: formatLogStreamName(Date.now(), randomBytes(16).toString('hex')),
      launch: {
        region: options.region,
        invokeEndpointUrl: options.invokeEndpointUrl,
        nodePath: process.execPath,
        pythonPath: runtimeKind(fn.runtime) === 'python' ? (await resolvePython(fn)).path : '',
        pathVariable: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      },
      onLine: (environment, line) => {
        tails.get(environment)?.add(line);
        log(fn, line);
      },
      onUnexpectedExit: (environment) => pool.retire(environment),
    });
  }

  /** The environment's control group and CPU share, when the host allows them. */
  function limitsFor(fn: FunctionConfig, id: string) {
    try {
      const cgroup = cgroups.create(id, fn.memoryMb, fn.cpu === 'host');
      return cgroup && { cgroup, cpus: fn.cpu === 'aws' ? lambdaCpus(fn.memoryMb) : undefined };
    } catch (error) {
      if (!cgroupFailureLogged) log(fn, `lambdaload: no control group for an environment (${error instanceof Error ? error.message : String(error)}); it runs unthrottled`);
      cgroupFailureLogged = true;
      return undefined;
    }
  }

  function runtimeVersion(fn: FunctionConfig): string {
    return formatRuntimeVersion(localRuntimeOf(fn, pythonFound));
  }

  /** The local Python 3 interpreter, resolved once (a pyenv shim costs ~100 ms per start; the real binary does not). */
  function resolvePython(fn: FunctionConfig): Promise<LocalPython> {
    python ??= probeLocalPython(fn.codeDir).then((found) => (pythonFound = found));
    return python;
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
    }, memoryCheckIntervalMs);
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

  async function start(): Promise<void> {
    if (firstPython) await resolvePython(firstPython);
    const starts: Promise<void>[] = [];
    for (const pool of pools.values()) for (let i = 0; i < pool.fn.provisionedConcurrency; i++) starts.push(track(startProvisioned(pool)));
    starts.push(spares.fill());
    const results = await Promise.allSettled(starts);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  }

  function close(): Promise<void> {
    closing ??= (async () => {
      clearInterval(watchdog);
      await spares.close();
      await Promise.all([...pools.values()].map((pool) => pool.disposeAll()));
      // Invocations under way end now (their runtimes are gone); a cold start that was still creating its
      // environment disposes of it itself (newEnvironment).
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      await Promise.all([...pools.values()].map((pool) => pool.disposeAll()));
      await cgroups.close();
    })();
    return closing;
  }

  return {
    pools,
    newEnvironment: (fn) => newEnvironment(fn, false),
    attach: (env, tail) => tails.set(env, tail),
    detach: (env) => tails.delete(env),
    runtimeVersion,
    cgroups: cgroups.support,
    environmentModel(fn) {
      const support = cgroups.support;
      const enforcedBy = support.available ? `cgroup ${support.version}` : 'none';
      const referenceBootMs = spares.referenceBootMs(fn);
      return {
        functionName: fn.name,
        memoryMb: fn.memoryMb,
        cpu:
          fn.cpu === 'host'
            ? { model: 'host', enforcedBy: 'none' }
            : { model: 'aws', cpus: lambdaCpus(fn.memoryMb), enforcedBy, ...(support.available ? {} : { unavailableReason: support.reason }) },
        memory: { limitMb: fn.memoryMb, enforcedBy: support.available ? enforcedBy : `resident-memory watchdog (every ${memoryCheckIntervalMs} ms)` },
        runtimeStart: spares.serves(fn)
          ? { source: 'spare-reference', spareRuntimes: options.spareRuntimes, ...(referenceBootMs === undefined ? {} : { referenceBootMs }) }
          : { source: 'spawned', spareRuntimes: 0 },
      };
    },
    runtimeStartMs: (fn, bootMs) => spares.referenceBootMs(fn) ?? bootMs,
    localRuntime: (fn) => localRuntimeOf(fn, pythonFound),
    track,
    isClosing: () => closing !== undefined,
    unreservedInUse,
    counts() {
      let environments = 0;
      let idle = 0;
      for (const pool of pools.values()) {
        environments += pool.live.size;
        idle += pool.idleCount();
      }
      return { environments, busy: environments - idle, idle, spares: spares.counts().ready };
    },
    start,
    close,
  };
}
