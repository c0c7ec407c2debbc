/**
 * The merged run's cost, priced again rather than added: the merged invocation totals (each shard's billed durations,
 * added exactly: src/measure/invocation-totals.ts) and the merged API requests and bytes go through the cost room's
 * estimateRunCost as one run's would, so per-request averages and the projection basis are the whole run's. The
 * monthly projection and the comparison are then priced from that basis at the volume shard 1 used, with the free
 * tier as shard 1's projection applied it (a result does not record the scenario's `projection.freeTier` otherwise) and
 * the alternatives (SnapStart, Managed Instances) its comparison recorded.
 * A `url` target's cost came from CloudWatch evidence, which does not merge: no cost, and a warning says why.
 */
import { compareCosts, estimateRunCost, projectMonthlyCost, runProjectionOptions, type MeasuredFunction } from '../cost/index.js';
import { isLambdaloadError } from '../errors.js';
import type { InvocationTotals } from '../measure/invocation-totals.js';
import type { CostReport, RunResult, Warning } from '../result/types.js';

export function repriceMerged(
  shards: readonly RunResult[],
  totals: InvocationTotals | undefined,
  merged: Pick<RunResult, 'statusCodes' | 'requests' | 'timing'>,
): { cost?: CostReport; warning?: Warning } {
  const priced = shards.filter((r) => r.cost);
  if (priced.length === 0) return {};
  const first = shards[0]!;
  const dropped = (why: string): { warning: Warning } => {
    const total = priced.reduce((sum, r) => sum + r.cost!.run.estimate.totalUsd, 0);
    return { warning: { code: 'MERGE_COST_DROPPED', message: `cost not merged: ${why}; the shards' own run costs add up to $${total.toFixed(6)} (each priced its share alone)` } };
  };
  if (priced.length < shards.length) return dropped('some shards have no cost section');
  if (totals === undefined || first.scenario.target.type === 'url') return dropped('the shards were priced from CloudWatch evidence or have no invocation totals, and those do not add');
  const target = first.scenario.target;
  const functions: Record<string, MeasuredFunction> = {};
  let provisionedEnvironments = 0;
  for (const fn of target.functions) {
    provisionedEnvironments += fn.provisionedConcurrency;
    functions[fn.name] = {
      architecture: fn.architecture,
      ephemeralStorageMb: fn.ephemeralStorageMb,
      initAlwaysBilled: (fn.runtime ?? '').startsWith('provided'),
      ...(fn.provisionedConcurrency > 0 ? { provisionedConcurrency: fn.provisionedConcurrency } : {}),
    };
  }
  const shardCost = first.cost!;
  const options = runProjectionOptions(shardCost.projection?.estimate.lines.some((l) => l.tier === 'free tier') ?? false, provisionedEnvironments);
  try {
    const run = estimateRunCost({
      region: shardCost.region,
      totals,
      functions,
      ...(target.api
        ? { api: { type: target.api.type, requests: Object.values(merged.statusCodes).reduce((n, c) => n + c, 0), requestBytesTotal: merged.requests.bytesSent, responseBytesTotal: merged.requests.bytesReceived } }
        : {}),
      runDurationMs: merged.timing.durationMs,
    });
    const monthlyRequests = shardCost.projection?.monthlyRequests;
    const projection = monthlyRequests === undefined ? undefined : projectMonthlyCost(run.basis, { monthlyRequests }, options);
    const alternatives = shardCost.comparison.alternatives;
    const comparison = compareCosts(run.basis, { monthlyRequests: monthlyRequests ?? shardCost.comparison.monthlyRequests }, { ...options, ...(alternatives ? { alternatives } : {}) });
    return {
      cost: { region: shardCost.region, run, ...(projection ? { projection } : {}), comparison },
      warning: {
        code: 'MERGE_COST_REPRICED',
        message: `cost priced again from the merged invocation totals (the shards' billed durations added exactly), not added up; the projection and comparisons use the merged per-request basis${options.freeTier ? ', with the free tier as shard 1 applied it' : ''}`,
      },
    };
  } catch (error) {
    if (isLambdaloadError(error) && error.code === 'PRICING_DATA_MISSING') return dropped(error.message);
    throw error;
  }
}
