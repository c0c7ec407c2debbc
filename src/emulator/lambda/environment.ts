/**
 * One execution environment: a runtime process (its own process group) and the Runtime API port it talks to.
 * It serves one invocation at a time. The environment only reports what happened — init done or failed, response,
 * error, timeout, exit — with measured times; the service decides what that means (records, logs, billing, pool).
 *
 * Init: from spawning the process until its first GET /next (that is Lambda's INIT phase: runtime start and the
 * function's static code). A limit (10 s on demand) kills an init that runs over.
 * Invoke: from handing the event to the runtime until its POST /response or /error; a timer kills the process at
 * the function timeout (Lambda stops the environment and the next invocation starts a new one).
 * Memory: the kernel's numbers for the process (or its process group for custom runtimes); `checkMemory()` kills
 * a process whose resident memory is above the function's memory size, as Lambda's sandbox limit does.
 * With a control group (cgroup.ts), the kernel enforces the memory size instead and reports the peak and OOM kills,
 * and invocations run at the memory size's CPU share (INIT without it).
 */
import { accessSync, constants as fsConstants } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { errorTypeOf } from './function-errors.js';
import { createMemoryWatch } from './environment-memory.js';
import { startRuntimeApi, type CallVerdict, type RuntimeApiServer, type RuntimeEvent } from './runtime-api.js';
import { bootstrapPath, inControlGroups, planLaunch, runtimeKind } from './runtime-launch.js';
import { startRuntimeProcess, type RuntimeProcess } from './runtime-process.js';
import { hostWaitMs, limitOwnTime, openCpuWait, type CpuWaitReader, type OwnTimeLimit, type SchedSample } from './cpu-wait.js';
import type { Environment, EnvironmentOptions, EnvironmentState, InitOutcome, InvokeEnding, InvokeOutcome, PrestartOutcome } from './environment-types.js';

export type { Environment, EnvironmentOptions, EnvironmentState, InitOutcome, InvokeEnding, InvokeOutcome, PrestartOutcome } from './environment-types.js';

interface Running {
  requestId: string;
  startedAt: number;
  /** The process's scheduler totals when the event was handed over (cpu-wait.ts). */
  schedAtStart: SchedSample | undefined;
  delivered: boolean;
  limit: OwnTimeLimit | undefined;
  resolve(outcome: InvokeOutcome): void;
}

export async function createEnvironment(options: EnvironmentOptions): Promise<Environment> {
  const { fn } = options;
  const memoryLimitKb = fn.memoryMb * 1024;
  const groupMemory = runtimeKind(fn.runtime) === 'provided';
  let state: EnvironmentState = 'init';
  let child: RuntimeProcess | undefined;
  let outOfMemory = false;
  let expectExit = false;
  let pendingNext: ((event: RuntimeEvent) => boolean) | undefined;
  let queued: RuntimeEvent | undefined;
  let running: Running | undefined;
  let lastRequestId: string | undefined;
  let initWaiter: ((outcome: InitOutcome) => void) | undefined;
  let initStartedAt = 0;
  let initSchedAtStart: SchedSample | undefined;
  /** The current process's CPU wait (cpu-wait.ts). */
  let cpuWait: CpuWaitReader | undefined;
  let disposed = false;
  const cgroup = options.limits?.cgroup;
  const memory = createMemoryWatch(cgroup, memoryLimitKb);
  /** OOM kills of the control group already accounted for. */
  let oomKillsSeen = 0;
  /** The prestarted process's boot time, until its init takes it. */
  let prestartedBootMs: number | undefined;

  const handlers = {
    next(deliver: (event: RuntimeEvent) => boolean): 'wait' | 'invalid-state' {
      if (pendingNext !== undefined || (running !== undefined && running.delivered)) return 'invalid-state';
      if (initWaiter) {
        const done = initWaiter;
        initWaiter = undefined;
        state = 'idle';
        // INIT runs without the CPU quota (cgroup.ts).
        const cpuWaitMs = hostWaitMs(initSchedAtStart, cpuWait?.read(), undefined);
        const initMs = performance.now() - initStartedAt - (cpuWaitMs ?? 0);
        done(cpuWaitMs === undefined ? { ok: true, initMs } : { ok: true, initMs, cpuWaitMs });
      }
      if (queued) {
        const event = queued;
        queued = undefined;
        hand(deliver, event);
      } else {
        pendingNext = deliver;
      }
      return 'wait';
    },
    response: (requestId: string, body: Buffer): CallVerdict => finish(requestId, { kind: 'response', body }),
    responseTooLarge: (requestId: string): CallVerdict => finish(requestId, { kind: 'too-large' }),
    error: (requestId: string, body: Buffer, header: string | undefined): CallVerdict =>
      finish(requestId, { kind: 'error', body, errorType: errorTypeOf(body, header) }),
    initError(body: Buffer, header: string | undefined): 'accepted' | 'invalid-state' {
      if (!initWaiter) return 'invalid-state';
      const done = initWaiter;
      initWaiter = undefined;
      done({ ok: false, kind: 'error', initMs: performance.now() - initStartedAt, payload: body, errorType: errorTypeOf(body, header) });
      // Lambda resets an environment whose init failed.
      sample();
      stopProcess();
      return 'accepted';
    },
  };
  const api: RuntimeApiServer = await startRuntimeApi(handlers);

  function hand(deliver: (event: RuntimeEvent) => boolean, event: RuntimeEvent): void {
    if (running && running.requestId === event.requestId) {
      running.delivered = true;
      running.startedAt = performance.now();
      running.schedAtStart = cpuWait?.read();
    }
    deliver(event);
  }

  function finish(requestId: string, result: InvokeEnding): CallVerdict {
    if (!running || running.requestId !== requestId || !running.delivered) {
      return requestId === lastRequestId || running?.requestId === requestId ? 'invalid-state' : 'invalid-id';
    }
    settle({ ...result, ...heldFor(running) });
    return 'accepted';
  }

  /** The invocation's Duration so far, without the time it waited for this machine's CPU. */
  function heldFor(current: Running): { durationMs: number; cpuWaitMs?: number } {
    const wallMs = performance.now() - current.startedAt;
    const cpuWaitMs = current.delivered ? hostWaitMs(current.schedAtStart, cpuWait?.read(), options.limits?.cpus) : undefined;
    return cpuWaitMs === undefined ? { durationMs: wallMs } : { durationMs: Math.max(0, wallMs - cpuWaitMs), cpuWaitMs };
  }

  function settle(outcome: InvokeOutcome): void {
    const current = running;
    if (!current) return;
    running = undefined;
    lastRequestId = current.requestId;
    current.limit?.clear();
    if (state === 'busy') state = 'idle';
    // Let output the runtime wrote before answering (already in the pipe) reach the log first.
    setImmediate(() => current.resolve(outcome));
  }

  function spawnRuntime(prestarted: boolean): RuntimeProcess | undefined {
    const context = { ...options.launch, runtimeApi: api.address, provisioned: options.provisioned, logStreamName: options.logStreamName };
    const direct = planLaunch(fn, context, prestarted);
    const plan = cgroup ? inControlGroups(direct, cgroup.procsFiles) : direct;
    memory.newProcess();
    // INIT runs without the CPU share (cgroup.ts); the share applies once init is done.
    cgroup?.setCpus(undefined);
    const proc: RuntimeProcess | undefined = startRuntimeProcess(plan, groupMemory, {
      onLine: (line) => options.onLine(environment, line),
      onSpawnError: (message) => options.onLine(environment, message),
      onExit: (code, signal) => onExit(proc, code, signal),
    });
    cpuWait?.close();
    cpuWait = proc && openCpuWait(proc.pid);
    return proc;
  }

  function onExit(proc: RuntimeProcess | undefined, code: number | null, signal: NodeJS.Signals | null): void {
    if (proc === undefined || proc !== child) return;
    child = undefined;
    cpuWait?.close();
    cpuWait = undefined;
    pendingNext = undefined;
    queued = undefined;
    let oom = outOfMemory;
    outOfMemory = false;
    if (cgroup && signal === 'SIGKILL') {
      const kills = cgroup.oomKills();
      if (kills > oomKillsSeen) oom = true;
      oomKillsSeen = kills;
    }
    if (initWaiter) {
      const done = initWaiter;
      initWaiter = undefined;
      done({ ok: false, kind: 'exit', initMs: performance.now() - initStartedAt, code, signal, outOfMemory: oom });
      return;
    }
    if (running) {
      const current = running;
      // The process is gone, and its CPU wait with it: this Duration is the wall time.
      settle({ kind: 'exit', code, signal, outOfMemory: oom, delivered: current.delivered, durationMs: performance.now() - current.startedAt });
      state = disposed ? 'dead' : 'reset';
      return;
    }
    // The exit of a process stopped at a timeout leaves the environment reset, not gone.
    if (state !== 'reset' || disposed) state = 'dead';
    if (!expectExit && !disposed) options.onUnexpectedExit(environment);
  }

  /** Kills the current process; the exit is expected (no crash report). */
  function stopProcess(): void {
    if (!child) return;
    expectExit = true;
    child.kill();
  }

  /**
   * Ends an init that runs over `limitMs` of its own time (the process is killed), else resolves with its outcome.
   * Time the init waited for this machine's CPU is given back as at an invoke's timeout.
   */
  async function limitInit(outcome: Promise<InitOutcome>, limitMs: number): Promise<InitOutcome> {
    const initWaitMs = () => hostWaitMs(initSchedAtStart, cpuWait?.read(), undefined) ?? 0;
    const limit = limitOwnTime(limitMs, () => performance.now() - initStartedAt - initWaitMs(), () => {
      if (!initWaiter) return;
      const waitedMs = initWaitMs();
      const done = initWaiter;
      initWaiter = undefined;
      sample();
      stopProcess();
      done({ ok: false, kind: 'timeout', initMs: performance.now() - initStartedAt - waitedMs, ...(waitedMs > 0 ? { cpuWaitMs: waitedMs } : {}) });
    });
    const result = await outcome;
    limit.clear();
    // A failed INIT resets the environment like a failed invoke: the next invocation re-runs INIT in it (Lambda's
    // doom loop, coldstarts.md section 3); the pool decides whether it serves again.
    if (!result.ok) state = disposed ? 'dead' : 'reset';
    else if (cgroup && options.limits?.cpus !== undefined) cgroup.setCpus(options.limits.cpus);
    return result;
  }

  const sample = () => memory.sample(child);

  const environment: Environment = {
    id: options.id,
    fn,
    provisioned: options.provisioned,
    createdAtMs: Date.now(),
    get state() {
      return state;
    },
    get pid() {
      return child?.pid;
    },

    async prestart(limitMs, priority) {
      if (disposed || child) return { ok: false, reason: 'the environment already has a process' };
      const spawnedAt = performance.now();
      // A spare that is not a reference boot starts in the background (spares.ts): serving environments keep their CPU.
      cgroup?.setPriority(priority);
      child = spawnRuntime(true);
      const control = child?.control;
      if (!child || !control) return { ok: false, reason: 'the runtime process could not be started' };
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), limitMs)));
      const ready = await Promise.race([control.ready, limit]);
      clearTimeout(timer);
      if (!ready || !child) {
        stopProcess();
        return { ok: false, reason: ready ? 'the runtime process exited' : `the runtime was not ready within ${limitMs} ms` };
      }
      prestartedBootMs = performance.now() - spawnedAt;
      return { ok: true, bootMs: prestartedBootMs };
    },

    hurry() {
      if (state !== 'dead' && prestartedBootMs === undefined) cgroup?.setPriority('normal');
    },

    async init(limitMs) {
      if (disposed) return { ok: false, kind: 'exit', initMs: 0, code: null, signal: 'SIGKILL', outOfMemory: false };
      const runtimeStartMs = prestartedBootMs;
      prestartedBootMs = undefined;
      if (runtimeStartMs !== undefined && child?.control) {
        state = 'init';
        initStartedAt = performance.now();
        const outcome = new Promise<InitOutcome>((resolve) => (initWaiter = resolve));
        cgroup?.setPriority('normal');
        initSchedAtStart = cpuWait?.read();
        child.control.go();
        const result = await limitInit(outcome, limitMs);
        return result.ok ? { ...result, runtimeStartMs } : result;
      }
      if (child) {
        const previous = child.exited;
        stopProcess();
        await previous;
      }
      expectExit = false;
      state = 'init';
      pendingNext = undefined;
      queued = undefined;
      initStartedAt = performance.now();
      if (runtimeKind(fn.runtime) === 'provided' && !isExecutable(bootstrapPath(fn))) {
        state = 'dead';
        return { ok: false, kind: 'no-bootstrap', initMs: 0, path: bootstrapPath(fn) };
      }
      const outcome = new Promise<InitOutcome>((resolve) => (initWaiter = resolve));
      child = spawnRuntime(false);
      initSchedAtStart = cpuWait?.read();
      if (!child) {
        initWaiter = undefined;
        state = 'dead';
        return { ok: false, kind: 'exit', initMs: performance.now() - initStartedAt, code: 127, signal: null, outOfMemory: false };
      }
      return limitInit(outcome, limitMs);
    },

    reserve() {
      if (state === 'idle') state = 'busy';
    },

    invoke(event, timeoutMs) {
      state = 'busy';
      const now = performance.now();
      const full: RuntimeEvent = { ...event, deadlineEpochMs: Date.now() + timeoutMs };
      return new Promise<InvokeOutcome>((resolve) => {
        running = { requestId: event.requestId, startedAt: now, schedAtStart: undefined, delivered: false, limit: undefined, resolve };
        // At the timeout, time the function waited for this machine's CPU is given back (cpu-wait.ts): on Lambda
        // that time would have been its own, so the function is stopped once it has held the event for `timeoutMs`
        // of its own time.
        const current = running;
        current.limit = limitOwnTime(timeoutMs, () => (current.delivered ? heldFor(current).durationMs : performance.now() - current.startedAt), () => {
          if (running !== current) return;
          sample();
          settle({ kind: 'timeout', ...heldFor(current) });
          state = 'reset';
          stopProcess();
        });
        if (!child) {
          settle({ kind: 'exit', code: null, signal: null, outOfMemory: false, delivered: false, durationMs: 0 });
          state = 'dead';
          return;
        }
        if (pendingNext) {
          const deliver = pendingNext;
          pendingNext = undefined;
          hand(deliver, full);
        } else {
          queued = full;
        }
      });
    },

    peakMemoryKb() {
      return memory.peakKb(child);
    },

    checkMemory() {
      const now = sample();
      // Under a control group the kernel enforces the limit itself.
      if (cgroup || !now || now.rssKb <= memoryLimitKb || !child) return false;
      outOfMemory = true;
      child.kill();
      return true;
    },

    async dispose() {
      if (disposed) return;
      disposed = true;
      state = 'dead';
      const last = child?.exited;
      stopProcess();
      await last;
      await cgroup?.remove();
      await api.close();
    },
  };

  return environment;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}
