/**
 * How the emulator gave each function its CPU, memory and cold starts, as the result states it, and the warning when
 * the CPU model asked for could not be enforced (no control groups on this host): then durations, and the costs
 * priced from them, are those of the host's whole CPU, not of the memory size's share.
 */
import type { EnvironmentModel } from '../emulator/lambda/types.js';
import type { FunctionEnvironmentSummary, Warning } from '../result/types.js';

export function summariseEnvironmentModels(models: readonly EnvironmentModel[], coldStartProfile: 'real' | 'aws'): FunctionEnvironmentSummary[] {
  return models.map((m) => ({
    function: m.functionName,
    memoryMb: m.memoryMb,
    cpu: { model: m.cpu.model, ...(m.cpu.cpus === undefined ? {} : { cpus: m.cpu.cpus }), enforcedBy: m.cpu.enforcedBy },
    memory: { limitMb: m.memory.limitMb, enforcedBy: m.memory.enforcedBy },
    runtimeStart: {
      source: coldStartProfile === 'aws' ? 'aws-profile' : m.runtimeStart.source,
      spareRuntimes: m.runtimeStart.spareRuntimes,
      ...(m.runtimeStart.referenceBootMs === undefined ? {} : { referenceBootMs: m.runtimeStart.referenceBootMs }),
    },
  }));
}

export function cpuUnthrottledWarning(models: readonly FunctionEnvironmentSummary[], reason: string | undefined): Warning | undefined {
  const unenforced = models.filter((m) => m.cpu.model === 'aws' && m.cpu.enforcedBy === 'none');
  if (unenforced.length === 0) return undefined;
  return {
    code: 'EMULATOR_CPU_UNTHROTTLED',
    message:
      `${unenforced.map((m) => m.function).join(', ')} asked for AWS's CPU share (cpu: 'aws') but ran on this machine's whole CPU: ` +
      `${reason ?? 'control groups are not available here'}. Their durations, and the cost priced from them, are shorter than ` +
      `the memory size would give on AWS (one vCPU at 1,769 MB). Run as root or with a delegated cgroup subtree to enforce it, ` +
      `or set cpu: 'host' to say so in the scenario (README: The local emulator).`,
  };
}
