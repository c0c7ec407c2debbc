/**
 * CloudWatch statistics over the values of one period (aws-facts §8.3): SampleCount, Sum, Average, Minimum,
 * Maximum and percentiles `pNN` / `pNN.NN`. Percentiles are nearest-rank (the smallest value with at least NN % of
 * the values at or below it), the same definition the Logs front uses for `pct()`, so a figure read from the metric
 * and from REPORT lines agree. Pure.
 */

/** `undefined` for a statistic this emulator does not compute (the caller answers with a clear error). */
export function parseStatistic(stat: string): ((sortedValues: number[]) => number) | undefined {
  switch (stat) {
    case 'SampleCount':
      return (v) => v.length;
    case 'Sum':
      return sum;
    case 'Average':
      return (v) => sum(v) / v.length;
    case 'Minimum':
      return (v) => v[0];
    case 'Maximum':
      return (v) => v[v.length - 1];
  }
  const match = /^p(\d{1,2}(?:\.\d{1,2})?|100)$/.exec(stat);
  if (!match) return undefined;
  const p = Number(match[1]);
  return (v) => nearestRank(v, p);
}

/** Nearest-rank percentile of ascending values (non-empty). */
export function nearestRank(sortedValues: number[], percent: number): number {
  const rank = Math.max(1, Math.ceil((percent / 100) * sortedValues.length));
  return sortedValues[Math.min(rank, sortedValues.length) - 1];
}

function sum(values: number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
