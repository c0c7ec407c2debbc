/**
 * compareResults on results whose latency histograms are built here from known samples: a shift beyond noise and
 * tolerance is a regression (or an improvement), a shift inside the sampling spread or the tolerance is not, too few
 * samples give no verdict, rates use a two-proportion test, and runs of different scenarios are refused.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareResults, type Comparison } from '../../../src/compare/compare.js';
import { percentileWithInterval } from '../../../src/compare/percentile-ci.js';
import { renderComparisonMarkdown, renderComparisonTerminal } from '../../../src/compare/render.js';
import { renderComparisonHtml } from '../../../src/compare/render-html.js';
import { isLambdaloadError } from '../../../src/errors.js';
import { createHistogram, decodeHistogram as decodeOf, encodeHistogram, recordUs } from '../../../src/measure/histogram.js';
import { summarizeHistogram } from '../../../src/measure/stats.js';
import type { RunResult } from '../../../src/result/types.js';

const base = JSON.parse(readFileSync(new URL('../../fixtures/results/hello.json', import.meta.url), 'utf8')) as RunResult;
const FILES = { baseline: 'a.json', current: 'b.json' };

/** Deterministic pseudo-random numbers (a fixed LCG): the same samples on every run. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

/** A result whose warm GET /hello latencies are `n` samples of `baseMs` plus exponential jitter of mean `jitterMs`. */
function withLatency(n: number, baseMs: number, jitterMs: number, seed: number, over: Partial<RunResult> = {}): RunResult {
  const random = lcg(seed);
  const h = createHistogram();
  for (let i = 0; i < n; i++) recordUs(h, (baseMs - jitterMs * Math.log(1 - random())) * 1000);
  return {
    ...base,
    histograms: [{ metric: 'latency', key: { phase: 'steady', request: 'GET /hello', start: 'warm', statusClass: '2xx' }, stats: summarizeHistogram(h), encoded: encodeHistogram(h) }],
    ...over,
  };
}

function row(c: Comparison, metric: string) {
  const found = c.rows.find((r) => r.metric === metric);
  expect(found, metric).toBeDefined();
  return found!;
}

describe('percentileWithInterval', () => {
  it('brackets the value, narrows with more samples', () => {
    const wide = withLatency(300, 5, 2, 1).histograms[0]!;
    const narrow = withLatency(30_000, 5, 2, 1).histograms[0]!;
    const a = percentileWithInterval(decodeOf(wide.encoded), 0.5)!;
    const b = percentileWithInterval(decodeOf(narrow.encoded), 0.5)!;
    expect(a.lowMs).toBeLessThanOrEqual(a.valueMs);
    expect(a.highMs).toBeGreaterThanOrEqual(a.valueMs);
    expect(b.highMs - b.lowMs).toBeLessThan(a.highMs - a.lowMs);
  });
});

describe('compareResults', () => {
  it('two samples of the same distribution: no regression anywhere', () => {
    const c = compareResults(withLatency(2_000, 5, 2, 1), withLatency(2_000, 5, 2, 2), FILES);
    expect(c.regressions).toBe(0);
    expect(row(c, 'GET /hello · warm p50').verdict).toBe('unchanged');
    expect(row(c, 'GET /hello · warm p99').verdict).toBe('unchanged');
  });

  it('20 ms more per request: warm p50 and p99 regress, for the request and for all requests', () => {
    const c = compareResults(withLatency(2_000, 5, 2, 1), withLatency(2_000, 25, 2, 2), FILES);
    for (const metric of ['GET /hello · warm p50', 'GET /hello · warm p99', 'all requests · warm p50', 'all requests · warm p99']) {
      expect(row(c, metric).verdict, metric).toBe('regression');
    }
    expect(row(c, 'GET /hello · warm p50').delta).toBeCloseTo(20, 0);
    expect(c.regressions).toBe(4);
    expect(renderComparisonTerminal(c)).toMatch(/^compare hello: 4 regressions\n/);
    expect(renderComparisonMarkdown(c)).toContain('| GET /hello · warm p50 | ');
    // Faster is an improvement, not a regression.
    expect(row(compareResults(withLatency(2_000, 25, 2, 1), withLatency(2_000, 5, 2, 2), FILES), 'GET /hello · warm p50').verdict).toBe('improvement');
  });

  it('renders one HTML page: the verdict first, each regression marked in words, every string escaped', () => {
    const hostile = { ...withLatency(2_000, 5, 2, 1), scenario: { ...base.scenario, name: '</h1><script>alert(1)</script>' } };
    const slower = { ...withLatency(2_000, 25, 2, 2), scenario: hostile.scenario };
    const html = renderComparisonHtml(compareResults(hostile, slower, FILES));
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<p class="verdict failed" id="verdict"><strong>4 regressions</strong></p>');
    expect(html).toMatch(/<td>GET \/hello · warm p50<\/td><td class="num">[\d.]+ ms<\/td><td class="num">[\d.]+ ms<\/td><td class="num">\+[\d.]+ ms \(\+\d+%\)<\/td><td><span class="bad">✗ regression<\/span><\/td>/);
    expect(html).toContain('&lt;/h1&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
  });

  it('a real but small move stays inside the tolerance (10% or 2 ms at p50)', () => {
    const c = compareResults(withLatency(50_000, 5, 0.5, 1), withLatency(50_000, 5.6, 0.5, 2), FILES);
    const p50 = row(c, 'GET /hello · warm p50');
    expect(p50.verdict).toBe('unchanged');
    expect(p50.why).toContain('within tolerance');
  });

  it('too few samples: no verdict', () => {
    const c = compareResults(withLatency(10, 5, 2, 1), withLatency(10, 50, 2, 2), FILES);
    expect(row(c, 'GET /hello · warm p50')).toMatchObject({ verdict: 'insufficient' });
    expect(row(c, 'GET /hello · warm p50').why).toMatch(/10 samples; at least 20 needed/);
  });

  it('error rate: a significant rise beyond half a point regresses; the same rate does not', () => {
    const requests = (errors: number) => ({ ...base.requests, completed: 2_000, errors, ok: 2_000 - errors });
    const same = compareResults(withLatency(100, 5, 1, 1, { requests: requests(10) }), withLatency(100, 5, 1, 2, { requests: requests(12) }), FILES);
    expect(row(same, 'error rate').verdict).toBe('unchanged');
    const worse = compareResults(withLatency(100, 5, 1, 1, { requests: requests(10) }), withLatency(100, 5, 1, 2, { requests: requests(80) }), FILES);
    expect(row(worse, 'error rate')).toMatchObject({ verdict: 'regression', baseline: 0.005, current: 0.04 });
  });

  it('refuses runs of different scenarios unless forced, saying why', () => {
    const other = { ...base, scenario: { ...base.scenario, name: 'other' } };
    try {
      compareResults(base, other, FILES);
      expect.unreachable();
    } catch (error) {
      expect(isLambdaloadError(error) && error.code).toBe('RESULT_MISMATCH');
      expect((error as Error).message).toContain("the scenario names differ ('hello' and 'other')");
    }
    expect(compareResults(base, other, FILES, { force: true }).notes).toEqual(["compared although the scenario names differ ('hello' and 'other') (--force)"]);
  });
});
