/**
 * The merged run's quota findings, checked again on the merged numbers rather than added or dropped: each shard judged
 * only its share of the load. The checks read what a single run's read (src/quota/input.ts): the target from the
 * result, the phases as the whole run drove them, the service-time tail from the merged histograms (exact), the
 * invocation facts from the merged totals, and the traffic's shape from each shard's `traffic` section.
 * Maxima (largest payload, longest duration and INIT, Max Memory Used) merge exactly; peaks that add (the request
 * rate over 1 s, the densest 100 ms, concurrency unless one emulator served every shard) are the shards' peaks added,
 * upper bounds; the warning says which. Shards saved without a `traffic` section leave the rate, burst and payload
 * checks undone, and a warning names them.
 */
import { summariseInvocations } from '../measure/invocation-facts.js';
import type { InvocationTotals } from '../measure/invocation-totals.js';
import { analyseQuotas, type QuotaAnalysis } from '../quota/index.js';
import type { RunResult, TrafficSummary, Warning } from '../result/types.js';

export interface MergedQuotas {
  analysis: QuotaAnalysis;
  /** The shards' traffic shapes merged; undefined when a shard has none. */
  traffic?: TrafficSummary;
  warnings: Warning[];
}

export function recheckQuotas(
  results: readonly RunResult[],
  merged: Pick<RunResult, 'scenario' | 'serviceTime' | 'requests'>,
  totals: InvocationTotals | undefined,
  oneEmulator: boolean,
): MergedQuotas {
  const traffic = mergeTraffic(results.map((r) => r.traffic));
  const target = merged.scenario.target;
  const analysis = analyseQuotas({
    region: target.region,
    target,
    phases: merged.scenario.phases,
    requests: merged.requests.completed,
    serviceTime: merged.serviceTime.overall.all,
    ...(traffic ? { traffic } : {}),
    ...(totals ? { invocations: summariseInvocations(totals) } : {}),
  });
  const warnings: Warning[] = [];
  if (analysis.findings.length > 0) warnings.push(boundsWarning(totals !== undefined, oneEmulator));
  const without = results.filter((r) => r.traffic === undefined);
  if (without.length > 0) {
    warnings.push({
      code: 'MERGE_QUOTAS_PARTIAL',
      message: `the peak request rate, burst and payload quota checks were not made: ${without.map(nameOf).join(', ')} ha${without.length > 1 ? 've' : 's'} no traffic section (saved by an earlier lambdaload); run ${without.length > 1 ? 'them' : 'it'} again to check them`,
    });
  }
  return { analysis, ...(traffic ? { traffic } : {}), warnings };
}

/** Undefined unless every shard has the section (a partial maximum would pass for the whole run's). */
export function mergeTraffic(parts: ReadonlyArray<TrafficSummary | undefined>): TrafficSummary | undefined {
  if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
  const all = parts as readonly TrafficSummary[];
  const peaks = all.flatMap((p) => (p.peakRps === undefined ? [] : [p.peakRps]));
  const windows = all.flatMap((p) => (p.peakWindow === undefined ? [] : [p.peakWindow]));
  const projected = all.find((p) => p.projectedPeakRps !== undefined)?.projectedPeakRps;
  return {
    ...(peaks.length > 0 ? { peakRps: peaks.reduce((a, b) => a + b, 0) } : {}),
    ...(windows.length > 0 ? { peakWindow: { windowMs: windows[0]!.windowMs, requests: windows.reduce((n, w) => n + w.requests, 0) } } : {}),
    maxRequestBytes: Math.max(...all.map((p) => p.maxRequestBytes)),
    maxResponseBytes: Math.max(...all.map((p) => p.maxResponseBytes)),
    // The scenario's own figure, not split between shards (src/merge/shard.ts splits the phases only).
    ...(projected === undefined ? {} : { projectedPeakRps: projected }),
  };
}

/** Which of the checks' inputs are exact and which are bounds, for the inputs this merge had. */
function boundsWarning(invocations: boolean, oneEmulator: boolean): Warning {
  const exact = ['the latency tail', 'the largest request and response'];
  const added = ['the peak request rate over 1 s', 'the densest 100 ms'];
  if (invocations) {
    exact.push('per function the longest duration and INIT and Max Memory Used');
    if (oneEmulator) exact.push('concurrency and new environments per 10 s from the one emulator every worker sent to');
    else {
      exact.push('new environments per 10 s from the shards\' cold-start times on the wall clock');
      added.push('peak concurrency');
    }
  }
  return {
    code: 'MERGE_QUOTAS',
    message: `quota checks run again on the merged numbers. Exact: ${exact.join(', ')}. Upper bounds: ${added.join(', ')} (the shards' peaks added: they may not have coincided)`,
  };
}

function nameOf(result: RunResult): string {
  return result.shard ? `shard ${result.shard.index}/${result.shard.count}` : result.scenario.file;
}
