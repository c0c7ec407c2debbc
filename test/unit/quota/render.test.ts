import { describe, expect, it } from 'vitest';
import { checkQuotas } from '../../../src/quota/check.js';
import { formatQuotaMarkdown, renderQuotaFindings } from '../../../src/quota/render.js';

const findings = checkQuotas({
  region: 'eu-west-1',
  apiType: 'http',
  functions: [{ name: 'orders', memoryMb: 2048, timeoutMs: 60_000, maxMemoryUsedMb: 180, maxInitMs: 800, maxDurationMs: 1200 }],
  traffic: { peakConcurrency: 950, peakRps: 4000, meanDurationMs: 240 },
  latency: { maxMs: 2400, p999Ms: 1900 },
  payload: { maxRequestBytes: 4096, maxResponseBytes: 120_000 },
});

describe('renderQuotaFindings', () => {
  const text = renderQuotaFindings(findings);

  it('fits 80 columns in its table and puts verdicts first', () => {
    const tableLines = text.split('\n\n')[0]!.split('\n');
    for (const line of tableLines) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(tableLines[2]).toMatch(/^! warning\s+Peak concurrency \(measured\) vs account concurrency\s+95%$/);
    expect(text).not.toContain('…');
  });

  it('explains every finding that is not ok with evidence, source and hint', () => {
    expect(text).toContain('950 invocations in flight at once');
    expect(text).toContain('quota: Lambda concurrent executions; docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html');
    expect(text).toContain('orders: timeout longer than the integration timeout');
    expect(text).toContain('Possibly over-provisioned');
    const okTitle = findings.find((f) => f.severity === 'ok')!.title;
    expect(text.split('\n\n')[1]).not.toContain(okTitle);
  });

  it('says so when nothing could be checked', () => {
    expect(renderQuotaFindings([])).toMatch(/no quota could be checked/);
  });
});

describe('formatQuotaMarkdown', () => {
  it('renders one row per finding with its source, and hints for the others', () => {
    const md = formatQuotaMarkdown(findings);
    expect(md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| |')).length).toBe(findings.length);
    expect(md).toContain('| ! warning | Peak concurrency (measured) vs account concurrency | 95% |');
    expect(md).toContain('- **orders: Max Memory Used vs configured memory**');
  });
});
