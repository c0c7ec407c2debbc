/**
 * Duration distributions as quantile tables: every source (a fixed value, a log-normal through p50 and p99, a
 * result's HDR histogram) becomes the same 1,024-point table, so a draw is one random number, one multiply and one
 * interpolation, whatever the source (inverse-transform sampling).
 */
import type { Histogram } from '../measure/histogram.js';

export const QUANTILE_POINTS = 1024;

/** Quantiles at (i + 0.5) / QUANTILE_POINTS, in ms, ascending. */
export interface QuantileTable {
  values: Float64Array;
  /** How the table was made, for the output (`fixed 100 ms`, `log-normal p50 80 / p99 400 ms`, `result.json (1,234 samples)`). */
  description: string;
}

export function fixedTable(ms: number): QuantileTable {
  return { values: new Float64Array(QUANTILE_POINTS).fill(ms), description: `fixed ${ms} ms` };
}

/**
 * A log-normal with the given median and 99th percentile. Latencies are right-skewed and positive, and the
 * log-normal is the usual two-parameter fit (σ = ln(p99/p50) / z₀.₉₉).
 */
export function logNormalTable(p50Ms: number, p99Ms: number): QuantileTable {
  const mu = Math.log(p50Ms);
  const sigma = Math.log(p99Ms / p50Ms) / inverseNormal(0.99);
  const values = new Float64Array(QUANTILE_POINTS);
  for (let i = 0; i < QUANTILE_POINTS; i++) values[i] = Math.exp(mu + sigma * inverseNormal((i + 0.5) / QUANTILE_POINTS));
  return { values, description: `log-normal p50 ${p50Ms} / p99 ${p99Ms} ms` };
}

/** The quantiles of an HDR histogram of µs values (a result's `service` histograms). */
export function histogramTable(histogram: Histogram, description: string): QuantileTable {
  const values = new Float64Array(QUANTILE_POINTS);
  for (let i = 0; i < QUANTILE_POINTS; i++) values[i] = histogram.getValueAtPercentile(((i + 0.5) / QUANTILE_POINTS) * 100) / 1000;
  return { values, description };
}

/** The same table with every value times `factor` (CPU-share scaling to another memory size). */
export function scaleTable(table: QuantileTable, factor: number): QuantileTable {
  if (factor === 1) return table;
  const values = table.values.map((v) => v * factor);
  return { values, description: `${table.description} × ${factor.toFixed(3)}` };
}

/** One draw from the table; `u` uniform in [0, 1). Linear between neighbouring quantiles. */
export function drawMs(table: Float64Array, u: number): number {
  const x = u * QUANTILE_POINTS - 0.5;
  if (x <= 0) return table[0];
  const i = x | 0;
  if (i >= QUANTILE_POINTS - 1) return table[QUANTILE_POINTS - 1];
  const f = x - i;
  return table[i] + (table[i + 1] - table[i]) * f;
}

export function meanOfTable(table: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < table.length; i++) sum += table[i];
  return sum / table.length;
}

/**
 * The standard normal quantile, Acklam's rational approximation (relative error < 1.15e-9;
 * https://web.archive.org/web/20151030215612/http://home.online.no/~pjacklam/notes/invnorm/).
 */
export function inverseNormal(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -inverseNormal(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}
