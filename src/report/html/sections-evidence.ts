/**
 * The HTML report's CloudWatch section: the server side beside the client side (../evidence-compare.ts), each server
 * figure marked ✓ complete or ! incomplete in words (it reads in black and white), the gap explained, then the
 * routes most called first and the notes of what was missing. Absent when the result has no `evidence` section.
 * Every string is escaped: route names and notes come from the result.
 */
import type { RunResult } from '../../result/types.js';
import { compareEvidence } from '../evidence-compare.js';
import { escapeHtml as e } from './escape.js';
import { table } from './format.js';

const status = (s: 'complete' | 'incomplete') => (s === 'complete' ? '<span class="ok nowrap">✓ complete</span>' : '<span class="sev-warning nowrap">! incomplete</span>');

export function renderEvidence(result: RunResult): string {
  const c = compareEvidence(result);
  if (!c) return '';
  const parts = [`<p class="facts">${e(c.window)}</p>`];
  const rows = c.rows.map((r) => [e(r.label), e(r.server), e(r.client), status(r.status), e(r.gap)]);
  parts.push(table(['figure', 'CloudWatch', 'client', 'server figure', 'gap'], rows, [1, 2], 'What CloudWatch counted in the run’s window beside what the client measured'));
  if (c.routes.length > 0) {
    const routeRows = c.routes.map((r) => [e(r.route), e(r.function), e(r.server), e(r.client), e(r.latencyP50Ms), e(r.billedGbSeconds), status(r.status), e(r.gap)]);
    parts.push(table(['route', 'function', 'CloudWatch calls', 'client requests', 'Latency p50', 'billed GB-s', 'server figures', 'gap'], routeRows, [2, 3, 4, 5], 'Routes, most called first (API Gateway detailed metrics)'));
  }
  if (!c.complete) {
    parts.push(`<p class="sev-warning">! Incomplete: not all data was there, so the figures marked so are not measured in full:</p><ul id="evidence-notes">${c.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>`);
  }
  return `<section id="evidence"><h2>Server side (CloudWatch)</h2>${parts.join('\n')}</section>`;
}
