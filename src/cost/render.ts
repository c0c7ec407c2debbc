/**
 * Terminal (cli-table3, ≤ 80 columns) and Markdown renderings of a cost estimate and of a cost comparison.
 * Warnings are always printed with the table: a price that is missing or rests on a caveat must be seen.
 */
import Table from 'cli-table3';
import { formatVolume } from './tiers.js';
// The renderers take the result's types: they print a live estimate and a saved result's alike.
import type { CostEstimate, CostLine, CostReport } from '../result/cost.js';

type CostComparison = CostReport['comparison'];

const COUNT_UNITS: Record<string, string> = { request: 'req', message: 'msg', 'connection-minute': 'conn-min', operation: 'op' };
const SHORT_UNITS: Record<string, string> = {
  ...COUNT_UNITS,
  hour: 'h',
  'environment-GB': 'env-GB',
  'endpoint-AZ-hour': 'AZ-h',
  'EPU-hour': 'EPU-h',
  'instance-hour': 'inst-h',
  'GB-month': 'GB-mo',
  'USD of EC2': 'USD',
};

/** `$1,234.56`; amounts under a cent keep 3 significant digits (`$0.0000241`) so a run's cost stays readable. */
export function formatUsd(usd: number): string {
  if (usd !== 0 && Math.abs(usd) < 0.01) return `${usd < 0 ? '-' : ''}$${Number(Math.abs(usd).toPrecision(3))}`;
  const sign = usd < 0 ? '-' : '';
  return `${sign}$${Math.abs(usd).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function formatQuantity(quantity: number, unit: string): string {
  const short = SHORT_UNITS[unit] ?? unit;
  let n: string;
  if (quantity >= 1e4) n = formatVolume(quantity);
  else if (quantity >= 1) n = quantity.toLocaleString('en-US', { maximumFractionDigits: 2 });
  else n = String(Number(quantity.toPrecision(3)));
  return `${n} ${short}`;
}

/** Per-million for counted units (`$3.50/M`), per unit otherwise (`$0.0000166667/GB-s` shown as `$0.0000166667`). */
export function formatUnitPrice(line: Pick<CostLine, 'unitPriceUsd' | 'unit' | 'tier'>): string {
  if (line.tier === 'free tier') return 'free';
  if (COUNT_UNITS[line.unit]) {
    return `$${(line.unitPriceUsd * 1e6).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 })}/M`;
  }
  // AWS quotes per-GB-s prices to 10 decimals (0.0000166667); derived prices are shown rounded to the same.
  return `$${line.unitPriceUsd.toFixed(10).replace(/\.?0+$/, '')}`;
}

const BORDERLESS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '─',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '',
};

function newTable(head: string[], colWidths: number[]) {
  return new Table({
    head,
    colWidths,
    colAligns: ['left', ...head.slice(1).map(() => 'right' as const)],
    chars: BORDERLESS,
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 1 },
  });
}

const trimLines = (text: string) => text.split('\n').map((line) => line.trimEnd()).join('\n');

function warningLines(estimate: CostEstimate): string[] {
  return estimate.warnings.map((w) => `⚠ ${w.message}`);
}

/** The itemised table, the total, warnings and notes, for a terminal. */
export function renderCostTable(estimate: CostEstimate): string {
  const table = newTable(['Item', 'Tier', 'Quantity', 'Unit price', 'Amount'], [27, 13, 12, 14, 12]);
  for (const line of estimate.lines) {
    table.push([line.item, line.tier ?? '', formatQuantity(line.quantity, line.unit), formatUnitPrice(line), formatUsd(line.amountUsd)]);
  }
  if (estimate.lines.length === 0) table.push(['(nothing priced)', '', '', '', '']);
  table.push([`Total (${estimate.region})`, '', '', '', formatUsd(estimate.totalUsd)]);
  return [trimLines(table.toString()), ...warningLines(estimate), ...estimate.notes.map((n) => `· ${n}`)].join('\n') + '\n';
}

const escapeMd = (text: string) => text.replace(/\|/g, '\\|');

/** The same as a GitHub-flavoured Markdown table, with warnings as a list. */
export function formatCostMarkdown(estimate: CostEstimate): string {
  const rows = [
    '| Item | Tier | Quantity | Unit price | Amount |',
    '|---|---|---:|---:|---:|',
    ...estimate.lines.map(
      (l) => `| ${escapeMd(l.item)} | ${escapeMd(l.tier ?? '')} | ${formatQuantity(l.quantity, l.unit)} | ${formatUnitPrice(l)} | ${formatUsd(l.amountUsd)} |`,
    ),
    `| **Total (${estimate.region})** | | | | **${formatUsd(estimate.totalUsd)}** |`,
  ];
  const extra = [...estimate.warnings.map((w) => `- ⚠ ${escapeMd(w.message)}`), ...estimate.notes.map((n) => `- ${escapeMd(n)}`)];
  return `${rows.join('\n')}\n${extra.length ? `\n${extra.join('\n')}\n` : ''}`;
}

/** A comparison (architectures, API types, memory sizes) for a terminal. */
export function renderComparisonTable(comparison: CostComparison): string {
  const table = newTable(['Variant', 'Per month', 'Per 1M req', 'vs measured'], [30, 16, 16, 16]);
  for (const row of comparison.rows) {
    const delta = row.baseline ? '(measured)' : `${row.deltaUsd >= 0 ? '+' : ''}${formatUsd(row.deltaUsd)}`;
    table.push([row.label, formatUsd(row.monthlyUsd), formatUsd(row.costPerMillionUsd), delta]);
  }
  const warnings = [...new Set(comparison.rows.flatMap((r) => r.warnings))].map((w) => `⚠ ${w}`);
  return [trimLines(table.toString()), ...warnings, ...comparison.notes.map((n) => `· ${n}`)].join('\n') + '\n';
}

export function formatComparisonMarkdown(comparison: CostComparison): string {
  const rows = [
    '| Variant | Per month | Per 1M requests | vs measured |',
    '|---|---:|---:|---:|',
    ...comparison.rows.map(
      (r) =>
        `| ${escapeMd(r.label)} | ${formatUsd(r.monthlyUsd)} | ${formatUsd(r.costPerMillionUsd)} | ${r.baseline ? '(measured)' : `${r.deltaUsd >= 0 ? '+' : ''}${formatUsd(r.deltaUsd)}`} |`,
    ),
  ];
  return `${rows.join('\n')}\n\n${comparison.notes.map((n) => `- ${escapeMd(n)}`).join('\n')}\n`;
}
