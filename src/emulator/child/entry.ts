/**
 * Main of the emulator child process (forked by remote.ts): starts the emulator with `startEmulator`, answers the
 * parent's queries, and closes it — stopping every runtime process group — when the parent asks, when the parent
 * goes away (IPC disconnect, e.g. it was SIGKILLed), or on SIGTERM / SIGINT sent to this process.
 *
 * The parent forks this process `detached`, in its own process group, so a terminal's Ctrl-C (sent to the whole
 * foreground group) reaches only the parent: it decides when to close, since an aborted run still needs the
 * invocation totals.
 *
 * It also tells the parent each runtime process group it starts and ends: if this process is SIGKILLed or crashes,
 * its own clean-up never runs, and the parent stops those groups instead.
 */
import { watchProcessGroups } from '../lambda/process-reaper.js';
import { startEmulator, type RunningEmulator } from '../server.js';
import type { ChildMessage, ParentMessage, QueryName, QueryResults } from './protocol.js';
import { toWireError } from './wire-error.js';

if (typeof process.send !== 'function') {
  process.stderr.write('lambdaload: src/emulator/child/entry is started by lambdaload run (over IPC), not by hand\n');
  process.exit(1);
}

let emulator: RunningEmulator | undefined;
let starting: Promise<RunningEmulator> | undefined;
let closing: Promise<void> | undefined;

function send(message: ChildMessage): void {
  // After a disconnect there is nobody to tell; shutting down is already under way.
  if (process.connected) process.send!(message);
}

// If this process is SIGKILLed or crashes hard, it cannot stop its runtimes: the parent can, knowing their groups.
watchProcessGroups((pgid, live) => send({ type: 'runtimeGroup', pgid, live }));

function answer(query: QueryName): QueryResults[QueryName] {
  if (!emulator) throw new Error(`emulator child: '${query}' asked before the emulator started`);
  switch (query) {
    case 'stats':
      return emulator.lambda.stats();
    case 'totals':
      return emulator.lambda.totals();
    case 'gatewayStats':
      return emulator.gatewayStats();
  }
}

/** Closes the emulator (if it started or is starting), tells the parent, and exits. Safe to call repeatedly. */
function shutdown(exitCode: number): Promise<void> {
  return (closing ??= (async () => {
    try {
      const running = emulator ?? (await starting?.catch(() => undefined));
      await running?.close();
    } catch (error) {
      process.stderr.write(`lambdaload emulator: close failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      exitCode = 1;
    }
    // The parent waits for this process's exit (no reply message): exiting also closes the IPC channel.
    process.exit(exitCode);
  })());
}

async function start(message: Extract<ParentMessage, { type: 'start' }>): Promise<void> {
  if (starting) return;
  starting = startEmulator(message.target, {
    scenarioDir: message.scenarioDir,
    region: message.region,
    ...(message.forwardLogs ? { onLog: (functionName: string, line: string) => send({ type: 'log', functionName, line }) } : {}),
  });
  try {
    emulator = await starting;
  } catch (error) {
    send({ type: 'startFailed', error: toWireError(error) });
    return;
  }
  // Resolved configs (defaults applied, code paths absolute) for the run's result summary.
  const functions = Object.keys(message.target.functions).flatMap((name) => emulator!.lambda.getFunction(name) ?? []);
  send({ type: 'started', url: emulator.url, baseUrl: emulator.baseUrl, apiId: emulator.apiId, routes: emulator.routes, functions, localRuntimes: emulator.lambda.localRuntimes(), environmentModels: emulator.lambda.environmentModels() });
}

process.on('message', (raw) => {
  const message = raw as ParentMessage;
  switch (message.type) {
    case 'start':
      void start(message);
      return;
    case 'query':
      try {
        send({ type: 'answer', id: message.id, value: answer(message.query) });
      } catch (error) {
        send({ type: 'queryFailed', id: message.id, error: toWireError(error) });
      }
      return;
    case 'close':
      void shutdown(0);
      return;
  }
});

// The parent is gone (exited, crashed, SIGKILLed): nobody will ask to close, so close now.
process.on('disconnect', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));
