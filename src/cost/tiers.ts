/**
 * Monthly volume tiers. A tiered price applies to the month's aggregate quantity (never per request): the free
 * allowance is taken off first, then each band is priced at its own rate (aws-facts §1.2, §1.9 "the free tier is
 * subtracted before tiering").
 */
import type { CostLine, CostWarning, FreeTierAllowance, PriceRow } from './types.js';

export interface TierSlice {
  quantity: number;
  usd: number;
  /** Position of the band in the row (0: the first tier). */
  index: number;
  /** Cumulative quantity where this band starts and ends (`null`: no end). */
  from: number;
  to: number | null;
}

/** Splits a monthly quantity over the bands of `row`. */
export function sliceIntoTiers(quantity: number, row: PriceRow): TierSlice[] {
  const slices: TierSlice[] = [];
  let from = 0;
  for (const [index, tier] of row.tiers.entries()) {
    const to = tier.upTo;
    const inBand = Math.min(quantity, to ?? Number.POSITIVE_INFINITY) - from;
    if (inBand > 0) slices.push({ quantity: inBand, usd: tier.usd, index, from, to });
    if (to === null || quantity <= to) break;
    from = to;
  }
  return slices;
}

/** `1.5B`, `300M`, `10k`, `512`. */
export function formatVolume(n: number): string {
  const compact = (value: number, suffix: string) => `${Number(value.toFixed(2))}${suffix}`;
  if (n >= 1e9) return compact(n / 1e9, 'B');
  if (n >= 1e6) return compact(n / 1e6, 'M');
  if (n >= 1e5) return compact(n / 1e3, 'k');
  return n.toLocaleString('en-US');
}

function tierLabel(slice: TierSlice, row: PriceRow): string | undefined {
  if (row.tiers.length === 1 && row.unknownAbove === undefined) return undefined;
  if (row.tiers.length === 1) return slice.quantity <= row.unknownAbove! ? `first ${formatVolume(row.unknownAbove!)}` : 'tier 1 (all)';
  if (slice.from === 0) return `first ${formatVolume(slice.to!)}`;
  if (slice.to === null) return `over ${formatVolume(slice.from)}`;
  return `${formatVolume(slice.from)}–${formatVolume(slice.to)}`;
}

/** Adds a warning unless the same message is already there. */
export function addWarning(warnings: CostWarning[], warning: CostWarning): void {
  if (!warnings.some((w) => w.message === warning.message)) warnings.push(warning);
}

export interface PriceQuantityInput {
  /**
   * Stable id of the kind of charge. The free-tier line gets `<id>.free`; when `tiered`, each band `<id>.tier<N>`
   * (N from 1), so a Region that only publishes the first tier still yields `.tier1`.
   */
  id: string;
  /** AWS prices this kind of charge in monthly volume tiers (even where a Region's row has only one). */
  tiered?: boolean;
  item: string;
  /** Monthly aggregate in the row's unit. */
  quantity: number;
  row: PriceRow;
  /** Allowance to take off before tiering (its own line at $0). */
  free?: FreeTierAllowance;
  /** Unit shown on the lines; default the row's unit. */
  unit?: string;
}

/** Prices one monthly quantity: a free-tier line, then one line per band; warns on caveats and unknown bands. */
export function priceQuantity(input: PriceQuantityInput, warnings: CostWarning[]): CostLine[] {
  const { item, quantity, row } = input;
  const unit = input.unit ?? row.unit;
  const lines: CostLine[] = [];
  if (quantity <= 0) return lines;
  const freeQuantity = Math.min(quantity, input.free?.quantity ?? 0);
  if (input.free && freeQuantity > 0) {
    lines.push({ id: `${input.id}.free`, item, quantity: freeQuantity, unit, unitPriceUsd: 0, tier: 'free tier', amountUsd: 0, source: input.free.source, asOf: input.free.asOf });
  }
  const billable = quantity - freeQuantity;
  for (const slice of sliceIntoTiers(billable, row)) {
    lines.push({
      id: input.tiered ? `${input.id}.tier${slice.index + 1}` : input.id,
      item,
      quantity: slice.quantity,
      unit,
      unitPriceUsd: slice.usd,
      tier: tierLabel(slice, row),
      amountUsd: slice.quantity * slice.usd,
      source: row.source,
      asOf: row.asOf,
    });
  }
  if (row.caveat && billable > 0) addWarning(warnings, { code: 'PRICE_CAVEAT', message: `${item}: ${row.caveat}` });
  if (row.unknownAbove !== undefined && billable > row.unknownAbove) {
    addWarning(warnings, {
      code: 'TIERS_UNKNOWN',
      message: `${item}: ${formatVolume(billable - row.unknownAbove)} ${unit} above ${formatVolume(row.unknownAbove)} priced at the last known tier (an upper bound): cheaper tiers for this Region were not found`,
    });
  }
  return lines;
}
