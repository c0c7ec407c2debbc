/**
 * The IPC messages between `lambdaload run --workers N` (the parent: one emulator, one progress view, one merged
 * result) and each generator worker (worker-entry.ts: `run()` of shard i/N). Plain JSON, Node's default serialisation.
 */
import type { WireError } from '../emulator/child/protocol.js';
import type { RunResult } from '../result/types.js';
import type { RunProgress } from '../run/run.js';
import type { SharedEmulator } from '../run/start-target.js';

/** What a worker needs to run its shard: everything `run()` takes that crosses a process boundary. */
export interface WorkerJob {
  file: string;
  cwd: string;
  index: number;
  count: number;
  seed?: number;
  allowRemote?: boolean;
  maxCostUsd?: number;
  emulatorAt?: SharedEmulator;
}

export type ToWorker =
  | { type: 'job'; job: WorkerJob }
  /** Every worker is ready: start the phases at this instant. */
  | { type: 'go'; startAtMs: number }
  /** Stop scheduling, finish as an interrupted run, send the partial result. */
  | { type: 'abort' };

export type FromWorker =
  /** The worker's target is up: it waits for `go`. */
  | { type: 'ready' }
  | { type: 'progress'; progress: RunProgress }
  | { type: 'result'; result: RunResult }
  | { type: 'failed'; error: WireError };
