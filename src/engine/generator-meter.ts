/**
 * What driving the load cost the generator itself, measured over the phases (start-up, preflight, warm-up and the
 * result's writing left out): its process's CPU time (every thread: the main thread, the scheduler's helper thread,
 * the garbage collector) and how busy its event loop was. A generator whose event loop is busy most of the time sends
 * late or reads responses late: its own wait is then in the latencies, and in a closed model its limit may be the
 * throughput measured.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import type { GeneratorLoad } from '../result/types.js';

export interface GeneratorMeter {
  /** The load since the meter started. */
  read(): GeneratorLoad;
}

export function startGeneratorMeter(): GeneratorMeter {
  const cpuAtStart = process.cpuUsage();
  const loopAtStart: EventLoopUtilization = performance.eventLoopUtilization();
  const startedAtMs = performance.now();
  return {
    read() {
      const cpu = process.cpuUsage(cpuAtStart);
      const loop = performance.eventLoopUtilization(loopAtStart);
      return {
        cpuMs: (cpu.user + cpu.system) / 1000,
        wallMs: performance.now() - startedAtMs,
        eventLoopBusy: loop.utilization,
        processes: 1,
      };
    },
  };
}
