/**
 * The bench's Markdown table. A row: { benchmark, measured, lambdaload, reference, ratio, target, pass }, where
 * `pass` is true, false, or undefined (informational row, or a measurement that could not be taken: `note` says why).
 */

const COLUMNS = [
  ['benchmark', 'benchmark'],
  ['measured', 'what was measured'],
  ['lambdaload', 'lambdaload'],
  ['reference', 'reference'],
  ['ratio', 'ratio'],
  ['target', 'target'],
  ['result', 'result'],
];

export function resultLabel(row) {
  if (row.unavailable) return `unavailable: ${row.unavailable}`;
  if (row.pass === true) return 'pass';
  if (row.pass === false) return '**MISSED**';
  return 'info';
}

function cell(value) {
  return String(value ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderTable(rows) {
  const lines = [`| ${COLUMNS.map(([, title]) => title).join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`];
  for (const row of rows) {
    const values = { ...row, result: resultLabel(row) };
    lines.push(`| ${COLUMNS.map(([key]) => cell(values[key] ?? '')).join(' | ')} |`);
  }
  return lines.join('\n');
}
