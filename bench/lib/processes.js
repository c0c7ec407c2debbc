/**
 * Child processes for the bench: servers that run until stopped, commands that run to completion, each bounded by a
 * hard time-out, plus CPU and RSS of a process tree read from /proc. Every child starts in its own process group,
 * so stopping it also stops what it started (emulator runtimes, serverless-offline workers); `stopAll` ends every
 * child still alive (the bench's own time-outs and Ctrl-C use it). Nothing here kills by name.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Linux clock ticks per second for /proc/<pid>/stat times (USER_HZ, 100 on every mainstream kernel). */
const CLOCK_TICKS_PER_SECOND = 100;
const PAGE_SIZE_BYTES = 4096;
/** How long a stopped child gets after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 3_000;

/** Every child started here and not yet exited: pid → ChildProcess. */
const live = new Map();

function track(child) {
  live.set(child.pid, child);
  child.once('exit', () => live.delete(child.pid));
}

/** Sends `signal` to the child's process group (it is the group leader: spawned with `detached`). */
function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Stops one child and its process group: SIGTERM, then SIGKILL after a grace. Resolves when it has exited. */
export async function stopChild(child, graceMs = STOP_GRACE_MS) {
  if (child.exitCode !== null || child.signalCode !== null) {
    signalGroup(child.pid, 'SIGKILL'); // grandchildren left behind, if any
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  signalGroup(child.pid, 'SIGKILL');
}

/** Stops every child still alive (time-out of a benchmark, or the bench being interrupted). */
export async function stopAll() {
  await Promise.all([...live.values()].map((child) => stopChild(child, 1_000)));
}

/** `taskset -c CPU` in front of a command when `cpu` is set (the `pinned` layout). */
function withPin(command, args, cpu) {
  return cpu === undefined ? [command, args] : ['taskset', ['-c', String(cpu), command, ...args]];
}

/**
 * Starts a long-running child with its stdout and stderr going to `logFile` (the kernel writes it: a chatty server,
 * such as serverless-offline logging every request, costs the bench process nothing), and resolves once the log
 * matches `ready` (e.g. /listening on (\S+)/), with the match. Rejects (and stops the child) when the child exits
 * first or `timeoutMs` passes.
 */
export async function startServer(command, args, { cwd, env, ready, logFile, timeoutMs = 30_000, cpu, name = command } = {}) {
  const [cmd, argv] = withPin(command, args, cpu);
  mkdirSync(path.dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'w');
  const child = spawn(cmd, argv, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  track(child);
  const readLog = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  let exited;
  child.once('exit', (code, signal) => {
    exited = `exited before it was ready (code ${code}, signal ${signal})`;
  });
  child.once('error', (error) => {
    exited = `could not start (${error.message})`;
  });
  const deadlineMs = performance.now() + timeoutMs;
  for (;;) {
    const log = readLog();
    const match = ready.exec(log);
    if (match) return { child, pid: child.pid, match, logFile, stop: () => stopChild(child) };
    const problem = exited ?? (performance.now() > deadlineMs ? `not ready after ${timeoutMs} ms` : undefined);
    if (problem !== undefined) {
      await stopChild(child);
      // The reason is usually the log's last line (e.g. a missing config file): put it on the first line.
      const lastLine = log.trim().split('\n').filter((l) => l.trim() !== '').at(-1)?.trim().slice(0, 200) ?? 'no output';
      throw new Error(`${name}: ${problem}: ${lastLine} (log: ${path.relative(process.cwd(), logFile)})\n${log.slice(-1_500)}`);
    }
    await sleep(50);
  }
}

/**
 * Runs a command to completion and collects its output. `cpuTimes` wraps it in bash to read its children's user+sys
 * CPU seconds from the `times` builtin (Node does not expose RUSAGE_CHILDREN). The child is killed at `timeoutMs`.
 */
export function runCommand(command, args, { cwd, env, timeoutMs, cpu, cpuTimes = false, input } = {}) {
  let [cmd, argv] = cpuTimes
    ? ['bash', ['-c', '"$@"; rc=$?; times >&2; exit $rc', 'bench', command, ...args]]
    : [command, args];
  [cmd, argv] = withPin(cmd, argv, cpu);
  const child = spawn(cmd, argv, { cwd, env: { ...process.env, ...env }, detached: true, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  track(child);
  if (input !== undefined) child.stdin.end(input);
  const stdout = [];
  const stderr = [];
  child.stdout.on('data', (c) => stdout.push(c));
  child.stderr.on('data', (c) => stderr.push(c));
  const startedAtMs = performance.now();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stopChild(child, 1_000);
  }, timeoutMs);
  return new Promise((resolve) => {
    const finish = (code, signal, error) => {
      clearTimeout(timer);
      signalGroup(child.pid, 'SIGKILL'); // nothing it started outlives it
      let err = Buffer.concat(stderr).toString();
      let cpuSeconds;
      if (cpuTimes) {
        // `times` prints two lines: the shell's own, then its children's "XmY.YYYs XmY.YYYs" (user, sys).
        const lines = err.trimEnd().split('\n');
        const m = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(lines.at(-1) ?? '');
        if (m) {
          cpuSeconds = Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4]);
          err = lines.slice(0, -2).join('\n');
        }
      }
      resolve({
        code,
        signal,
        timedOut,
        error: error?.message,
        wallMs: performance.now() - startedAtMs,
        cpuSeconds,
        stdout: Buffer.concat(stdout).toString(),
        stderr: err,
      });
    };
    child.once('error', (error) => finish(null, null, error));
    child.once('close', (code, signal) => finish(code, signal));
  });
}

/** Fields after the `(comm)` of /proc/<pid>/stat: index 0 is field 3 (state). */
function statFields(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** `pid` and every live descendant. */
export function processTree(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields === undefined) continue;
    const ppid = Number(fields[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(entry));
  }
  const tree = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift();
    tree.push(p);
    queue.push(...(children.get(p) ?? []));
  }
  return tree;
}

/**
 * User + sys CPU seconds of a process tree so far: fields 14 and 15 of /proc/<pid>/stat (utime, stime) plus 16 and
 * 17 (cutime, cstime: children that exited and were waited for), summed over the live tree.
 */
export function treeCpuSeconds(pid) {
  let ticks = 0;
  for (const p of processTree(pid)) {
    const f = statFields(p);
    if (f !== undefined) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  }
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/** Resident memory of a process tree, bytes (field 24 of /proc/<pid>/stat, in pages). */
export function treeRssBytes(pid) {
  let pages = 0;
  const tree = processTree(pid);
  for (const p of tree) {
    const f = statFields(p);
    if (f !== undefined) pages += Number(f[21]);
  }
  return { bytes: pages * PAGE_SIZE_BYTES, processes: tree.length };
}

/** A free TCP port on 127.0.0.1 (for tools that need a port number up front). */
export async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export { sleep };
