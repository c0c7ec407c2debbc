/**
 * One line per emulated function: the CPU, memory and cold-start model it ran under, so a reader knows which of the
 * run's durations and INITs follow AWS's rules and which follow this machine.
 */
import type { EmulatorFunctionSummary, FunctionEnvironmentSummary } from '../result/types.js';

export function formatEnvironment(env: FunctionEnvironmentSummary): string {
  const cpu =
    env.cpu.model === 'host'
      ? "CPU: the host's (cpu: 'host')"
      : env.cpu.enforcedBy === 'none'
        ? `CPU: the host's, NOT the ${formatCpus(env.cpu.cpus)} vCPU of ${env.memoryMb} MB (no control groups)`
        : `CPU ${formatCpus(env.cpu.cpus)} vCPU (AWS's share of ${env.memoryMb} MB, ${env.cpu.enforcedBy})`;
  const memory = `memory limit ${env.memory.limitMb} MB (${env.memory.enforcedBy})`;
  const start =
    env.runtimeStart.source === 'aws-profile'
      ? "runtime start: AWS's measured Init Durations (aws profile)"
      : env.runtimeStart.source === 'spawned'
        ? 'runtime start: measured in each cold start'
        : `runtime start ${env.runtimeStart.referenceBootMs === undefined ? 'measured' : `${env.runtimeStart.referenceBootMs.toFixed(0)} ms`} (the runtime alone, ${env.runtimeStart.spareRuntimes} spare processes)`;
  return `${cpu} · ${memory} · ${start}`;
}

export function formatFunctionInits(fn: EmulatorFunctionSummary): string | undefined {
  const i = fn.initMs;
  if (!i) return undefined;
  return `${i.count} cold start${i.count === 1 ? '' : 's'} · init p50 ${ms(i.p50Ms)} · p90 ${ms(i.p90Ms)} · p99 ${ms(i.p99Ms)} · max ${ms(i.maxMs)}`;
}

function formatCpus(cpus: number | undefined): string {
  return cpus === undefined ? '?' : cpus < 1 ? cpus.toFixed(3) : cpus.toFixed(2);
}

function ms(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}
