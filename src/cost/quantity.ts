/**
 * Quantities as people type them: `3M`, `500k`, `1.5B`, `2,000,000`, `1e6`.
 */
import { LambdaloadError } from '../errors.js';

const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };

/**
 * Parses a non-negative quantity with an optional k / M / B suffix (case-insensitive; `m` is million here).
 * Throws USAGE naming `label` (e.g. `--requests`) when it is not one.
 */
export function parseQuantity(value: string | number, label: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
  } else {
    const match = /^\s*([0-9][0-9,_]*(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)\s*([kmb])?\s*$/i.exec(value);
    if (match) {
      const n = Number(match[1]!.replace(/[,_]/g, '')) * (match[2] ? SUFFIX[match[2].toLowerCase()]! : 1);
      // Round away binary noise such as 1.1 × 1e9 = 1100000000.0000002.
      if (Number.isFinite(n)) return Number(n.toPrecision(15));
    }
  }
  throw new LambdaloadError('USAGE', `${label}: '${value}' is not a quantity`, {
    hint: 'Use a non-negative number, optionally with k, M or B: 3M, 500k, 1.5B, 2,000,000.',
  });
}
