/**
 * Control groups for execution environments: the CPU share and the memory limit Lambda gives a memory size, enforced
 * by the kernel on the environment's runtime process (and anything it starts).
 *
 * - CPU: Lambda allocates CPU in proportion to memory, one vCPU at 1,769 MB, up to 6 vCPUs at 10,240 MB (aws-facts
 *   §3.1, QUOTAS in src/quota/quotas.ts). An environment's invocations get `memoryMb / 1,769` of a CPU as a CFS
 *   bandwidth quota (`cpu.cfs_quota_us` in v1, `cpu.max` in v2). The period is as short as the kernel's 1 ms
 *   minimum quota allows for the share (`cfsPeriodUs`), so a handler's few milliseconds of CPU are spread as the
 *   share says: with the kernel's default 100 ms period, a 15 ms task at 0.58 of a CPU would finish anywhere between
 *   15 and 115 ms depending on where in the period it started.
 * - INIT runs without the quota: AWS's Init Duration does not change with memory size (coldstarts.md §1.3, 128 to
 *   1,024 MB within 2 %), so init evidently does not run at the memory size's share.
 * - Memory: the limit is the memory size (`memory.limit_in_bytes` / `memory.max`); the kernel ends a process that
 *   goes over it, which the environment reports as Lambda does (`Runtime.OutOfMemory`). Max Memory Used is the
 *   group's peak (`memory.max_usage_in_bytes` / `memory.peak`), as the sandbox sees it.
 *
 * Where the host lets lambdaload create groups (root, or a delegated subtree) this is on; otherwise `openCgroups`
 * says why, and the emulator runs unthrottled and says so in the run's result.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { QUOTAS } from '../../facts/quotas.js';
import { createGroup, createParentWeight, NO_PARENT_WEIGHT, type EnvironmentCgroup, type Layout } from './cgroup-group.js';
import { rmdirSoon, tryRmdir } from './cgroup-files.js';

export { cfsPeriodUs, type EnvironmentCgroup } from './cgroup-group.js';

const CGROUP_ROOT = '/sys/fs/cgroup';

/** The CPUs Lambda gives a memory size: memoryMb / 1,769, at most 6 (QUOTAS). */
export function lambdaCpus(memoryMb: number): number {
  return Math.min(memoryMb / QUOTAS.memoryPerVcpuMb.value, QUOTAS.maxVcpus.value);
}

export type CgroupSupport =
  | { available: true; version: 'v1' | 'v2'; describe: string }
  | { available: false; reason: string };

export interface Cgroups {
  readonly support: CgroupSupport;
  /** A new group for one environment with its memory limit set; `undefined` when cgroups are not available. */
  /** `hostCpu`: the environment runs without a CPU quota (`cpu: 'host'`), and weighs as a process of its own. */
  create(name: string, memoryMb: number, hostCpu: boolean): EnvironmentCgroup | undefined;
  /** Removes lambdaload's parent groups (after every environment's group). */
  close(): Promise<void>;
}

let opened = 0;

/**
 * Opens a parent group for one emulator (several may run in one process: tests, a library user), named
 * `lambdaload-<pid>-<n>`, or says why it cannot.
 */
export function openCgroups(label = `lambdaload-${process.pid}-${++opened}`): Cgroups {
  let layout: Layout | undefined;
  let support: CgroupSupport;
  const weights = createParentWeight(() => layout);
  try {
    layout = createParents(label);
    support = { available: true, version: layout.version, describe: `cgroup ${layout.version} (${layout.cpuParent})` };
  } catch (error) {
    support = { available: false, reason: error instanceof Error ? error.message : String(error) };
  }
  return {
    support,
    create(name, memoryMb, hostCpu) {
      if (!layout) return undefined;
      return createGroup(layout, name, memoryMb, hostCpu ? weights : NO_PARENT_WEIGHT);
    },
    async close() {
      if (!layout) return;
      for (const dir of new Set([layout.cpuParent, layout.memoryParent])) await rmdirSoon(dir);
    },
  };
}

function createParents(label: string): Layout {
  if (process.platform !== 'linux') throw new Error(`control groups are a Linux feature (this is ${process.platform})`);
  const own = ownGroups();
  const cpuMount = path.join(CGROUP_ROOT, 'cpu');
  const memoryMount = path.join(CGROUP_ROOT, 'memory');
  if (existsSync(path.join(cpuMount, 'cpu.cfs_quota_us')) && existsSync(path.join(memoryMount, 'memory.limit_in_bytes'))) {
    const cpuParent = path.join(cpuMount, own.get('cpu') ?? own.get('cpu,cpuacct') ?? '/', label);
    const memoryParent = path.join(memoryMount, own.get('memory') ?? '/', label);
    removeStale(path.dirname(cpuParent));
    removeStale(path.dirname(memoryParent));
    mkdirWritable(cpuParent);
    mkdirWritable(memoryParent);
    return { version: 'v1', cpuParent, memoryParent };
  }
  if (existsSync(path.join(CGROUP_ROOT, 'cgroup.controllers'))) {
    // v2: controllers must be enabled for the children of lambdaload's group, and a group with processes of its own
    // cannot enable them (the "no internal processes" rule), so lambdaload's group holds only environment groups.
    const parent = path.join(CGROUP_ROOT, own.get('') ?? '/', label);
    const enabled = readFileSync(path.join(path.dirname(parent), 'cgroup.subtree_control'), 'utf8');
    if (!/\bcpu\b/.test(enabled) || !/\bmemory\b/.test(enabled)) {
      throw new Error(`the cpu and memory controllers are not delegated to ${path.dirname(parent)} (cgroup.subtree_control: '${enabled.trim()}')`);
    }
    mkdirWritable(parent);
    writeFileSync(path.join(parent, 'cgroup.subtree_control'), '+cpu +memory');
    return { version: 'v2', cpuParent: parent, memoryParent: parent };
  }
  throw new Error(`no cgroup v1 cpu and memory hierarchies nor a cgroup v2 mount under ${CGROUP_ROOT}`);
}

/**
 * Groups left by lambdaload processes that are gone (killed before they could clean up): their environment groups
 * are empty once their processes died, so they can be removed.
 */
function removeStale(parent: string): void {
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  for (const entry of entries) {
    const match = /^lambdaload-(\d+)(?:-\d+)?$/.exec(entry);
    if (!match || isAlive(Number(match[1]))) continue;
    const dir = path.join(parent, entry);
    try {
      for (const child of readdirSync(dir, { withFileTypes: true })) if (child.isDirectory()) tryRmdir(path.join(dir, child.name));
    } catch {
      // Not ours to read.
    }
    tryRmdir(dir);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This process's group per v1 controller list ('' for v2), from /proc/self/cgroup. */
function ownGroups(): Map<string, string> {
  const groups = new Map<string, string>();
  for (const line of readFileSync('/proc/self/cgroup', 'utf8').split('\n')) {
    const match = /^\d+:([^:]*):(.*)$/.exec(line);
    if (!match) continue;
    for (const controller of match[1]!.split(',')) groups.set(controller, match[2]!);
    if (match[1] === '') groups.set('', match[2]!);
  }
  return groups;
}

function mkdirWritable(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot create ${dir} (${code ?? String(error)}): lambdaload needs root or a delegated cgroup subtree`);
  }
}
