/**
 * The parent-side handle of an emulator running in its own child process (entry.ts). `lambdaload run` uses it so the
 * load generator keeps its event loop to itself: spawning runtimes and writing to Runtime API sockets during a spike
 * would otherwise delay the generator's sends (as k6, wrk or autocannon keep load generation apart from the system
 * under test).
 *
 * The child is forked `detached` (its own process group): a terminal's Ctrl-C reaches the parent only, which still
 * reads the invocation totals of an aborted run before it closes the emulator. The child closes on its own when the
 * parent goes away (IPC disconnect), so no runtime outlives a crashed or killed parent.
 *
 * The other way round, the child may die on its own (SIGKILLed, the OOM killer, a crash): `onDeath` tells the run at
 * once, so it stops sending to a dead target, and the runtime process groups the child reported are SIGKILLed here,
 * since the child's own clean-up never ran.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LambdaloadError } from '../../errors.js';
import { killProcessGroup } from '../lambda/process-reaper.js';
import type { EmulatorTarget } from '../../scenario/types.js';
import type { GatewayStats } from '../gateway/gateway.js';
import type { InvocationTotals } from '../../measure/invocation-totals.js';
import type { LocalRuntime } from '../lambda/local-runtime.js';
import type { EnvironmentModel, FunctionConfig } from '../lambda/types.js';
import type { EmulatorRoute } from '../server.js';
import type { ChildMessage, EmulatorStats, ParentMessage, QueryName, QueryResults } from './protocol.js';
import { fromWireError } from './wire-error.js';

export type { EmulatorStats } from './protocol.js';

export interface StartEmulatorProcessOptions {
  /** Folder of the scenario file: function `code` paths are relative to it. */
  scenarioDir: string;
  /** Region the functions see (`AWS_REGION`). Default us-east-1. */
  region?: string;
  /** Each function log line; only when given does the child forward log lines at all. */
  onLog?: (functionName: string, line: string) => void;
}

/** The emulator child exited without being asked to (killed or crashed). */
export interface EmulatorDeath {
  /** Exit code, when it exited on its own. */
  code: number | null;
  /** The signal that ended it (e.g. `SIGKILL`), when one did. */
  signal: NodeJS.Signals | null;
  at: Date;
}

export interface RemoteEmulator {
  /** Process id of the emulator child. */
  pid: number;
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `url` plus the stage prefix; equals `url` for an HTTP API `$default` stage. */
  baseUrl: string;
  /** The API's id, stable for the same API: what its API Gateway reads answer to (a url target's `api.id`). */
  apiId: string;
  routes: EmulatorRoute[];
  /** Every function's resolved configuration (defaults applied), in the target's order. */
  functions: FunctionConfig[];
  /** The local interpreter that runs each function (its version may differ from the declared runtime's). */
  localRuntimes: LocalRuntime[];
  /** How each function's environments get CPU, memory and their runtime start (known once the emulator started). */
  environmentModels: EnvironmentModel[];
  stats(): Promise<EmulatorStats>;
  /** Bounded totals of every invocation so far (the Lambda service's ledger): a small message however long the run. */
  totals(): Promise<InvocationTotals>;
  gatewayStats(): Promise<GatewayStats>;
  /** Stops the emulator and every runtime process, and waits for the child to exit. Safe to call twice. */
  close(): Promise<void>;
  /**
   * Calls `listener` once if the child exits before `close()` asked it to (at once if it has already). It runs
   * before any query waiting for an answer is rejected, so a caller that sees a query fail already knows why.
   */
  onDeath(listener: (death: EmulatorDeath) => void): void;
}

/** How long `close()` waits for the child to stop its runtimes before it SIGKILLs the child. */
const CLOSE_TIMEOUT_MS = 15_000;

/** Forks the emulator child and starts the emulator in it; resolves once it listens (as `startEmulator` does). */
export async function startEmulatorProcess(target: EmulatorTarget, options: StartEmulatorProcessOptions): Promise<RemoteEmulator> {
  const child = forkEntry();
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  // Set by close(): an exit after it is the one asked for; before it, the child died.
  let closeAsked = false;
  let killedByClose = false;
  let death: EmulatorDeath | undefined;
  const deathListeners: Array<(death: EmulatorDeath) => void> = [];
  // Runtime process groups the child reported live: the ones to stop if the child cannot.
  const runtimeGroups = new Set<number>();
  const orphansRuntimes = () => exit !== undefined && (!closeAsked || killedByClose);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      // A child that close() stopped in time stopped its runtimes itself (its last 'ended' messages may not have
      // arrived, and killing those groups could hit a reused process group id). One that exited unasked (SIGKILL, a
      // crash) or was SIGKILLed by close() may have left them running: stop every group it reported.
      if (orphansRuntimes()) for (const pgid of runtimeGroups) killProcessGroup(pgid);
      runtimeGroups.clear();
      if (!closeAsked) {
        death = { code, signal, at: new Date() };
        for (const listener of deathListeners.splice(0)) listener(death);
      }
      resolve();
    });
  });
  // If the parent exits without close() (process.exit on a second Ctrl-C), stop the child; it closes its runtimes.
  const killOnExit = () => child.kill('SIGTERM');
  process.on('exit', killOnExit);

  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const gone = (what: string) =>
    new LambdaloadError('INTERNAL', `the emulator process ${what} (exit code ${exit?.code ?? 'none'}, signal ${exit?.signal ?? 'none'})`, {
      hint: 'Its error, if any, is printed above.',
    });
  void exited.then(() => {
    process.off('exit', killOnExit);
    for (const { reject } of pending.values()) reject(gone('exited before answering'));
    pending.clear();
  });

  let onStart: ((message: ChildMessage) => void) | undefined;
  child.on('message', (raw) => {
    const message = raw as ChildMessage;
    switch (message.type) {
      case 'log':
        options.onLog?.(message.functionName, message.line);
        return;
      case 'runtimeGroup':
        // 'exit' may come before the child's last messages are read: a group reported after a death is stopped now.
        if (message.live && orphansRuntimes()) killProcessGroup(message.pgid);
        else if (message.live) runtimeGroups.add(message.pgid);
        else runtimeGroups.delete(message.pgid);
        return;
      case 'answer':
      case 'queryFailed': {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.type === 'answer') waiter?.resolve(message.value);
        else waiter?.reject(fromWireError(message.error));
        return;
      }
      default:
        onStart?.(message);
    }
  });

  const send = (message: ParentMessage): Promise<void> =>
    new Promise((resolve, reject) => {
      if (exit || !child.connected) return reject(gone('is not running'));
      child.send(message, (error) => (error ? reject(error) : resolve()));
    });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      if (exit) return;
      closeAsked = true;
      await send({ type: 'close' }).catch(() => child.kill('SIGTERM'));
      const stoppedInTime = await Promise.race([exited.then(() => true), delay(CLOSE_TIMEOUT_MS).then(() => false)]);
      if (!stoppedInTime) {
        killedByClose = true;
        child.kill('SIGKILL');
        await exited;
      }
    })());

  const started = await new Promise<Extract<ChildMessage, { type: 'started' }>>((resolve, reject) => {
    onStart = (message) => {
      if (message.type === 'started') resolve(message);
      else if (message.type === 'startFailed') reject(fromWireError(message.error));
    };
    child.on('error', (error) =>
      reject(new LambdaloadError('EMULATOR_START_FAILED', `the emulator process could not start (${error.message})`, { cause: error })),
    );
    void exited.then(() => reject(new LambdaloadError('EMULATOR_START_FAILED', `the emulator process exited while starting (exit code ${exit?.code ?? 'none'}, signal ${exit?.signal ?? 'none'})`, { hint: 'Its error, if any, is printed above.' })));
    send({ type: 'start', target, scenarioDir: options.scenarioDir, region: options.region ?? 'us-east-1', forwardLogs: options.onLog !== undefined }).catch(reject);
  }).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  onStart = undefined;

  const query = <Q extends QueryName>(name: Q): Promise<QueryResults[Q]> =>
    new Promise<QueryResults[Q]>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      send({ type: 'query', id, query: name }).catch((error: unknown) => {
        pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });

  return {
    pid: child.pid!,
    url: started.url,
    baseUrl: started.baseUrl,
    apiId: started.apiId,
    routes: started.routes,
    functions: started.functions,
    localRuntimes: started.localRuntimes,
    environmentModels: started.environmentModels,
    stats: () => query('stats'),
    totals: () => query('totals'),
    gatewayStats: () => query('gatewayStats'),
    close,
    onDeath(listener) {
      if (death) listener(death);
      else if (!exit) deathListeners.push(listener);
    },
  };
}

/**
 * Forks entry.js next to this file (built package), or entry.ts through tsx when this module itself runs from
 * source (vitest, tsx).
 */
function forkEntry(): ChildProcess {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  const entry = path.join(path.dirname(here), fromSource ? 'entry.ts' : 'entry.js');
  // tsx resolved from this package, not from the working directory, so any cwd works.
  const execArgv = fromSource ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  return fork(entry, [], {
    execArgv,
    // Its own process group: the terminal's Ctrl-C goes to the parent only (see the module comment).
    detached: true,
    // The child's stdout goes to the parent's stderr: stdout belongs to the parent's result (`--json`).
    stdio: ['ignore', 2, 2, 'ipc'],
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
