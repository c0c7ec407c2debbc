/**
 * Helpers for the CLI tests: spawn the real `bin/lambdaload.js` (compiled dist/), a local `node:http` target, a
 * closed port, and process lookups to prove that no runtime process outlives the CLI.
 */
import { resultProblems } from '../../../src/result/validate.js';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { listProcesses, type ProcessRow } from '../../support/processes.js';
import { mkdir, mkdtemp, readdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import type { RunResult } from '../../../src/result/types.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = path.join(ROOT, 'bin', 'lambdaload.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');
const DIST_MAIN = path.join(ROOT, 'dist', 'cli', 'main.js');
const BUILD_LOCK = path.join(ROOT, 'node_modules', '.cache', 'lambdaload-cli-test-build.lock');

/** Newest modification time (ms) of the files below `dir`. */
async function newestMtimeMs(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestMtimeMs(full) : (await stat(full)).mtimeMs);
  }
  return newest;
}

async function distIsFresh(): Promise<boolean> {
  const built = await stat(DIST_MAIN).then((s) => s.mtimeMs, () => undefined);
  return built !== undefined && built >= (await newestMtimeMs(path.join(ROOT, 'src')));
}

/**
 * The CLI runs from dist/. `npm test` builds first; a lone `npx vitest run test/integration/cli` builds here when dist
 * is missing or older than src/. A lock directory keeps parallel test files from building at the same time.
 */
export async function ensureBuilt(): Promise<void> {
  if (await distIsFresh()) return;
  await mkdir(path.dirname(BUILD_LOCK), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await mkdir(BUILD_LOCK);
      break;
    } catch {
      // Another test file is building; a lock older than 2 min was left by a killed run.
      const age = await stat(BUILD_LOCK).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > 120_000) await rmdir(BUILD_LOCK).catch(() => undefined);
      if (Date.now() > deadline) throw new Error('timed out waiting for another test file to build dist/');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (!(await distIsFresh())) await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT, timeout: 120_000 });
  } finally {
    await rmdir(BUILD_LOCK).catch(() => undefined);
  }
}

export interface Exited {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcess;
  /** Output so far. */
  readonly stdout: string;
  readonly stderr: string;
  exited: Promise<Exited>;
  /** Resolves when stdout matches `pattern` (rejects if the process exits first or after `timeoutMs`). */
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

/** Starts `node bin/lambdaload.js ...args` in `cwd` (default the repository root), without colour. */
export function startCli(args: string[], env: Record<string, string> = {}, cwd = ROOT): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const listener of listeners) listener();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exited>((resolve) => {
    child.on('close', (code, signal) => {
      resolve({ code, signal, stdout, stderr });
      for (const listener of listeners) listener();
    });
  });
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    waitForStdout(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`no ${pattern} on stdout within ${timeoutMs} ms; stdout: ${stdout}; stderr: ${stderr}`)), timeoutMs);
        const check = () => {
          const match = pattern.exec(stdout);
          if (match) done(undefined, match);
          else if (child.exitCode !== null || child.signalCode !== null) done(new Error(`exited before ${pattern}; stdout: ${stdout}; stderr: ${stderr}`));
        };
        const done = (error?: Error, match?: RegExpMatchArray) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve(match!);
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Runs the CLI to completion in `cwd` (killed after `timeoutMs`). */
export async function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 30_000, cwd = ROOT): Promise<Exited> {
  const cli = startCli(args, env, cwd);
  const timer = setTimeout(() => cli.child.kill('SIGKILL'), timeoutMs);
  try {
    return await cli.exited;
  } finally {
    clearTimeout(timer);
  }
}

export interface TestTarget {
  /** Base URL with the `/prod` stage. */
  url: string;
  /** Requests received so far. */
  readonly received: number;
  close(): Promise<void>;
}

/**
 * A plain HTTP target: `GET /prod/hello` → 200 `hello`, anything else → 503. With `startHeaderFor`, a hello answer
 * carries the cold/warm evidence header it gives for the n-th request (n = 1 first), as lambdaload's wrapper does.
 */
export async function startTarget(startHeaderFor?: (n: number) => string | undefined): Promise<TestTarget> {
  let received = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    received++;
    req.resume();
    const evidence = startHeaderFor?.(received);
    const headers = { 'content-type': 'text/plain', ...(evidence === undefined ? {} : { 'x-lambdaload-start': evidence }) };
    if (req.url === '/prod/hello') res.writeHead(200, headers).end('hello');
    else res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"Service Unavailable"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/prod`,
    get received() {
      return received;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A port that was just free and is now closed: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Runtime processes (the emulator's Node/Python bootstraps) below `parentPid`: its direct children (`serve` runs the
 * emulator in-process) and the children of its emulator child process (`run` keeps the emulator out of the
 * generator's process).
 */
export async function runtimeChildren(parentPid: number): Promise<ProcessRow[]> {
  const all = await listProcesses();
  const parents = new Set([parentPid, ...all.filter((p) => p.ppid === parentPid && /emulator\/child\/entry/.test(p.args)).map((p) => p.pid)]);
  return all.filter((p) => parents.has(p.ppid) && /runtimes\/(node|python)\/bootstrap/.test(p.args));
}

/** True while any process is in process group `pgid`. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Polls `condition` every 50 ms until it holds or `timeoutMs` passes; returns whether it held. */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

/** What a CLI test file shares: the built CLI, one local target server and a temporary folder for result files. */
export interface CliWorkspace {
  readonly target: TestTarget;
  readonly dir: string;
}

/** Registers the file's beforeAll/afterAll: builds if needed, starts the target, makes (and later removes) the folder. */
export function useCliWorkspace(name: string): CliWorkspace {
  const ws = {} as { target: TestTarget; dir: string };
  beforeAll(async () => {
    await ensureBuilt();
    ws.target = await startTarget();
    ws.dir = await mkdtemp(path.join(tmpdir(), `lambdaload-cli-${name}-`));
  }, 150_000);
  afterAll(async () => {
    await ws.target?.close();
    if (ws.dir) await rm(ws.dir, { recursive: true, force: true });
  });
  return ws;
}

/** A result file as the CLI wrote it, held to the contract: any field the JSON Schema does not declare fails here. */
export async function readResult(file: string): Promise<RunResult> {
  const value: unknown = JSON.parse(await readFile(file, 'utf8'));
  const problems = resultProblems(value);
  if (problems.length > 0) throw new Error(`${file} breaks the result contract:\n  ${problems.join('\n  ')}`);
  return value as RunResult;
}
