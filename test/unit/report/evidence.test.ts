/**
 * The CloudWatch evidence in the reports, rendered from results of real runs (test/fixtures/results/
 * make-evidence-result.ts): a url target at a local emulator that also served CloudWatch, while a few requests from
 * elsewhere reached one route. The expected figures are read from the result itself, never written here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareEvidence } from '../../../src/report/evidence-compare.js';
import { renderHtmlReport } from '../../../src/report/html/render.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { renderRunSummary } from '../../../src/report/summary.js';
import type { RunResult } from '../../../src/result/types.js';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/results/${name}`, import.meta.url), 'utf8')) as RunResult;
const complete = load('evidence.json');
const incomplete = load('evidence-incomplete.json');
const plain = load('hello.json');

const total = (result: RunResult, pick: (f: NonNullable<RunResult['evidence']>['functions'][number]) => number | null) =>
  result.evidence!.functions.reduce((n, f) => n + (pick(f) ?? 0), 0);

describe('compareEvidence', () => {
  const c = compareEvidence(complete)!;
  const row = (id: string) => c.rows.find((r) => r.id === id)!;

  it('puts CloudWatch invocations beside the client requests and says the gap in words', () => {
    const invocations = total(complete, (f) => f.invocations.value);
    const requests = complete.requests.completed;
    expect(invocations).toBeGreaterThan(requests);
    expect(row('invocations')).toMatchObject({ server: String(invocations), client: String(requests), status: 'complete' });
    expect(row('invocations').gap).toBe(`CloudWatch saw ${invocations - requests} more invocations than requests: retries, or other traffic to these functions in the metrics' whole minutes`);
    expect(row('apiCount').gap).toContain(`API Gateway counted ${complete.evidence!.api!.count.value! - requests} more requests than the client sent`);
  });

  it('compares cold starts, Init, billed GB-s, throttles and API errors with the client side', () => {
    const cold = total(complete, (f) => f.coldStarts.value);
    expect(row('coldStarts').server).toBe(String(cold));
    expect(row('coldStarts').client).toMatch(new RegExp(`^${complete.coldStarts.count} \\(labels: wrapper-header \\d+\\)$`));
    expect(row('init').server).toMatch(/^hello [\d.]+ ms \/ [\d.]+ ms · echo [\d.]+ ms \/ [\d.]+ ms · fail [\d.]+ ms \/ [\d.]+ ms$/);
    expect(row('billed').gap).toContain('COST_FROM_CLOUDWATCH');
    expect(row('throttles')).toMatchObject({ server: '0', client: '0', gap: 'the same count' });
    const fiveXx = complete.statusCodes['502'];
    expect(fiveXx).toBeGreaterThan(0);
    expect(row('5xx')).toMatchObject({ server: String(complete.evidence!.api!.errors5xx.value), client: String(fiveXx) });
    expect(row('latency').gap).toMatch(/^network and client ≈ \d/);
  });

  it('counts the client requests per route, ANY and {proxy+} included, most called first', () => {
    const byRequest = complete.latency.byRequest;
    expect(c.routes.map((r) => [r.route, r.client])).toEqual([
      ['GET /hello', String(byRequest.hello.all.count)],
      ['ANY /echo/{proxy+}', String(byRequest.echo.all.count)],
      ['GET /fail', String(byRequest.fail.all.count)],
    ]);
    const hello = complete.evidence!.api!.routes[0];
    expect(c.routes[0].gap).toBe(`${hello.count.value! - byRequest.hello.all.count} calls from other traffic`);
    expect(c.routes[1].gap).toBe('');
  });

  it('keeps a figure the result marks incomplete marked, with the notes', () => {
    const ci = compareEvidence(incomplete)!;
    expect(ci.complete).toBe(false);
    expect(ci.rows.find((r) => r.id === 'invocations')!.status).toBe('incomplete');
    expect(ci.rows.find((r) => r.id === 'throttles')!.status).toBe('incomplete');
    expect(ci.notes).toEqual(incomplete.evidence!.notes);
    expect(ci.notes.some((n) => n.includes('/aws/lambda/retired'))).toBe(true);
  });

  it('is absent without an evidence section', () => {
    expect(compareEvidence(plain)).toBeUndefined();
  });
});

describe('the reports', () => {
  it('Markdown: a server-side section with each figure complete or incomplete, and the routes', () => {
    const md = renderMarkdown(complete);
    const invocations = total(complete, (f) => f.invocations.value);
    expect(md).toContain('## Server side (CloudWatch)');
    expect(md).toContain(`| invocations / requests | ${invocations} | ${complete.requests.completed} | complete | CloudWatch saw ${invocations - complete.requests.completed} more invocations`);
    expect(md).toContain('| ANY /echo/{proxy+} | echo |');
    expect(md).not.toContain('incomplete \\*');
    const mdi = renderMarkdown(incomplete);
    expect(mdi).toMatch(/\| invocations \/ requests \| \d+ \| \d+ \| incomplete \\\* \|/);
    expect(mdi).toContain('- no log group /aws/lambda/retired (ResourceNotFoundException)');
    expect(renderMarkdown(plain)).not.toContain('Server side');
  });

  it('HTML: the same section, marked in words, escaped', () => {
    const html = renderHtmlReport(complete);
    expect(html).toContain('<section id="evidence"><h2>Server side (CloudWatch)</h2>');
    expect(html).toContain('<td>invocations / requests</td>');
    expect(html).toContain('✓ complete');
    expect(html).not.toContain('! incomplete');
    const htmli = renderHtmlReport(incomplete);
    expect(htmli).toContain('! incomplete');
    expect(htmli).toContain('<li>no log group /aws/lambda/retired (ResourceNotFoundException)</li>');
    expect(renderHtmlReport(plain)).not.toContain('id="evidence"');
    const hostile = structuredClone(complete);
    hostile.evidence!.api!.routes[0].route = 'GET /<img src=x onerror=alert(1)>';
    const escaped = renderHtmlReport(hostile);
    expect(escaped).not.toContain('<img src=x');
    expect(escaped).toContain('GET /&lt;img src=x onerror=alert(1)&gt;');
  });

  it('terminal: the counts that differ, with the gap in words', () => {
    const summary = renderRunSummary(complete).replace(/\n {2}/g, ' ');
    expect(summary).toContain(`invocations / requests: ${total(complete, (f) => f.invocations.value)} vs ${complete.requests.completed}: CloudWatch saw`);
    expect(summary).not.toContain('Lambda throttles / 429 answers');
    expect(renderRunSummary(incomplete).replace(/\n {2}/g, ' ')).toMatch(/invocations \/ requests: \d+\* vs \d+/);
  });
});
