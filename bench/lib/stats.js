/** Small statistics for repeated measurements: median and spread, as reported in every row. */

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** min and max of the finite values. */
export function spread(values) {
  const v = values.filter((x) => Number.isFinite(x));
  return v.length === 0 ? { min: NaN, max: NaN } : { min: Math.min(...v), max: Math.max(...v) };
}

/** Nearest-rank percentile (0–100) of raw values. */
export function percentile(values, p) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const rank = Math.min(v.length, Math.max(1, Math.ceil((p / 100) * v.length)));
  return v[rank - 1];
}

/** `median (min–max)` of values formatted with `format`. */
export function describe(values, format) {
  const m = median(values);
  if (values.length < 2) return format(m);
  const { min, max } = spread(values);
  return `${format(m)} (${format(min)}–${format(max)})`;
}

/**
 * Median of the ratios of paired runs (ours[i] / theirs[i], run next to each other in repetition i). Drift of the
 * machine between repetitions cancels within a pair, so this is shown beside the ratio of medians.
 */
export function medianPairedRatio(ours, theirs) {
  return median(ours.map((x, i) => x / theirs[i]));
}
