import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { renderRunSummary } from '../../../src/report/summary.js';
import type { RunResult } from '../../../src/result/types.js';

// A real result of `lambdaload run scenarios/hello.ts` (histograms and timeline trimmed).
const result = JSON.parse(readFileSync(new URL('../../fixtures/results/hello.json', import.meta.url), 'utf8')) as RunResult;

describe('renderMarkdown', () => {
  it('renders verdicts, warm/cold latency, cost with its projection and comparison, and quotas', () => {
    const md = renderMarkdown(result);
    expect(md).toMatch(/^# hello\n/);
    expect(md).toContain('## Thresholds');
    expect(md).toMatch(/\| +all requests · warm \| \d+ \|/);
    expect(md).toMatch(/\| +all requests · cold \| \d+ \|/);
    expect(md).toContain(`| **Total (${result.cost!.region})** |`);
    expect(md).toContain('### Month at 10,000,000 requests');
    expect(md).toContain('| x86_64 + HTTP API |');
    expect(md).toContain('## Quotas');
    expect(md.split('\n').filter((l) => l.startsWith('| ') && l.includes('account concurrency')).length).toBeGreaterThan(0);
  });

  it('marks an aborted result and lists warnings', () => {
    const md = renderMarkdown({ ...result, status: 'aborted', warnings: [{ code: 'RUN_ABORTED', message: 'the run was interrupted' }] });
    expect(md).toMatch(/^# hello \(aborted: partial result\)/);
    expect(md).toContain('## Warnings\n\n- the run was interrupted');
  });
});

describe('renderRunSummary', () => {
  it('fits 80 columns and carries the cost and quota sections', () => {
    const text = renderRunSummary(result);
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    expect(text).toContain('Cost of this run');
    expect(text).toContain('Monthly projection (10,000,000 requests)');
    expect(text).toContain('Quotas');
  });
});
