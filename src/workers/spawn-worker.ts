/**
 * The parent's handle of one generator worker (worker-entry.ts): sends it its job, relays its readiness and progress,
 * and settles once with how it ended: its result, the error it failed with, or its death (an exit without either:
 * killed, out of memory, a crash).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RunResult } from '../result/types.js';
import type { RunProgress } from '../run/run.js';
import { fromWireError } from '../emulator/child/wire-error.js';
import type { FromWorker, ToWorker, WorkerJob } from './protocol.js';

/** A worker that exited before it sent a result or an error. */
export interface WorkerDeath {
  index: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  at: Date;
}

export type WorkerOutcome = { index: number; result: RunResult } | { index: number; error: Error } | { index: number; death: WorkerDeath };

export interface WorkerHandle {
  index: number;
  pid: number;
  /** Resolves when the worker's target is up and it waits for `go` (never, if it ends first). */
  ready: Promise<void>;
  /** Settles once, however the worker ended; never rejects. */
  outcome: Promise<WorkerOutcome>;
  go(startAtMs: number): void;
  abort(): void;
  /** SIGKILLs the worker if it is still running (the parent's last clean-up). */
  kill(): void;
}

export function spawnWorker(job: WorkerJob, onProgress: (index: number, progress: RunProgress) => void): WorkerHandle {
  const child = forkEntry();
  const { index } = job;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let settled: WorkerOutcome | undefined;
  const outcome = new Promise<WorkerOutcome>((resolve) => {
    child.on('message', (raw) => {
      const message = raw as FromWorker;
      if (message.type === 'ready') markReady();
      else if (message.type === 'progress') onProgress(index, message.progress);
      else if (message.type === 'result') settled ??= { index, result: message.result };
      else settled ??= { index, error: fromWireError(message.error) };
    });
    child.on('error', (error) => (settled ??= { index, error }));
    // 'exit' may come before the last messages are read; 'close' comes after the IPC channel is drained.
    child.once('close', (code, signal) => resolve(settled ?? { index, death: { index, code, signal, at: new Date() } }));
  });
  const send = (message: ToWorker) => {
    if (child.connected) child.send(message, () => undefined);
  };
  send({ type: 'job', job });
  // If the parent exits without waiting (a second Ctrl-C), its workers go with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  void outcome.then(() => process.off('exit', killOnExit));
  return {
    index,
    pid: child.pid ?? -1,
    ready,
    outcome,
    go: (startAtMs) => send({ type: 'go', startAtMs }),
    abort: () => send({ type: 'abort' }),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Forks worker-entry.js next to this file (built package), or worker-entry.ts through tsx when running from source. */
function forkEntry(): ChildProcess {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  const entry = path.join(path.dirname(here), fromSource ? 'worker-entry.ts' : 'worker-entry.js');
  const execArgv = fromSource ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  // Its own process group: a terminal's Ctrl-C reaches the parent, which asks each worker to abort and still merges
  // their partial results. The worker's stdout goes to the parent's stderr: stdout belongs to the result (`--json`).
  return fork(entry, [], { execArgv, detached: true, stdio: ['ignore', 2, 2, 'ipc'] });
}
