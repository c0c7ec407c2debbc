/**
 * What an execution environment (environment.ts) promises and reports: its states, the outcomes of its INIT and of an
 * invocation, and its interface. Apart from the implementation so that the pool, the spares and the invocation flow
 * read the contract without the process handling behind it.
 */
import type { LaunchContext } from './runtime-launch.js';
import type { RuntimeEvent } from './runtime-api.js';
import type { EnvironmentCgroup } from './cgroup.js';
import type { FunctionConfig } from './types.js';

export type InitOutcome =
  /**
   * `runtimeStartMs`: the prestarted process's own boot, measured before this init (absent when spawned now: then
   * inside `initMs`). `cpuWaitMs`: time the init waited for this machine's CPU (cpu-wait.ts), left out of `initMs`.
   */
  | { ok: true; initMs: number; runtimeStartMs?: number; cpuWaitMs?: number }
  | { ok: false; kind: 'error'; initMs: number; payload: Buffer; errorType: string }
  | { ok: false; kind: 'exit'; initMs: number; code: number | null; signal: NodeJS.Signals | null; outOfMemory: boolean }
  | { ok: false; kind: 'timeout'; initMs: number; cpuWaitMs?: number }
  | { ok: false; kind: 'no-bootstrap'; initMs: number; path: string };

/** How an invocation ended. */
export type InvokeEnding =
  | { kind: 'response'; body: Buffer }
  | { kind: 'error'; body: Buffer; errorType: string }
  | { kind: 'too-large' }
  | { kind: 'timeout' }
  /** `delivered: false`: the process was already gone (it exited after its last invocation) before the event reached it. */
  | { kind: 'exit'; code: number | null; signal: NodeJS.Signals | null; outOfMemory: boolean; delivered: boolean };

export type InvokeOutcome = InvokeEnding & {
  /** Time the runtime held the event (REPORT Duration), ms, without `cpuWaitMs`. */
  durationMs: number;
  /** Time the runtime waited for this machine's CPU meanwhile (cpu-wait.ts); absent when it could not be read. */
  cpuWaitMs?: number;
};

/**
 * `reset`: the invocation timed out or the runtime crashed; the process is gone but the environment stays, and its
 * next invocation re-runs INIT inside the invoke (a suppressed init: no Init Duration, the time is in Duration and
 * counts against the timeout; coldstarts.md §3, "After a crash/timeout in Invoke, Lambda resets the environment").
 */
export type EnvironmentState = 'init' | 'idle' | 'busy' | 'reset' | 'dead';

/** A prestarted runtime process: `ok` once its bootstrap is loaded and waiting (no user code run yet). */
export type PrestartOutcome = { ok: true; bootMs: number } | { ok: false; reason: string };

export interface EnvironmentOptions {
  id: string;
  fn: FunctionConfig;
  provisioned: boolean;
  logStreamName: string;
  launch: Omit<LaunchContext, 'runtimeApi' | 'provisioned' | 'logStreamName'>;
  /** Each line the runtime writes to stdout or stderr. */
  onLine(env: Environment, line: string): void;
  /** The process ended while no init or invocation was waiting on it (a crash between invocations). */
  onUnexpectedExit(env: Environment): void;
  /** The environment's control group, and the CPUs its invocations get (`undefined`: the host's). */
  limits?: { cgroup: EnvironmentCgroup; cpus: number | undefined };
}

export interface Environment {
  readonly id: string;
  readonly fn: FunctionConfig;
  readonly provisioned: boolean;
  readonly createdAtMs: number;
  readonly state: EnvironmentState;
  readonly pid: number | undefined;
  /**
   * Starts the runtime process up to its bootstrap and leaves it waiting (no user code), at most `limitMs`; a later
   * `init()` then runs only the function's own init in it.
   */
  prestart(limitMs: number, priority: 'normal' | 'background'): Promise<PrestartOutcome>;
  /** A background start-up that a cold start now waits on continues at normal CPU weight. */
  hurry(): void;
  /**
   * Runs INIT and waits for the first GET /next, at most `limitMs`: in the prestarted process (once), else in a
   * process spawned now (again, for a re-run init).
   */
  init(limitMs: number): Promise<InitOutcome>;
  /** Hands one event to the runtime; the process is killed if no answer comes within `timeoutMs`. */
  invoke(event: Omit<RuntimeEvent, 'deadlineEpochMs'>, timeoutMs: number): Promise<InvokeOutcome>;
  /** Marks an idle environment busy before an invocation is handed over (it may still be awaiting /next). */
  reserve(): void;
  /** Peak memory so far (kB), refreshed from the kernel now. */
  peakMemoryKb(): number;
  /** Kills the process if its resident memory is above the memory size; true when it did. */
  checkMemory(): boolean;
  /** Kills the process (if any) and closes the Runtime API port. */
  dispose(): Promise<void>;
}
