/**
 * The plan's alternatives as one table for every renderer: the plan as given first, then SnapStart and Managed
 * Instances with the figures the plan's summary shows, and each alternative's assumptions as notes.
 */
import { formatUsd } from '../cost/index.js';
import type { PlanResult } from './result-types.js';
import { THROTTLE_CAUSES } from './types.js';

export const ALTERNATIVE_HEAD = ['setup', 'cold starts', 'throttled', 'p50 ms', 'p99 ms', 'cold p99 ms', 'month', 'vs plan'];
/** Columns holding numbers (right-aligned). */
export const ALTERNATIVE_NUMERIC = [1, 2, 3, 4, 5, 6, 7];

/** Table cells, numbers formatted by the renderer's own `count` and `ms`; undefined when there is no alternative. */
export function alternativeCells(result: PlanResult, count: (n: number) => string, ms: (n: number) => string): string[][] | undefined {
  const rows = result.alternatives ?? [];
  if (rows.length === 0) return undefined;
  const throttled = THROTTLE_CAUSES.reduce((n, cause) => n + result.throttles[cause], 0);
  const coldP99 = (coldStarts: number, p99Ms: number) => (coldStarts > 0 ? ms(p99Ms) : '–');
  return [
    ['plan as given', count(result.coldStarts), count(throttled), ms(result.latency.all.p50Ms), ms(result.latency.all.p99Ms), coldP99(result.coldStarts, result.latency.cold.p99Ms), formatUsd(result.cost.totalUsd), ''],
    ...rows.map((alt) => [alt.label, count(alt.coldStarts), count(alt.throttled), ms(alt.p50Ms), ms(alt.p99Ms), coldP99(alt.coldStarts, alt.coldP99Ms), formatUsd(alt.monthlyUsd), `${alt.deltaUsd >= 0 ? '+' : '−'}${formatUsd(Math.abs(alt.deltaUsd))}`]),
  ];
}

/** Each alternative's assumptions, prefixed with its label. */
export function alternativeNotes(result: PlanResult): string[] {
  return (result.alternatives ?? []).flatMap((alt) => alt.notes.map((note) => `${alt.label}: ${note}`));
}
