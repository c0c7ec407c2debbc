/**
 * renderHtmlReport on saved results: a hostile result (scenario name, error example, URL, warning holding markup)
 * renders as text and never as markup; the page is one file whose scripts the CSP allows by hash and nothing else;
 * sections come verdict first; a 10-minute result stays under 2 MB.
 */
import { summarizeHistogram } from '../../../src/measure/stats.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createHistogram, encodeHistogram, recordUs } from '../../../src/measure/histogram.js';
import { escapeHtml, jsonForScript } from '../../../src/report/html/escape.js';
import { renderHtmlReport } from '../../../src/report/html/render.js';
import type { RunResult } from '../../../src/result/types.js';

const hello = (): RunResult => JSON.parse(readFileSync(new URL('../../fixtures/results/hello.json', import.meta.url), 'utf8')) as RunResult;

const HOSTILE = `</script><img src=x onerror="alert(1)">'&<!--`;

/** The inline <script> elements: [attributes, content]. */
function scripts(html: string): Array<[string, string]> {
  return [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => [m[1]!, m[2]!]);
}

describe('renderHtmlReport: a result is untrusted input', () => {
  const result = hello();
  result.scenario.name = HOSTILE;
  result.scenario.description = HOSTILE;
  result.scenario.target.url = `http://127.0.0.1/"><script>alert(2)</script>`;
  result.scenario.requests[0]!.path = HOSTILE;
  result.errorKinds = { requests: [{ request: HOSTILE, source: 'http', kind: HOSTILE, status: 500, example: HOSTILE, count: 3 }], functions: [{ function: HOSTILE, errorType: HOSTILE, count: 1, example: HOSTILE }], otherCount: 0 };
  result.warnings = [{ code: HOSTILE, message: HOSTILE }];
  result.histograms = result.histograms.map((h) => ({ ...h, key: { ...h.key, request: HOSTILE } }));
  const html = renderHtmlReport(result);

  it('shows hostile strings as text: no injected element, the escaped text is there', () => {
    expect(html).not.toContain('<img');
    expect(html).not.toContain('onerror="alert');
    expect(html).not.toContain('<script>alert(2)');
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&amp;&lt;!--');
    expect(html).toContain('<title>lambdaload: &lt;/script&gt;');
  });

  it('has exactly its three scripts: the JSON data, the chart library, the page script; none is cut short', () => {
    const found = scripts(html);
    expect(found.map(([attrs]) => attrs.trim())).toEqual(['type="application/json" id="lambdaload-data"', '', '']);
    expect(() => JSON.parse(found[0]![1])).not.toThrow();
  });

  it('allows only those two inline scripts (by hash), no network, no other script source', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    expect(csp).toContain("default-src 'none'");
    for (const [, code] of scripts(html).slice(1)) expect(csp).toContain(`'sha256-${createHash('sha256').update(code).digest('base64')}'`);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:/);
  });
});

describe('escaping', () => {
  it('jsonForScript cannot close its script, and reads back unchanged', () => {
    const value = { s: `${HOSTILE}\u2028\u2029</SCRIPT>` };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('escapeHtml covers text and both attribute quotes', () => {
    expect(escapeHtml(`<a href='x' title="y">&</a>`)).toBe('&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;&lt;/a&gt;');
  });
});

describe('renderHtmlReport: content', () => {
  const result = hello();
  const html = renderHtmlReport(result);

  it('puts the verdict and thresholds first, then latency, over time, cold starts, errors, cost, quotas, scenario', () => {
    const order = ['id="verdict"', 'id="thresholds"', 'id="latency"', 'id="over-time"', 'id="cold-starts"', 'id="errors"', 'id="cost"', 'id="quotas"', 'id="scenario"', 'id="environment"'];
    const at = order.map((marker) => html.indexOf(marker));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const failed = result.thresholds.filter((t) => !t.passed).length;
    expect(html).toMatch(failed > 0 ? /✗ FAILED/ : /✓ PASSED/);
  });

  it('holds the run’s numbers: request count, warm p99, cold-start count, cost per million', () => {
    expect(html).toContain(`${result.requests.completed.toLocaleString('en-US')} requests`);
    const warm = result.latency.overall.warm;
    if (warm.count > 0) expect(html).toContain(`<td class="num">${warm.p99Ms >= 100 ? warm.p99Ms.toFixed(0) : warm.p99Ms.toFixed(1)}</td>`);
    expect(html).toContain(`${result.coldStarts.count} cold starts`);
    if (result.cost) expect(html).toMatch(/per million requests: <strong>\$[\d.]+<\/strong>/);
    const data = JSON.parse(scripts(html)[0]![1]) as { timeline: { second: number[] }; curves: { curves: Array<{ label: string; count: number }> } };
    expect(data.timeline.second).toHaveLength(result.timeline.length);
    const starts = [...new Set(result.histograms.filter((h) => h.metric === 'latency').map((h) => h.key.start))];
    expect(data.curves.curves.map((c) => c.label).sort()).toEqual(starts.sort());
  });
});

/** A result as a 10-minute run would write it: 600 timeline seconds, histograms per phase × request × start × status. */
function tenMinuteResult(): RunResult {
  const base = hello();
  const phases = ['ramp', 'steady', 'spike'];
  const requests = ['GET /a', 'GET /b', 'POST /c', 'GET /d'];
  const histograms: RunResult['histograms'] = [];
  let seed = 7;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  for (const phase of phases)
    for (const request of requests)
      for (const start of ['cold', 'warm', 'unknown'] as const)
        for (const statusClass of ['2xx', '4xx', '5xx'] as const)
          for (const metric of ['latency', 'service'] as const) {
            const h = createHistogram();
            // Wide spread (1 ms to 30 s): the encoded histograms are as large as a real long run's.
            for (let i = 0; i < 5_000; i++) recordUs(h, 1_000 * Math.exp(random() * 10.3));
            histograms.push({ metric, key: { phase, request, start, statusClass }, stats: summarizeHistogram(h), encoded: encodeHistogram(h) });
          }
  const timeline = Array.from({ length: 600 }, (_, second) => ({
    second,
    sent: 200,
    completed: 199 + (second % 3),
    errors: { '4xx': second % 7, '5xx': second % 11 === 0 ? 2 : 0, network: 0, expectation: 0 },
    inFlight: 20 + (second % 13),
    coldStarts: second % 17 === 0 ? 4 : 0,
    p50Ms: 12.345 + (second % 5),
    p99Ms: 250.5 + (second % 23),
  }));
  return { ...base, timeline, histograms, timing: { ...base.timing, durationMs: 600_000 } };
}

describe('renderHtmlReport: size', () => {
  it('a 10-minute result renders under 2 MB', () => {
    const result = tenMinuteResult();
    const html = renderHtmlReport(result);
    const bytes = Buffer.byteLength(html, 'utf8');
    console.log(`HTML of a 10-minute result (600 s, ${result.histograms.length} histograms): ${(bytes / 1024).toFixed(0)} KiB`);
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
    const data = JSON.parse(scripts(html)[0]![1]) as { timeline: { second: number[] } };
    expect(data.timeline.second).toHaveLength(600);
  });
});

describe('renderHtmlReport: what the charts draw', () => {
  it('percentile curves read the histograms: the warm curve at 2 nines is the histograms’ p99', async () => {
    const { decodeHistogram, mergeHistograms } = await import('../../../src/measure/histogram.js');
    const result = hello();
    const html = renderHtmlReport(result);
    const data = JSON.parse(scripts(html)[0]![1]) as { curves: { nines: number[]; curves: Array<{ label: string; valuesMs: Array<number | null> }> } };
    for (const curve of data.curves.curves) {
      const merged = mergeHistograms(result.histograms.filter((h) => h.metric === 'latency' && h.key.start === curve.label).map((h) => decodeHistogram(h.encoded)));
      const at = (nines: number) => curve.valuesMs[data.curves.nines.indexOf(nines)];
      expect(at(0.3)).toBeCloseTo(merged.getValueAtPercentile(100 * (1 - 10 ** -0.3)) / 1000, 6);
      if (merged.totalCount >= 10) expect(at(2)).toBeCloseTo(merged.getValueAtPercentile(99) / 1000, 6);
    }
  });

  it('per-second throttles and environments, when a result has them, are drawn and captioned; absent, said so', () => {
    const result = hello();
    const plain = renderHtmlReport(result);
    expect(plain).toContain('throttles are not recorded per second in this result');
    const richer = { ...result, timeline: result.timeline.map((s, i) => ({ ...s, throttles: i, environments: 10 + i })) };
    const html = renderHtmlReport(richer);
    const data = JSON.parse(scripts(html)[0]![1]) as { timeline: { throttles?: number[]; environments?: number[] } };
    expect(data.timeline.throttles).toEqual(result.timeline.map((_, i) => i));
    expect(data.timeline.environments).toEqual(result.timeline.map((_, i) => 10 + i));
    const total = result.timeline.reduce((n, _, i) => n + i, 0);
    expect(html).toContain(`${total} throttled requests (hollow circles)`);
    expect(html).toContain(`peak ${10 + result.timeline.length - 1} environments`);
  });
});

describe('abortText: why a partial run stopped', () => {
  it('names the interruption, the emulator or the generator worker that died, and when', async () => {
    const { abortText } = await import('../../../src/report/html/model.js');
    expect(abortText({ reason: 'interrupted' })).toBe('interrupted');
    expect(abortText({ reason: 'emulator-died', exitCode: null, signal: 'SIGKILL', at: '2026-12-02T00:00:05Z', elapsedMs: 5_000 })).toBe('the emulator died 5.0 s into the run');
    expect(abortText({ reason: 'worker-died', worker: 2, exitCode: null, signal: 'SIGKILL', at: '2026-12-02T00:00:03Z', elapsedMs: 3_200 })).toBe('generator worker 2 died 3.2 s into the run');
  });
});
