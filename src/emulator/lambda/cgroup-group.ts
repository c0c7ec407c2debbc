/**
 * One environment's control group (cgroup.ts opens the parents): its CPU quota and weight, memory limit, and the
 * kernel's figures read back (memory peak, OOM kills), the peak through a descriptor kept open.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rmdirSoon, tryRead, tryWrite } from './cgroup-files.js';
import { openKernelFile, type KernelFile } from './kernel-file.js';

/** Room for a byte count in decimal. */
const PEAK_BUFFER = Buffer.alloc(32);
/** The kernel's smallest CFS quota (and period). */
const MIN_QUOTA_US = 1_000;
/** The shortest period used: below it throttling stalls at each period's end cost more than the share (measured: a 2 ms period made a 20 ms task at one CPU take 35 ms; 5 ms, 21 ms; bench/README). */
const MIN_PERIOD_US = 5_000;

/** The CFS period for a share: the shortest whose quota is still the kernel's 1 ms minimum (128 MB: 13.8 ms). */
export function cfsPeriodUs(cpus: number): number {
  return Math.min(100_000, Math.max(MIN_PERIOD_US, Math.ceil(MIN_QUOTA_US / Math.min(cpus, 1))));
}

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
  /** Removes the group once its processes have exited (the kernel may take a moment to let go of the last one). */
  remove(): Promise<void>;
}

export interface Layout {
  version: 'v1' | 'v2';
  /** v1: the cpu and memory hierarchies' parent folders; v2: the same folder twice. */
  cpuParent: string;
  memoryParent: string;
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
export interface ParentWeight {
  set(name: string, weight: number): void;
  remove(name: string): void;
}

/** Default weights: v1 `cpu.shares` 1,024 (minimum 2, maximum 262,144); v2 `cpu.weight` 100 (1–10,000). */
const WEIGHT = { v1: { normal: 1024, background: 2, max: 262_144 }, v2: { normal: 100, background: 1, max: 10_000 } } as const;

/** For environments under a CPU quota: they leave the parent's weight alone. */
export const NO_PARENT_WEIGHT: ParentWeight = { set: () => undefined, remove: () => undefined };

export function createParentWeight(layoutOf: () => Layout | undefined): ParentWeight {
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

export function createGroup(layout: Layout, name: string, memoryMb: number, parentWeight: ParentWeight): EnvironmentCgroup {
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
  /** Opened at the first read (kernel-file.ts); `null` once the group is removed. */
  let peak: KernelFile | null | undefined;
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
      if (peak === null) return undefined;
      peak ??= openKernelFile(path.join(memoryDir, v1 ? 'memory.max_usage_in_bytes' : 'memory.peak'), PEAK_BUFFER);
      const text = peak.read();
      return text === undefined ? undefined : Math.round(Number(text.trim()) / 1024);
    },
    oomKills() {
      const text = tryRead(path.join(memoryDir, v1 ? 'memory.oom_control' : 'memory.events')) ?? '';
      const match = /^oom_kill (\d+)$/m.exec(text);
      return match ? Number(match[1]) : 0;
    },
    async remove() {
      peak?.close();
      peak = null;
      parentWeight.remove(name);
      await rmdirSoon(cpuDir);
      if (memoryDir !== cpuDir) await rmdirSoon(memoryDir);
    },
  };
}
