/**
 * The one result of `run --workers N`, from the workers' shard results: merged exactly as `lambdaload merge` does
 * (src/merge: counts summed, histograms added, timelines summed on the wall clock), then what the parent alone knows
 * put in. With the local emulator, the one emulator every worker sent to: its invocation totals, environments and
 * function error kinds as they are (not added up), the cost priced once from them, and its own warnings. For `url`
 * and `lambda` targets the merge's own figures stand (a `lambda` target's REPORT totals added, cost priced again).
 * Quotas are checked again on the merged numbers by the merge, concurrency from the one emulator's ledger. Thresholds
 * are judged on the merged numbers, as a single process judges its own.
 */
import { functionErrorKinds } from '../measure/error-kinds.js';
import { addLoads } from '../merge/counts.js';
import { mergeShards, type ShardFile } from '../merge/merge.js';
import type { AbortCause, GeneratorLoad, RunResult, Warning } from '../result/types.js';
import { analyseCost } from '../run/cost.js';
import type { EmulatorFigures } from '../run/emulator-summary.js';
import type { ResolvedScenario } from '../target/resolve-scenario.js';
import { evaluateRunThresholds } from '../thresholds/evaluate.js';
import type { CloudWatchEvidence } from '../cloudwatch/types.js';
import { emptyInvocationTotals } from '../measure/invocation-totals.js';
import { maxUsedFraction } from '../quota/index.js';

export interface WorkersResultInput {
  scenario: ResolvedScenario;
  region: string;
  count: number;
  /** The results of the workers that sent one, labelled `worker i/N`. */
  results: readonly ShardFile[];
  /** The shared emulator's figures; undefined without an emulator, or when it died. */
  emulator: EmulatorFigures | undefined;
  /** Whether the target was the parent's emulator (its ledger, not the workers', holds the invocations). */
  sharedEmulator: boolean;
  /** What stopped the run early, first; undefined for a run that completed. */
  abort: AbortCause | undefined;
  /** The parent's own warnings (region defaulted, emulator died, a worker died). */
  warnings: readonly Warning[];
  /** CloudWatch's figures for the whole run's window, read once by the parent. */
  evidence?: CloudWatchEvidence | undefined;
  /** The parent's own load from the common start until the last worker's result, added to the workers'. */
  parentLoad?: GeneratorLoad;
}

export function buildWorkersResult(input: WorkersResultInput): RunResult {
  const { scenario, count, emulator } = input;
  const merged = mergeShards(input.results, { allowPartial: true, ...(emulator ? { emulator: emulator.summary } : {}) });
  const warnings: Warning[] = [...input.warnings, ...(emulator?.warnings ?? [])];
  if (emulator) {
    // As a single run does: the client saw what failed, the emulator knows why.
    const functions = functionErrorKinds(emulator.summary.totals!);
    merged.errorKinds = { requests: merged.errorKinds.requests, functions: functions.functions, otherCount: merged.errorKinds.otherCount + functions.otherCount };
  }
  const { evidence } = input;
  // A url target is priced from CloudWatch's billed durations, which only the parent read.
  const pricedByEvidence = !input.sharedEmulator && evidence !== undefined && scenario.resolvedTarget.type === 'url';
  const cost = input.sharedEmulator
    ? emulator
      ? analyseCost({ scenario, region: input.region, totals: emulator.summary.totals!, measurements: merged, runDurationMs: merged.timing.durationMs, warnings, ...(evidence ? { evidence } : {}) })
      : undefined
    : pricedByEvidence
      ? analyseCost({ scenario, region: input.region, totals: emptyInvocationTotals(), measurements: merged, runDurationMs: merged.timing.durationMs, warnings, evidence })
      : merged.cost;
  const interrupted = input.abort === undefined || input.abort.reason === 'interrupted';
  for (const w of merged.warnings) {
    if (w.code === 'MERGE_PARTIAL') continue; // WORKER_DIED says which worker and why
    if (pricedByEvidence && w.code === 'COST_NEEDS_REPORTS') continue; // the workers had no evidence; the parent has
    if (w.code === 'RUN_ABORTED' && !interrupted) continue; // the workers were stopped because of input.abort
    // The merge names a shard's own warning by its shard; here the shards are workers.
    warnings.push(w.code === 'MERGE_BOUNDS' ? boundsWarning(count, input.sharedEmulator) : { ...w, message: w.message.replace(/^shard (\d+\/\d+): /, 'worker $1: ') });
  }
  const thresholds = evaluateRunThresholds(scenario.thresholds, scenario.implicitThresholds, {
    latency: merged.latency,
    requests: merged.requests,
    coldStarts: merged.coldStarts,
    ...(cost?.run ? { costPerMillionUsd: cost.run.costPerMillionUsd } : {}),
    ...(merged.quotas.length > 0 ? { quotaMaxUsedFraction: maxUsedFraction(merged.quotas) } : {}),
  });
  const { merged: _mergedInfo, cost: _shardsCost, abort: _shardAbort, ...rest } = merged;
  const generator = withParent(merged.engine.generator, input.parentLoad);
  const abort = input.abort ?? merged.abort;
  return {
    ...rest,
    engine: { ...merged.engine, ...(generator ? { generator } : {}) },
    status: abort ? 'aborted' : merged.status,
    ...(abort ? { abort } : {}),
    ...(cost ? { cost } : {}),
    ...(evidence ? { evidence } : {}),
    thresholds,
    warnings: unique(warnings),
    workers: { count, merged: input.results.length },
  };
}

/**
 * The workers' summed load with the parent's added; absent unless every worker measured. The window stays the
 * workers' phases: the parent's also covers their results' coming back.
 */
function withParent(workers: GeneratorLoad | undefined, parent: GeneratorLoad | undefined): GeneratorLoad | undefined {
  return workers && parent ? { ...addLoads([workers, parent]), wallMs: workers.wallMs } : workers;
}

function boundsWarning(count: number, sharedEmulator: boolean): Warning {
  return {
    code: 'WORKERS_BOUNDS',
    message:
      `run on ${count} generator processes and merged exactly: counts, codes, error kinds, latency, service-time, send-lag and connection-wait histograms and every percentile computed from them` +
      `${sharedEmulator ? ', and the one emulator\'s own figures (invocations, cold starts, environments, billed time)' : ', invocation totals'}. ` +
      `Upper bounds, not exact: per-second timeline percentiles, ` +
      `and the in-flight peak${sharedEmulator ? '' : ', concurrency and environment peaks'} (the workers' peaks added: they may not have coincided)`,
  };
}

function unique(warnings: readonly Warning[]): Warning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const id = `${w.code}\u0000${w.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
