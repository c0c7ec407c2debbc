/**
 * How long a runtime process was ready to run but waited for one of this machine's CPUs. On Lambda every environment
 * has its CPU share to itself; here environments, the gateway, the load generator and whatever else runs on the host
 * share a few cores, and when they are all busy a function's code waits its turn. That wait is the host's, not the
 * function's: the emulator keeps it out of Duration and Init Duration, defers the timeout by it, and reports it
 * (record `cpuWaitMs`, the run's `EMULATOR_HOST_CPU_WAIT` warning) instead of passing it off as the function's time.
 *
 * Linux: the second field of `/proc/<pid>/schedstat` is the thread's run delay (ns runnable on a run queue, not
 * running). A group under its CPU quota also waits out each period's throttle, which counts there too; that wait is
 * the memory size's CPU share, which Lambda imposes as well, so the group's throttled time (`cpu.stat`) is taken off.
 * The main thread only: it runs the function's code (the runtime's helper threads are the runtime's business).
 * Elsewhere (no /proc, or schedstat disabled) every read is `undefined` and nothing is corrected.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export interface CpuWaitReader {
  /** Total wait so far (ms), or `undefined` when it cannot be read (process gone, no schedstat). */
  readMs(): number | undefined;
  close(): void;
}

const BUFFER = Buffer.alloc(128);

/** `throttledMs`: the process's control group's total throttled time so far (ms), when it has a CPU quota. */
export function openCpuWait(pid: number, throttledMs?: () => number | undefined): CpuWaitReader {
  let fd: number | undefined;
  try {
    fd = openSync(`/proc/${pid}/schedstat`, 'r');
  } catch {
    fd = undefined;
  }
  return {
    readMs() {
      if (fd === undefined) return undefined;
      let delayNs: number;
      try {
        const length = readSync(fd, BUFFER, 0, BUFFER.length, 0);
        delayNs = Number(BUFFER.toString('latin1', 0, length).split(' ')[1]);
      } catch {
        return undefined;
      }
      if (!Number.isFinite(delayNs)) return undefined;
      return delayNs / 1e6 - (throttledMs?.() ?? 0);
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

/** The wait between two reads (never negative: the throttle correction is the whole group's, not this thread's). */
export function waitBetween(startMs: number | undefined, endMs: number | undefined): number | undefined {
  if (startMs === undefined || endMs === undefined) return undefined;
  return Math.max(0, endMs - startMs);
}
