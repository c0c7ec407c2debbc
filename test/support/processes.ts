/** Process-table helpers for the emulator-child tests (Linux `ps`); zombies count as gone (they run nothing). */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface ProcessRow {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
  args: string;
}

export async function listProcesses(): Promise<ProcessRow[]> {
  const { stdout } = await promisify(execFile)('ps', ['-eo', 'pid=,ppid=,pgid=,stat=,args=']);
  return stdout
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), pgid: Number(m[3]), state: m[4]!, args: m[5]! }))
    .filter((p) => !p.state.startsWith('Z'));
}

/** The emulator's runtime processes (Node/Python bootstraps) whose parent is `parentPid`. */
export async function runtimesOf(parentPid: number): Promise<ProcessRow[]> {
  return (await listProcesses()).filter((p) => p.ppid === parentPid && /runtimes\/(node|python)\/bootstrap/.test(p.args));
}

/** Emulator child processes (entry.ts / entry.js) whose parent is `parentPid`. */
export async function emulatorChildrenOf(parentPid: number): Promise<ProcessRow[]> {
  return (await listProcesses()).filter((p) => p.ppid === parentPid && /emulator\/child\/entry\.(ts|js)/.test(p.args));
}

/** True while `pid` runs (a zombie does not). */
export async function running(pid: number): Promise<boolean> {
  return (await listProcesses()).some((p) => p.pid === pid);
}

/** True while any process of group `pgid` runs. */
export async function groupRunning(pgid: number): Promise<boolean> {
  return (await listProcesses()).some((p) => p.pgid === pgid);
}

/** Polls `condition` every 100 ms until it holds or `timeoutMs` passes; returns whether it held. */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}
