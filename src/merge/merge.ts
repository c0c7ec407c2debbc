/**
 * `lambdaload merge`: N shard results (`run --shard i/N`) → one result of the whole scenario, a normal v2 result that
 * `report` and `compare` read. Exact where the shards kept what adds: counts summed, histograms added bucket by bucket
 * (histograms.ts) and every latency section recomputed from them, timelines summed on the wall clock (timeline.ts),
 * invocation totals merged (emulator.ts). Where a shard kept only a statistic, the merged figure is a bound and a
 * warning says which. Cost is priced again from the merged totals (cost.ts); quotas are checked again on the merged
 * numbers (quotas.ts). Thresholds are evaluated again on the merged numbers, quota headroom included. Pure: files are
 * read and written by the CLI.
 */
import type { Threshold } from '../scenario/types.js';
import { evaluateRunThresholds } from '../thresholds/evaluate.js';
import type { EmulatorSummary, PhaseSummary, RunResult, ThresholdResult, Warning } from '../result/types.js';
import { checkShards, type ShardFile } from './check-shards.js';
import { mergeColdStarts, mergeEngine, sumRecords, sumRequestCounts, sumStatusCodes, uniteErrorKinds } from './counts.js';
import { repriceMerged } from './cost.js';
import { mergeEmulatorSummaries, mergeLambdaSummaries } from './emulator.js';
import { histogramSections } from './histograms.js';
import { recheckQuotas } from './quotas.js';
import { mergeTimelines } from './timeline.js';
import { mergeWarnings } from './warnings.js';

export type { ShardFile };

export interface MergeOptions {
  /** Merge although some shard indices are missing; the result is marked `merged.partial`. */
  allowPartial?: boolean;
  /**
   * The figures of the one emulator every shard sent to (`run --workers`, whose shards have no emulator section of
   * their own): taken as they are, not added up.
   */
  emulator?: EmulatorSummary;
}

export function mergeShards(inputs: readonly ShardFile[], options: MergeOptions = {}): RunResult {
  const { shards, count, missing } = checkShards(inputs, options);
  const results = shards.map((s) => s.result);
  const first = results[0]!;
  const starts = results.map((r) => Date.parse(r.timing.startedAt));
  const startedAtMs = Math.min(...starts);
  const endedAtMs = Math.max(...results.map((r) => Date.parse(r.timing.endedAt)));

  const histograms = histogramSections(
    results.map((r) => r.histograms),
    { phases: first.scenario.phases.map((p) => p.name), requests: first.scenario.requests.map((r) => r.name) },
  );
  const requests = sumRequestCounts(results.map((r) => r.requests));
  const coldStarts = mergeColdStarts(results.map((r) => r.coldStarts), requests.completed);
  const emulator = options.emulator ?? mergeEmulatorSummaries(results.map((r) => r.emulator));
  const lambda = mergeLambdaSummaries(results.map((r) => r.lambda));
  const hostnames = [...new Set(results.map((r) => r.environment.hostname))];
  const aborted = results.find((r) => r.status === 'aborted');

  const merged: Omit<RunResult, 'thresholds' | 'warnings' | 'quotas'> = {
    schemaVersion: first.schemaVersion,
    kind: 'run',
    tool: first.tool,
    status: aborted ? 'aborted' : 'completed',
    ...(aborted?.abort ? { abort: aborted.abort } : {}),
    scenario: { ...first.scenario, phases: sumPhases(results.map((r) => r.scenario.phases)) },
    environment: { ...first.environment, hostname: hostnames.join(', ') },
    timing: { startedAt: new Date(startedAtMs).toISOString(), endedAt: new Date(endedAtMs).toISOString(), durationMs: endedAtMs - startedAtMs },
    engine: mergeEngine(results.map((r) => r.engine)),
    ...(emulator ? { emulator } : {}),
    ...(lambda ? { lambda } : {}),
    ...histograms,
    requests,
    statusCodes: sumStatusCodes(results.map((r) => r.statusCodes)),
    errorCodes: sumRecords(results.map((r) => r.errorCodes)),
    errorKinds: uniteErrorKinds(results.map((r) => r.errorKinds)),
    coldStarts,
    labelSources: sumRecords(results.map((r) => r.labelSources)),
    timeline: mergeTimelines(results.map((r, i) => ({ startedAtMs: starts[i]!, timeline: r.timeline }))),
    merged: { shards: shards.length, of: count, partial: missing.length > 0, files: shards.map((s) => s.file) },
  };
  const totals = (emulator ?? lambda)?.totals;
  const repriced = repriceMerged(results, totals, merged);
  const quotas = recheckQuotas(results, merged, totals, options.emulator !== undefined);
  return {
    ...merged,
    ...(repriced.cost ? { cost: repriced.cost } : {}),
    quotas: quotas.analysis.findings,
    ...(quotas.traffic ? { traffic: quotas.traffic } : {}),
    thresholds: reevaluate(first.thresholds, merged, { costPerMillionUsd: repriced.cost?.run.costPerMillionUsd, quotaMaxUsedFraction: quotas.analysis.maxUsedFraction }),
    warnings: [...mergeWarnings(results, { count, missing, starts }), ...(repriced.warning ? [repriced.warning] : []), ...quotas.warnings],
  };
}

/** The phases as the whole run drove them: each shard's rate and connections add back to the scenario's. */
function sumPhases(lists: ReadonlyArray<readonly PhaseSummary[]>): PhaseSummary[] {
  // Shard 1 holds the largest share (src/merge/shard.ts), so its phase types are the scenario's.
  return lists[0]!.map((phase, i) => {
    const add = (field: 'rate' | 'rampTo' | 'spikeRate' | 'connections') =>
      phase[field] === undefined ? {} : { [field]: Math.round(lists.reduce((sum, list) => sum + (list[i]?.[field] ?? 0), 0) * 1000) / 1000 };
    return { ...phase, ...add('rate'), ...add('rampTo'), ...add('spikeRate'), ...add('connections') };
  });
}

/** The shards' thresholds (declared, then implicit) judged again on the merged numbers, cost and quotas. */
function reevaluate(
  shardThresholds: readonly ThresholdResult[],
  merged: Pick<RunResult, 'latency' | 'requests' | 'coldStarts'>,
  { costPerMillionUsd, quotaMaxUsedFraction }: { costPerMillionUsd: number | undefined; quotaMaxUsedFraction: number | undefined },
): ThresholdResult[] {
  const declared = shardThresholds.filter((t) => !t.implicit).map((t) => t.threshold as Threshold);
  const implicit = shardThresholds.filter((t) => t.implicit).map((t) => t.threshold as Threshold);
  return evaluateRunThresholds(declared, implicit, {
    latency: merged.latency,
    requests: merged.requests,
    coldStarts: merged.coldStarts,
    ...(costPerMillionUsd === undefined ? {} : { costPerMillionUsd }),
    ...(quotaMaxUsedFraction === undefined ? {} : { quotaMaxUsedFraction }),
  }).map((t) =>
    t.threshold.metric === 'costPerMillionUsd' && costPerMillionUsd === undefined
      ? { ...t, note: `${t.note ?? ''}${t.note ? '; ' : ''}not merged: see the MERGE_COST_DROPPED warning` }
      : t,
  );
}

export type { Warning };
