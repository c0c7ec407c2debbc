/**
 * Terminal (cli-table3, ≤ 80 columns) and Markdown renderings of quota findings: a verdict table, then the
 * evidence, source and hint of everything that is not ok.
 */
import Table from 'cli-table3';
import { pct } from './finding.js';
import type { QuotaFinding, QuotaSeverity } from './types.js';

const MARK: Record<QuotaSeverity, string> = { critical: '✗', warning: '!', info: 'i', ok: '✓' };

const used = (f: QuotaFinding) => pct(f.usedFraction);

/** The findings as a table with details under it; empty findings say so. */
export function renderQuotaFindings(findings: readonly QuotaFinding[]): string {
  if (findings.length === 0) return 'no quota could be checked: the run measured none of the inputs\n';
  const table = new Table({
    head: ['Verdict', 'Check', 'Used'],
    colWidths: [11, 59, 8],
    colAligns: ['left', 'left', 'right'],
    wordWrap: false,
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 1 },
    chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '─', 'mid-mid': '', right: '', 'right-mid': '', middle: '' },
  });
  for (const f of findings) table.push([`${MARK[f.severity]} ${f.severity}`, f.title, used(f)]);
  const details = findings
    .filter((f) => f.severity !== 'ok')
    .map((f) => `${MARK[f.severity]} ${f.title}\n    ${f.evidence}\n    quota: ${f.quota.name}; ${f.quota.source}; as of ${f.quota.asOf}\n    hint: ${f.hint}`);
  const lines = table.toString().split('\n').map((l) => l.trimEnd());
  return `${[...lines, ...(details.length ? ['', ...details] : [])].join('\n')}\n`;
}

const escapeMd = (text: string) => text.replace(/\|/g, '\\|');

/** The findings as a Markdown table with evidence, limit and source. */
export function formatQuotaMarkdown(findings: readonly QuotaFinding[]): string {
  if (findings.length === 0) return '_No quota could be checked: the run measured none of the inputs._\n';
  const rows = [
    '| | Check | Used | Evidence | Quota (source, as of) |',
    '|---|---|---:|---|---|',
    ...findings.map(
      (f) =>
        `| ${MARK[f.severity]} ${f.severity} | ${escapeMd(f.title)} | ${used(f)} | ${escapeMd(f.evidence)} | ${escapeMd(`${f.quota.name}: ${f.quota.source}, ${f.quota.asOf}`)} |`,
    ),
  ];
  const hints = findings.filter((f) => f.severity !== 'ok').map((f) => `- **${escapeMd(f.title)}**: ${escapeMd(f.hint)}`);
  return `${rows.join('\n')}\n${hints.length ? `\n${hints.join('\n')}\n` : ''}`;
}
