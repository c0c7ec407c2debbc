/**
 * An environment's memory as REPORT's Max Memory Used shows it: the larger of the runtime process's high-water mark
 * (it counts the runtime's shared code pages, which Lambda's figure evidently does too: a Node hello world shows
 * ~70 MB there, coldstarts.md §1.3) and the control group's peak (memory the process's own figures miss, e.g. a custom
 * runtime's helpers, and the peak at an OOM kill). The peak never goes down over the environment's life, across
 * re-run INITs, as the sandbox's does.
 */
import { performance } from 'node:perf_hooks';
import type { EnvironmentCgroup } from './cgroup.js';
import type { MemorySample } from './process-memory.js';
import type { RuntimeProcess } from './runtime-process.js';

/** Back-to-back invocations share a fresh sample (VmHWM only grows; 5 ms of growth at most goes unseen). */
const PEAK_SAMPLE_MIN_INTERVAL_MS = 5;

export interface MemoryWatch {
  /** Reads the process's figures now and raises the peak. */
  sample(child: RuntimeProcess | undefined): MemorySample | undefined;
  /** The peak so far (kB), from a sample at most 5 ms old; never above the memory size under a control group. */
  peakKb(child: RuntimeProcess | undefined): number;
  /** A new process: its first read is never skipped as fresh. */
  newProcess(): void;
}

export function createMemoryWatch(cgroup: EnvironmentCgroup | undefined, memoryLimitKb: number): MemoryWatch {
  let peakKb = 0;
  let sampledAt = -Infinity;
  const watch: MemoryWatch = {
    sample(child) {
      const now = child?.memory.read();
      sampledAt = performance.now();
      const hwmKb = Math.max(now?.hwmKb ?? 0, cgroup?.peakKb() ?? 0);
      if (hwmKb > peakKb) peakKb = hwmKb;
      return now;
    },
    peakKb(child) {
      if (performance.now() - sampledAt >= PEAK_SAMPLE_MIN_INTERVAL_MS) watch.sample(child);
      // Under the kernel's limit the sandbox never holds more than the memory size; only shared code pages in the
      // process's own figure can go past it.
      return cgroup ? Math.min(peakKb, memoryLimitKb) : peakKb;
    },
    newProcess() {
      sampledAt = -Infinity;
    },
  };
  return watch;
}
