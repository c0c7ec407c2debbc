/**
 * The Markdown report's CloudWatch section: the server side beside the client side (evidence-compare.ts), each
 * server figure marked complete or incomplete as the result says, the gap in words, then the routes, most called
 * first. Nothing when the result has no `evidence` section.
 */
import type { RunResult } from '../result/types.js';
import { compareEvidence } from './evidence-compare.js';

const cell = (text: string) => text.replace(/\|/g, '\\|');
const mark = (status: 'complete' | 'incomplete') => (status === 'complete' ? 'complete' : 'incomplete \\*');

export function renderEvidenceMarkdown(result: RunResult): string[] {
  const c = compareEvidence(result);
  if (!c) return [];
  const out = ['## Server side (CloudWatch)', '', `${cell(c.window)}.`, ''];
  out.push('| figure | CloudWatch | client | server figure | gap |', '|---|---:|---:|---|---|');
  for (const r of c.rows) out.push(`| ${cell(r.label)} | ${cell(r.server)} | ${cell(r.client)} | ${mark(r.status)} | ${cell(r.gap)} |`);
  out.push('');
  if (c.routes.length > 0) {
    out.push('### Routes, most called first', '', '| route | function | CloudWatch calls | client requests | Latency p50 | billed GB-s | server figures | gap |', '|---|---|---:|---:|---:|---:|---|---|');
    for (const r of c.routes) {
      out.push(`| ${cell(r.route)} | ${cell(r.function)} | ${r.server} | ${r.client} | ${r.latencyP50Ms} | ${r.billedGbSeconds} | ${mark(r.status)} | ${cell(r.gap)} |`);
    }
    out.push('');
  }
  if (!c.complete) {
    out.push('\\* incomplete: not all data was there, so these figures are not measured in full:', '');
    for (const note of c.notes) out.push(`- ${cell(note)}`);
    out.push('');
  }
  return out;
}
