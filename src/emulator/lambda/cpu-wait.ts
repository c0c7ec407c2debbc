/**
 * How long a runtime process was ready to run but waited for one of this machine's CPUs. On Lambda every environment
 * has its CPU share to itself; here environments, the gateway, the load generator and whatever else runs on the host
 * share a few cores, and when they are all busy a function's code waits its turn. That wait is the host's, not the
 * function's: the emulator keeps it out of Duration and Init Duration, defers the timeout by it, and reports it
 * (record `cpuWaitMs`, the run's `EMULATOR_HOST_CPU_WAIT` warning) instead of passing it off as the function's time.
 *
 * Linux: `/proc/<pid>/schedstat` gives the thread's time on a CPU and its run delay (time runnable on a run queue,
 * not running), in ns. Under a CPU quota the run delay also holds the throttle the memory size's share imposes, which
 * Lambda imposes too: a thread that ran r ms at a share of s CPUs (s < 1) is held back r × (1/s − 1) ms by it, and
 * only the delay beyond that is the host's. (The group's own `throttled_time` would say it directly, but the kernel
 * counts it only for finished throttles and misses most of them when the host is busy.) The main thread only: it runs
 * the function's code. Elsewhere (no /proc, or schedstat disabled) every read is `undefined` and nothing is corrected.
 */
import { openKernelFile } from './kernel-file.js';

/** A thread's scheduler totals so far, ms. */
export interface SchedSample {
  runMs: number;
  delayMs: number;
}

export interface CpuWaitReader {
  /** The totals now, or `undefined` when they cannot be read (process gone, no schedstat). */
  read(): SchedSample | undefined;
  close(): void;
}

const BUFFER = Buffer.alloc(128);

export function openCpuWait(pid: number): CpuWaitReader {
  const file = openKernelFile(`/proc/${pid}/schedstat`, BUFFER);
  return {
    read() {
      const [run, delay] = file.read()?.split(' ') ?? [];
      const sample = { runMs: Number(run) / 1e6, delayMs: Number(delay) / 1e6 };
      return Number.isFinite(sample.runMs) && Number.isFinite(sample.delayMs) ? sample : undefined;
    },
    close: () => file.close(),
  };
}

/** The host's part of the run delay between two samples, for a thread under a share of `cpus` (`undefined`: none). */
export function hostWaitMs(start: SchedSample | undefined, end: SchedSample | undefined, cpus: number | undefined): number | undefined {
  if (start === undefined || end === undefined) return undefined;
  const runMs = end.runMs - start.runMs;
  const delayMs = end.delayMs - start.delayMs;
  const throttleMs = cpus !== undefined && cpus < 1 ? runMs * (1 / cpus - 1) : 0;
  return Math.max(0, delayMs - throttleMs);
}

/** A limit on a phase's own time; `clear()` once the phase ends. */
export interface OwnTimeLimit {
  clear(): void;
}

/**
 * Calls `expire` once the phase has had `limitMs` of its own time (`ownMs()`: wall time less the host's wait), so a
 * function stopped at its timeout or INIT limit had as much time as Lambda would have given it.
 */
export function limitOwnTime(limitMs: number, ownMs: () => number, expire: () => void): OwnTimeLimit {
  let timer: NodeJS.Timeout;
  const check = () => {
    const leftMs = limitMs - ownMs();
    if (leftMs < 1) return expire();
    timer = setTimeout(check, leftMs);
    timer.unref();
  };
  timer = setTimeout(check, limitMs);
  timer.unref();
  return { clear: () => clearTimeout(timer) };
}
