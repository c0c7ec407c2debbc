/**
 * A runtime process: started as the leader of its own process group (so its helpers can be stopped with it and a
 * terminal's Ctrl-C does not reach it; see process-reaper.ts), its stdout and stderr split into lines, its memory
 * readable from /proc, and its whole group killed when it exits.
 */
import { spawn } from 'node:child_process';
import type { Duplex } from 'node:stream';
import { openGroupMemory, openProcessMemory, type MemoryReader } from './process-memory.js';
import { killProcessGroup, trackProcessGroup, untrackProcessGroup } from './process-reaper.js';
import { CONTROL_FD, CONTROL_FD_VARIABLE, type LaunchPlan } from './runtime-launch.js';

/** The emulator's own bound on one log line held in memory (not an AWS figure). */
const MAX_LINE_CHARS = 256 * 1024;

export interface RuntimeProcess {
  readonly pid: number;
  /** Reads this process's memory (its whole group when started with `groupMemory`). */
  readonly memory: MemoryReader;
  /** Resolves once the process has exited. */
  readonly exited: Promise<void>;
  /** SIGKILL to the whole process group. */
  kill(): void;
  /** The private control channel of a prestarted runtime (see prestart.ts); absent otherwise. */
  readonly control?: ControlChannel;
}

/**
 * A prestarted runtime's handshake on fd 3: it writes `ready` once its bootstrap has loaded (before any user code),
 * then blocks until `go()`, then closes the channel and loads the handler. The function never sees the channel.
 */
export interface ControlChannel {
  /** Resolves true at `ready`, false if the process ended or closed the channel first. */
  readonly ready: Promise<boolean>;
  go(): void;
}


export interface RuntimeProcessHooks {
  onLine(line: string): void;
  onExit(code: number | null, signal: NodeJS.Signals | null): void;
  /** The process could not be started at all (missing interpreter, not executable). */
  onSpawnError(message: string): void;
}

/** Starts the process; `undefined` when it could not be started (the reason goes to `onSpawnError`). */
export function startRuntimeProcess(plan: LaunchPlan, groupMemory: boolean, hooks: RuntimeProcessHooks): RuntimeProcess | undefined {
  const withControl = plan.env[CONTROL_FD_VARIABLE] !== undefined;
  const stdio: ('ignore' | 'pipe')[] = withControl ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'];
  const proc = spawn(plan.command, plan.args, { cwd: plan.cwd, env: plan.env, detached: true, stdio });
  proc.on('error', (error) => hooks.onSpawnError(`lambdaload: could not start the runtime (${plan.command}): ${error.message}`));
  const pid = proc.pid;
  if (pid === undefined) return undefined;
  trackProcessGroup(pid);
  const memory = groupMemory ? openGroupMemory(pid) : openProcessMemory(pid);
  splitLines(proc.stdout, hooks.onLine);
  splitLines(proc.stderr, hooks.onLine);
  const exited = new Promise<void>((resolve) => {
    proc.once('exit', (code, signal) => {
      untrackProcessGroup(pid);
      memory.close();
      // Helpers a custom runtime started die with it.
      killProcessGroup(pid);
      hooks.onExit(code, signal);
      resolve();
    });
  });
  const control = withControl ? openControl(proc.stdio[CONTROL_FD] as Duplex | null) : undefined;
  return { pid, memory, exited, kill: () => killProcessGroup(pid), control };
}

function openControl(channel: Duplex | null): ControlChannel {
  if (!channel) return { ready: Promise.resolve(false), go: () => undefined };
  const ready = new Promise<boolean>((resolve) => {
    let text = '';
    channel.setEncoding('utf8');
    channel.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('ready\n')) resolve(true);
    });
    channel.on('error', () => resolve(false));
    channel.on('close', () => resolve(false));
  });
  return {
    ready,
    go() {
      if (!channel.destroyed) channel.end('go\n');
    },
  };
}

function splitLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    // A line that never ends is passed on in pieces rather than held whole.
    while (partial.length > MAX_LINE_CHARS) {
      lines.push(partial.slice(0, MAX_LINE_CHARS));
      partial = partial.slice(MAX_LINE_CHARS);
    }
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => {
    if (partial !== '') onLine(partial);
    partial = '';
  });
}
