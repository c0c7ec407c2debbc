/**
 * A function's duration and INIT distributions as quantile tables, from the plan's assumptions or from a saved
 * result, and scaled to another memory size by CPU share when they were not measured at it.
 */
import { LambdaloadError } from '../errors.js';
import { QUOTAS } from '../facts/quotas.js';
import { decodeHistogram, mergeHistograms } from '../measure/histogram.js';
import type { TargetFunction } from '../result/target.js';
import type { RunResult } from '../result/types.js';
import { fixedTable, histogramTable, logNormalTable, type QuantileTable } from './distribution.js';
import type { DurationSpec } from './types.js';

/**
 * Lambda gives CPU in proportion to memory, one vCPU's worth at 1,769 MB (aws-facts §3.1). A single-threaded handler
 * cannot use more than one vCPU, so its share is capped at 1: above 1,769 MB it runs no faster.
 */
export function cpuShare(memoryMb: number): number {
  return Math.min(1, memoryMb / QUOTAS.memoryPerVcpuMb.value);
}

/** How much longer (> 1) or shorter a CPU-bound duration measured at `fromMb` takes at `toMb`. */
export function cpuScale(fromMb: number, toMb: number): number {
  return cpuShare(fromMb) / cpuShare(toMb);
}

export function durationTable(spec: DurationSpec, kind: 'duration' | 'init', results: Map<string, RunResult>, where: string): QuantileTable {
  if (typeof spec === 'number') return fixedTable(spec);
  if ('p50' in spec) return logNormalTable(spec.p50, spec.p99);
  const result = results.get(spec.fromResult);
  if (result === undefined) throw new LambdaloadError('INTERNAL', `${where}: result ${spec.fromResult} was not loaded`);
  return kind === 'duration' ? warmTable(result, spec.fromResult, spec.request, where) : initTable(result, spec.fromResult, spec.request, where);
}

/** The function a result's durations were measured on (that of `name`, else its first): its memory size and runtime. */
export function measuredFunctionOf(result: RunResult, name?: string): TargetFunction | undefined {
  const functions = result.scenario.target.functions ?? [];
  return functions.find((fn) => fn.name === name) ?? functions[0];
}

function serviceTimes(result: RunResult, start: string, request: string | undefined) {
  const chosen = result.histograms.filter((h) => h.metric === 'service' && h.key.start === start && h.key.statusClass === '2xx' && (request === undefined || h.key.request === request));
  return mergeHistograms(chosen.map((h) => decodeHistogram(h.encoded)));
}

/** Warm service times (send to last byte, so the local gateway's few ms are in them) of successful requests. */
function warmTable(result: RunResult, file: string, request: string | undefined, where: string): QuantileTable {
  const pick = (start: string) =>
    result.histograms.filter((h) => h.metric === 'service' && h.key.start === start && h.key.statusClass === '2xx' && (request === undefined || h.key.request === request));
  let chosen = pick('warm');
  let label = 'warm';
  if (chosen.length === 0) {
    chosen = pick('unknown');
    label = 'unlabelled';
  }
  const histogram = mergeHistograms(chosen.map((h) => decodeHistogram(h.encoded)));
  if (histogram.totalCount === 0) {
    throw new LambdaloadError('PLAN_INVALID', `${where}: ${file} has no successful warm requests${request ? ` of ${request}` : ''} to take durations from`, {
      hint: 'Use a result with successful requests, name one of its requests with `request`, or give the duration as an assumption ({ p50, p99 }).',
    });
  }
  return histogramTable(histogram, `${file}: ${histogram.totalCount} ${label} service times`);
}

/**
 * What a cold start adds to a request. Best: the cold requests' service times less the warm median, which holds
 * everything an environment spends before it can serve (the runtime's start as well as INIT; on the emulator under
 * load the start was ~0.5 s beside a ~0.55 s INIT, and INIT alone under-predicted cold starts by a third). Else
 * the result's INIT summary (results keep INIT as p50/p99, not a histogram): a log-normal through them.
 */
function initTable(result: RunResult, file: string, request: string | undefined, where: string): QuantileTable {
  const cold = serviceTimes(result, 'cold', request);
  const warm = serviceTimes(result, 'warm', request);
  if (cold.totalCount > 0 && warm.totalCount > 0) {
    const warmMedianMs = warm.getValueAtPercentile(50) / 1000;
    const table = histogramTable(cold, '');
    const values = table.values.map((v) => Math.max(1, v - warmMedianMs));
    return { values, description: `${file}: ${cold.totalCount} cold service times less the warm median (${warmMedianMs.toFixed(1)} ms)` };
  }
  const init = result.coldStarts.initMs;
  if (init.count === 0 || init.p50Ms <= 0) {
    throw new LambdaloadError('PLAN_INVALID', `${where}: ${file} has no INIT durations (no cold start with an INIT time was seen)`, {
      hint: 'Give init as an assumption, e.g. init: { p50: 300, p99: 900 }, or use a result of a run against the emulator or with REPORT logs.',
    });
  }
  const table = logNormalTable(init.p50Ms, Math.max(init.p50Ms, init.p99Ms));
  return { ...table, description: `${file}: log-normal through the INIT p50 ${init.p50Ms} / p99 ${init.p99Ms} ms of ${init.count} cold starts` };
}
