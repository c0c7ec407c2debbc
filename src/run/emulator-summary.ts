/**
 * The result's `emulator` section and the warnings only the emulator's own figures can give (host contention, a
 * truncated cold-start list, local runtime versions, CPU not throttled), from its final stats and invocation totals.
 * One place for `run` and for `run --workers` (whose parent owns the one emulator every worker sends to).
 */
import os from 'node:os';
import type { EmulatorStats, RemoteEmulator } from '../emulator/child/remote.js';
import type { InvocationTotals } from '../measure/invocation-totals.js';
import type { EmulatorSummary, Warning } from '../result/types.js';
import type { ResolvedScenario } from '../target/resolve-scenario.js';
import { hostContentionWarnings } from './init-contention.js';
import { runtimeVersionWarning } from './runtime-versions.js';
import { cpuUnthrottledWarning, summariseEnvironmentModels } from './environment-models.js';
import { coldStartEntriesWarning, summariseInvocations, type InvocationFacts } from '../measure/invocation-facts.js';

export interface EmulatorFigures {
  summary: EmulatorSummary;
  invocations: InvocationFacts;
  warnings: Warning[];
}

export function summariseEmulator(
  emulator: Pick<RemoteEmulator, 'localRuntimes' | 'environmentModels'>,
  final: { stats: EmulatorStats; totals: InvocationTotals; maxEnvironments: number },
  target: ResolvedScenario['target'],
): EmulatorFigures {
  const { totals } = final;
  const invocations = summariseInvocations(totals);
  const warnings: Warning[] = [...hostContentionWarnings(totals, os.availableParallelism())];
  const truncated = coldStartEntriesWarning(totals);
  if (truncated) warnings.push(truncated);
  const runtimes = emulator.localRuntimes;
  const mismatch = runtimeVersionWarning(runtimes);
  if (mismatch) warnings.push(mismatch);
  const environments = summariseEnvironmentModels(emulator.environmentModels, target.type === 'emulator' ? (target.coldStartProfile ?? 'real') : 'real');
  const unthrottled = cpuUnthrottledWarning(environments, emulator.environmentModels.find((m) => m.cpu.unavailableReason)?.cpu.unavailableReason);
  if (unthrottled) warnings.push(unthrottled);
  const maxEnvironments = Math.max(final.maxEnvironments, final.stats.environments);
  // The scenario's order, not the order of first invocation (which differs from run to run).
  const declared = target.type === 'emulator' ? Object.keys(target.functions) : [];
  const rank = (name: string) => (declared.includes(name) ? declared.indexOf(name) : declared.length);
  const functions = [...invocations.summary.functions].sort((a, b) => rank(a.name) - rank(b.name));
  return { summary: { ...invocations.summary, functions, maxEnvironments, totals, runtimes, environments }, invocations, warnings };
}
