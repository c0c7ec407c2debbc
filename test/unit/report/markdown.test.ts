import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { renderRunSummary } from '../../../src/report/summary.js';
import type { RunResult } from '../../../src/result/types.js';

// A real result of `lambdaload run scenarios/hello.ts` (histograms and timeline trimmed).
const result = JSON.parse(readFileSync(new URL('../../fixtures/results/hello.json', import.meta.url), 'utf8')) as RunResult;

// The same run with every request failing: a function that cannot import its module.
const broken: RunResult = {
  ...result,
  requests: { ...result.requests, ok: 0, errors: 20, completed: 20 },
  errorKinds: {
    requests: [{ request: 'GET /hello', source: 'gateway', kind: 'Internal server error', status: 502, count: 20, example: '{"message": "Internal server error"}' }],
    // A pipe in a message must not split the table's cells.
    functions: [{ function: 'hello', errorType: 'Runtime.ImportModuleError', count: 20, example: "Error: Cannot find module 'x' | y" }],
    otherCount: 0,
  },
};

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

  it('shows no error section for a result without errors', () => {
    expect(result.requests.errors).toBe(0);
    expect(renderMarkdown(result)).not.toContain('## Errors');
  });

  it('puts the error tables before latency: failed requests by kind, and the functions\' error types', () => {
    const md = renderMarkdown(broken);
    expect(md).toContain('## Errors\n\n20 of 20 requests failed.');
    expect(md).toContain('| request | source | error | count | detail |');
    expect(md).toContain('| GET /hello | gateway | 502 Internal server error | 20 | the function failed, timed out, was throttled or returned a malformed response |');
    expect(md).toContain("| hello | Runtime.ImportModuleError | 20 | Error: Cannot find module 'x' \\| y |");
    expect(md.indexOf('## Errors')).toBeLessThan(md.indexOf('## Latency'));
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
    expect(text).not.toContain('Errors:');
  });

  it('shows the errors above the latency table, within 80 columns', () => {
    const text = renderRunSummary(broken);
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
    expect(text).toContain('Errors: 20 of 20 requests failed (100.0%)');
    expect(text).toContain('✗ GET /hello: 20 × 502 Internal server error (gateway)');
    expect(text).toContain('✗ hello: 20 × Runtime.ImportModuleError');
    expect(text.indexOf('Errors:')).toBeLessThan(text.indexOf('Latency from intended send'));
  });
});
