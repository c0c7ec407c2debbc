/**
 * The sweep: memory sizes × architectures × API types × provisioned levels. Memory and provisioned level change
 * what Lambda does (durations by CPU share, cold starts), so each pair is simulated; architecture and API type change
 * only the price here (arm64 speed is not measured: assumed equal), so each simulation is priced for each of them.
 */
import { estimatePlanCost } from './cost.js';
import type { LoadedPlan } from './load.js';
import { resolvePlan } from './resolve.js';
import type { SweepRow } from './result-types.js';
import { simulatePlan } from './simulate.js';
import { checkThresholds, summarizeOutcome } from './summarize.js';
import type { PlanApiType, PlanSweep } from './types.js';
import type { Architecture } from '../scenario/types.js';

export const DEFAULT_SWEEP: Required<PlanSweep> = { memoryMb: [128, 256, 512, 1024, 1769, 3008], architectures: ['x86_64', 'arm64'], apiTypes: ['rest', 'http'], provisioned: [0] };

export function runSweep(loaded: LoadedPlan, sweep: PlanSweep): { note: string; rows: SweepRow[] } {
  const grid = { ...DEFAULT_SWEEP, ...sweep };
  const rows: SweepRow[] = [];
  for (const memoryMb of grid.memoryMb) {
    for (const provisioned of grid.provisioned) {
      const resolved = resolvePlan(loaded, { memoryMb, provisioned });
      const out = simulatePlan(resolved.config);
      const outcome = summarizeOutcome(loaded.plan, resolved, out);
      const meets = checkThresholds(loaded.plan, outcome).every((t) => t.passed);
      for (const architecture of grid.architectures as Architecture[]) {
        for (const apiType of grid.apiTypes as PlanApiType[]) {
          const priced = resolvePlan(loaded, { memoryMb, provisioned, architecture, apiType });
          rows.push({
            memoryMb,
            architecture,
            apiType,
            provisioned,
            monthlyUsd: estimatePlanCost(loaded.plan, priced, out).totalUsd,
            coldP50Ms: outcome.latency.cold.p50Ms,
            warmP50Ms: outcome.latency.warm.p50Ms,
            p99Ms: outcome.latency.all.p99Ms,
            coldStarts: outcome.coldStarts,
            errorRate: outcome.errorRate,
            meetsThresholds: meets,
            cheapest: false,
          });
        }
      }
    }
  }
  const candidates = rows.filter((row) => row.meetsThresholds);
  const cheapest = candidates.reduce<SweepRow | undefined>((best, row) => (best === undefined || row.monthlyUsd < best.monthlyUsd ? row : best), undefined);
  if (cheapest) cheapest.cheapest = true;
  const note =
    'durations at each memory size are scaled by CPU share (memory / 1,769 MB of a vCPU, capped at one vCPU) from the size they were measured or assumed at, not measured; arm64 is assumed as fast as x86_64';
  return { note, rows };
}
