/**
 * The whole end-of-run terminal summary: the measure sections (src/report/terminal.ts) with the cost and quota
 * sections rendered by their own rooms.
 */
import { formatUsd, renderComparisonTable, renderCostTable } from '../cost/index.js';
import { renderQuotaFindings } from '../quota/index.js';
import type { RunResult } from '../result/types.js';
import { renderTerminalSummary } from './terminal.js';
import { wrap } from './wrap.js';

export interface SummaryOptions {
  color?: boolean;
}

export function costSections(result: RunResult): Array<{ title: string; body: string }> {
  const cost = result.cost;
  if (!cost) return [];
  const run = cost.run;
  const share = run.coldStarts.shareOfCompute;
  const headline = [
    `  this run ${formatUsd(run.estimate.totalUsd)} · per million requests ${formatUsd(run.costPerMillionUsd)} · region ${cost.region}`,
    `  cold starts: ${run.coldStarts.count} billed INIT ${(run.coldStarts.billedInitMs / 1000).toFixed(2)} s = ${(share * 100).toFixed(1)}% of compute cost`,
  ];
  const sections = [{ title: 'Cost of this run', body: `${headline.join('\n')}\n${indent(renderCostTable(run.estimate))}` }];
  if (cost.projection) {
    const p = cost.projection;
    sections.push({
      title: `Monthly projection (${p.monthlyRequests.toLocaleString('en-US')} requests)`,
      body: `  ${formatUsd(p.estimate.totalUsd)} per month · ${formatUsd(p.costPerMillionUsd)} per million\n${indent(renderCostTable(p.estimate))}${p.notes.length ? `\n${p.notes.map((n) => `  note: ${n}`).join('\n')}` : ''}`,
    });
  }
  sections.push({ title: `Same traffic, other choices (${cost.comparison.monthlyRequests.toLocaleString('en-US')} requests)`, body: indent(renderComparisonTable(cost.comparison)) });
  return sections;
}

export function quotaSection(result: RunResult): { title: string; body: string } {
  return { title: 'Quotas', body: indent(renderQuotaFindings(result.quotas)) };
}

export function renderRunSummary(result: RunResult, options: SummaryOptions = {}): string {
  const sections = [...costSections(result), quotaSection(result)].map((section) => ({
    ...section,
    body: section.body
      .split('\n')
      .flatMap((line) => (line ? wrap(line) : [line]))
      .join('\n'),
  }));
  return renderTerminalSummary(result, { color: options.color ?? false, sections });
}

/** Indents a rendered block by two spaces, wrapping prose lines (notes, warnings) to 80 columns; tables fit already. */
function indent(text: string): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .flatMap((line) => (line ? wrap(`  ${line}`) : [line]))
    .join('\n');
}
