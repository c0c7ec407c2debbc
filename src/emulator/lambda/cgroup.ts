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
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { QUOTAS } from '../../facts/quotas.js';

/** Room for a byte count in decimal. */
const PEAK_BUFFER = Buffer.alloc(32);
/** Room for `cpu.stat` (v1: 4 lines; v2: 6 to 9). */
const STAT_BUFFER = Buffer.alloc(512);
/** The kernel's smallest CFS quota (and period). */
const MIN_QUOTA_US = 1_000;
/** The shortest period used: below it throttling stalls at each period's end cost more than the share (measured: a 2 ms period made a 20 ms task at one CPU take 35 ms; 5 ms, 21 ms; bench/README). */
const MIN_PERIOD_US = 5_000;

/** The CFS period for a share: the shortest whose quota is still the kernel's 1 ms minimum (128 MB: 13.8 ms). */
export function cfsPeriodUs(cpus: number): number {
  return Math.min(100_000, Math.max(MIN_PERIOD_US, Math.ceil(MIN_QUOTA_US / Math.min(cpus, 1))));
}
const CGROUP_ROOT = '/sys/fs/cgroup';

/** The CPUs Lambda gives a memory size: memoryMb / 1,769, at most 6 (QUOTAS). */
export function lambdaCpus(memoryMb: number): number {
  return Math.min(memoryMb / QUOTAS.memoryPerVcpuMb.value, QUOTAS.maxVcpus.value);
}

export type CgroupSupport =
  | { available: true; version: 'v1' | 'v2'; describe: string }
  | { available: false; reason: string };

export interface EnvironmentCgroup {
  /**
   * The `cgroup.procs` files a process writes its pid into to join the group (one per hierarchy). A runtime joins
   * before it execs (runtime-process.ts), so every page it touches is charged to the group from the start: cgroup
   * v1 does not move earlier charges along with a process, and v2 never does.
   */
  readonly procsFiles: readonly string[];
  /** The CPU the group's processes may use, in CPUs; `undefined` lifts the limit. */
  setCpus(cpus: number | undefined): void;
  /**
   * `background`: the group yields the CPU to every other (a spare runtime starting while environments serve);
   * `normal`: the default weight.
   */
  setPriority(priority: 'background' | 'normal'): void;
  /** The group's memory peak, in kB (`undefined` when the kernel does not say). */
  peakKb(): number | undefined;
  /** How many times the kernel's OOM killer ended a process of this group. */
  oomKills(): number;
  /** The group's total time throttled by its CPU quota so far, ms (`undefined` when the kernel does not say). */
  throttledMs(): number | undefined;
  /** Removes the group once its processes have exited (the kernel may take a moment to let go of the last one). */
  remove(): Promise<void>;
}

export interface Cgroups {
  readonly support: CgroupSupport;
  /** A new group for one environment with its memory limit set; `undefined` when cgroups are not available. */
  /** `hostCpu`: the environment runs without a CPU quota (`cpu: 'host'`), and weighs as a process of its own. */
  create(name: string, memoryMb: number, hostCpu: boolean): EnvironmentCgroup | undefined;
  /** Removes lambdaload's parent groups (after every environment's group). */
  close(): Promise<void>;
}

interface Layout {
  version: 'v1' | 'v2';
  /** v1: the cpu and memory hierarchies' parent folders; v2: the same folder twice. */
  cpuParent: string;
  memoryParent: string;
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

/**
 * The parent group's CPU weight. The scheduler weighs a group as one entity against the processes beside it (the
 * emulator's gateway, the load generator):
 * - environments on the host's CPU (`cpu: 'host'`) weigh as the processes they would be without control groups: the
 *   parent gets the sum of their weights (with the default weight, 50 busy environments together got what the one
 *   gateway process got, and the emulator's throughput at 50 connections fell by a quarter);
 * - environments under AWS's CPU share are bounded by their quotas and add nothing: together they weigh as one
 *   process, so when the cores are short the gateway and the generator, which stand for AWS's own front and the
 *   users' clients, are not starved by the functions (with the summed weight, `hello.ts` tipped into cold-start
 *   cascades in 3 of 5 runs: bench/README).
 */
interface ParentWeight {
  set(name: string, weight: number): void;
  remove(name: string): void;
}

/** Default weights: v1 `cpu.shares` 1,024 (minimum 2, maximum 262,144); v2 `cpu.weight` 100 (1–10,000). */
const WEIGHT = { v1: { normal: 1024, background: 2, max: 262_144 }, v2: { normal: 100, background: 1, max: 10_000 } } as const;

/** For environments under a CPU quota: they leave the parent's weight alone. */
const NO_PARENT_WEIGHT: ParentWeight = { set: () => undefined, remove: () => undefined };

function createParentWeight(layoutOf: () => Layout | undefined): ParentWeight {
  const byName = new Map<string, number>();
  const write = () => {
    const layout = layoutOf();
    if (!layout) return;
    const w = WEIGHT[layout.version];
    let total = 0;
    for (const weight of byName.values()) total += weight;
    const clamped = Math.min(w.max, Math.max(w.normal, total));
    tryWrite(path.join(layout.cpuParent, layout.version === 'v1' ? 'cpu.shares' : 'cpu.weight'), String(clamped));
  };
  return {
    set(name, weight) {
      byName.set(name, weight);
      write();
    },
    remove(name) {
      if (byName.delete(name)) write();
    },
  };
}

function createGroup(layout: Layout, name: string, memoryMb: number, parentWeight: ParentWeight): EnvironmentCgroup {
  const cpuDir = path.join(layout.cpuParent, name);
  const memoryDir = path.join(layout.memoryParent, name);
  mkdirSync(cpuDir, { recursive: true });
  if (memoryDir !== cpuDir) mkdirSync(memoryDir, { recursive: true });
  const limitBytes = memoryMb * 1024 * 1024;
  const v1 = layout.version === 'v1';
  if (v1) {
    writeFileSync(path.join(memoryDir, 'memory.limit_in_bytes'), String(limitBytes));
    // No swap beyond the limit where the kernel accounts it (Lambda has none).
    tryWrite(path.join(memoryDir, 'memory.memsw.limit_in_bytes'), String(limitBytes));
  } else {
    writeFileSync(path.join(memoryDir, 'memory.max'), String(limitBytes));
    tryWrite(path.join(memoryDir, 'memory.swap.max'), '0');
  }
  const weights = WEIGHT[layout.version];
  parentWeight.set(name, weights.normal);
  /** The memory peak file, opened on first read; `null` when it cannot be read. */
  let peakFd: number | null | undefined;
  /** The CPU statistics file, opened on first read; `null` when it cannot be read. */
  let statFd: number | null | undefined;
  return {
    procsFiles: memoryDir === cpuDir ? [path.join(cpuDir, 'cgroup.procs')] : [path.join(cpuDir, 'cgroup.procs'), path.join(memoryDir, 'cgroup.procs')],
    setCpus(cpus) {
      const periodUs = cfsPeriodUs(cpus ?? 1);
      const quotaUs = cpus === undefined ? undefined : Math.max(MIN_QUOTA_US, Math.round(cpus * periodUs));
      if (v1) {
        // Unlimited first: the kernel refuses a period whose current quota would exceed what the parent allows.
        writeFileSync(path.join(cpuDir, 'cpu.cfs_quota_us'), '-1');
        writeFileSync(path.join(cpuDir, 'cpu.cfs_period_us'), String(periodUs));
        if (quotaUs !== undefined) writeFileSync(path.join(cpuDir, 'cpu.cfs_quota_us'), String(quotaUs));
      } else writeFileSync(path.join(cpuDir, 'cpu.max'), `${quotaUs === undefined ? 'max' : quotaUs} ${periodUs}`);
    },
    setPriority(priority) {
      const weight = priority === 'background' ? weights.background : weights.normal;
      tryWrite(path.join(cpuDir, v1 ? 'cpu.shares' : 'cpu.weight'), String(weight));
      parentWeight.set(name, weight);
    },
    peakKb() {
      // Read on every invocation's REPORT: one descriptor kept open and read from offset 0 (a fresh value each
      // time), rather than a path lookup, open and close per read in the gateway's process.
      if (peakFd === undefined) {
        try {
          peakFd = openSync(path.join(memoryDir, v1 ? 'memory.max_usage_in_bytes' : 'memory.peak'), 'r');
        } catch {
          peakFd = null;
        }
      }
      if (peakFd === null) return undefined;
      try {
        const length = readSync(peakFd, PEAK_BUFFER, 0, PEAK_BUFFER.length, 0);
        return Math.round(Number(PEAK_BUFFER.toString('latin1', 0, length).trim()) / 1024);
      } catch {
        return undefined;
      }
    },
    throttledMs() {
      // Read at every invocation's start and end (cpu-wait.ts): one descriptor kept open, as for the peak.
      if (statFd === undefined) {
        try {
          statFd = openSync(path.join(cpuDir, 'cpu.stat'), 'r');
        } catch {
          statFd = null;
        }
      }
      if (statFd === null) return undefined;
      try {
        const length = readSync(statFd, STAT_BUFFER, 0, STAT_BUFFER.length, 0);
        const text = STAT_BUFFER.toString('latin1', 0, length);
        const match = (v1 ? /^throttled_time (\d+)$/m : /^throttled_usec (\d+)$/m).exec(text);
        return match ? Number(match[1]) / (v1 ? 1e6 : 1e3) : undefined;
      } catch {
        return undefined;
      }
    },
    oomKills() {
      const text = tryRead(path.join(memoryDir, v1 ? 'memory.oom_control' : 'memory.events')) ?? '';
      const match = /^oom_kill (\d+)$/m.exec(text);
      return match ? Number(match[1]) : 0;
    },
    async remove() {
      if (typeof peakFd === 'number') closeSync(peakFd);
      peakFd = null;
      if (typeof statFd === 'number') closeSync(statFd);
      statFd = null;
      parentWeight.remove(name);
      await rmdirSoon(cpuDir);
      if (memoryDir !== cpuDir) await rmdirSoon(memoryDir);
    },
  };
}

function tryRead(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function tryWrite(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch {
    // Optional knobs (swap accounting, peak reset) are missing on some kernels.
  }
}

/** Tries for up to RMDIR_PATIENCE_MS: a group is busy (EBUSY) until the kernel has finished with its exited tasks. */
const RMDIR_PATIENCE_MS = 2_000;

async function rmdirSoon(dir: string): Promise<void> {
  const until = Date.now() + RMDIR_PATIENCE_MS;
  for (;;) {
    try {
      rmdirSync(dir);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code !== 'EBUSY' || Date.now() > until) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function tryRmdir(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Still has a process that has not been reaped yet, or already gone.
  }
}
