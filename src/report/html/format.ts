/** Number formats and small HTML pieces shared by the report's sections (numbers only: strings are escaped by callers). */
import { formatUsd } from '../../cost/index.js';
import { escapeHtml } from './escape.js';

export { formatUsd };

export const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
export const int = (v: number): string => Math.round(v).toLocaleString('en-US');
export const pct = (fraction: number): string => (fraction > 0 && fraction < 0.001 ? '<0.1%' : `${(fraction * 100).toFixed(fraction < 0.1 ? 2 : 1)}%`);

/** A table from escaped-by-this-function cells; `numeric` columns align right. */
export function table(head: string[], rows: string[][], numeric: number[] = [], caption?: string): string {
  const th = head.map((h, i) => `<th scope="col"${numeric.includes(i) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table>${caption ? `<caption>${escapeHtml(caption)}</caption>` : ''}<thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/**
 * A horizontal bar drawn by CSS (prints, needs no script), always beside its number: the length is never the only
 * carrier of the value. `fraction` is clamped to [0, 1].
 */
export function bar(fraction: number, label: string, kind = ''): string {
  const width = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0)) * 100;
  return `<span class="bar-cell"><span class="bar ${kind}" style="width:${width.toFixed(1)}%"></span><span class="bar-label">${escapeHtml(label)}</span></span>`;
}
