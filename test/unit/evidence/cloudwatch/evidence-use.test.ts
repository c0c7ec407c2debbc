/**
 * What the rest of a run does with the evidence: the invocation totals priced for a url target (only complete
 * figures, GB-s back to billed ms at the function's memory size), and the terminal block (incomplete figures marked,
 * API Gateway Latency beside the client's service time, most called route first).
 */
import { describe, expect, it } from 'vitest';
import { totalsFromEvidence } from '../../../../src/cloudwatch/cost-basis.js';
import type { CloudWatchEvidence, Figure, FunctionEvidence } from '../../../../src/cloudwatch/types.js';
import { renderEvidenceLines } from '../../../../src/report/terminal-evidence.js';
import type { RunResult } from '../../../../src/result/types.js';

const ok = (value: number | null): Figure => ({ value, status: 'complete' });
const missing = (note: string): Figure => ({ value: null, status: 'incomplete', note });

function fn(name: string, over: Partial<FunctionEvidence> = {}): FunctionEvidence {
  const four = { p50: ok(10), p90: ok(20), p99: ok(30), max: ok(40) };
  return {
    functionName: name,
    logGroup: `/aws/lambda/${name}`,
    reportLines: ok(100),
    coldStarts: ok(4),
    initMs: four,
    // 100 invocations × 80 ms billed at 512 MB: 100 × 80 × 512 / 1,024,000 GB-s.
    billedGbSeconds: ok((100 * 80 * 512) / 1_024_000),
    memorySizeMb: ok(512),
    durationMs: four,
    maxMemoryUsedMb: ok(90),
    invocations: ok(100),
    errors: ok(0),
    throttles: ok(2),
    metricDurationMs: { p50: ok(10), p99: ok(30) },
    concurrentExecutionsMax: ok(7),
    ...over,
  };
}

function evidence(functions: FunctionEvidence[], complete = true): CloudWatchEvidence {
  return {
    source: 'cloudwatch',
    window: { startedAt: '2026-12-02T10:00:10.000Z', endedAt: '2026-12-02T10:01:00.000Z', metricsFrom: '2026-12-02T10:00:00.000Z', metricsTo: '2026-12-02T10:02:00.000Z' },
    waited: { ms: 0, source: 'test' },
    functions,
    account: { concurrentExecutionsMax: ok(7), claimedAccountConcurrencyMax: ok(7) },
    api: {
      type: 'http',
      dimensions: { ApiId: 'abcdefghij', Stage: '$default' },
      count: ok(102),
      latencyAvgMs: ok(30),
      latencyP50Ms: ok(25),
      latencyP99Ms: ok(90),
      integrationLatencyP50Ms: ok(20),
      integrationLatencyP99Ms: ok(80),
      errors4xx: ok(0),
      errors5xx: ok(2),
      routes: [
        { route: 'GET /items', function: 'a', count: ok(80), latencyAvgMs: ok(20), latencyP50Ms: ok(18), latencyP99Ms: ok(60), integrationLatencyP50Ms: ok(15), billedGbSeconds: ok(3.2) },
        { route: 'POST /pay', function: 'a', count: ok(22), latencyAvgMs: ok(50), latencyP50Ms: ok(45), latencyP99Ms: ok(99), integrationLatencyP50Ms: ok(40), billedGbSeconds: ok(0.88) },
      ],
    },
    complete,
    notes: complete ? [] : ['x'],
  };
}

describe('totalsFromEvidence', () => {
  it('turns complete REPORT figures into invocation totals with billed ms', () => {
    const t = totalsFromEvidence(evidence([fn('a')]))!;
    expect(t.leftOut).toEqual([]);
    expect(t.totals.functions).toHaveLength(1);
    expect(t.totals.functions[0]).toMatchObject({ functionName: 'a', memoryMb: 512, invocations: 100, coldStarts: 4, onDemandColdStarts: 4, billedMs: { onDemand: 8_000, provisioned: 0, onDemandInit: 0 } });
    expect(t.totals.concurrency).toEqual({ peak: 7, byFunction: { a: 7 }, exact: false });
  });

  it('leaves out a function with an incomplete figure, and gives nothing when none is left', () => {
    const t = totalsFromEvidence(evidence([fn('a'), fn('b', { billedGbSeconds: missing('query ended Running') })]))!;
    expect(t.leftOut).toEqual(['b']);
    expect(t.totals.functions.map((f) => f.functionName)).toEqual(['a']);
    expect(totalsFromEvidence(evidence([fn('b', { memorySizeMb: { value: 1024, status: 'incomplete', note: 'changed' } })]))).toBeUndefined();
    expect(totalsFromEvidence(undefined)).toBeUndefined();
  });
});

describe('renderEvidenceLines', () => {
  const result = (ev: CloudWatchEvidence | undefined) =>
    ({
      evidence: ev,
      serviceTime: { overall: { all: { count: 102, p50Ms: 31 } } },
      // What the client side of the comparison reads (src/report/evidence-compare.ts).
      requests: { completed: 102 },
      statusCodes: { '200': 102 },
      coldStarts: { count: 2, initMs: { count: 0, p50Ms: 0, p99Ms: 0 } },
      labelSources: { 'wrapper-header': 102 },
      latency: { byRequest: [], overall: { unknown: { count: 0 } } },
      scenario: { requests: [] },
      warnings: [],
    }) as unknown as RunResult;
  const ms = (v: number) => `${v} ms`;

  it('shows nothing without evidence', () => {
    expect(renderEvidenceLines(result(undefined), ms)).toEqual([]);
  });

  it('puts API Gateway’s Latency beside the client’s, marks incomplete figures', () => {
    const text = renderEvidenceLines(result(evidence([fn('a', { coldStarts: missing('logs late') })], false)), ms).join('\n');
    expect(text).toContain('Server side (CloudWatch, 10:00–10:02 UTC)');
    expect(text).toMatch(/│ a\s+│\s+100 │\s+0 │\s+2 │\s+–\* │/);
    expect(text).toContain('Latency p50 25 ms');
    expect(text).toContain('client p50 31 ms ⇒ network ≈ 6 ms');
    expect(text).toContain('routes, most called first: GET /items 80 (p50 18 ms, 3.2 GB-s) · POST /pay 22');
    expect(text).toContain('* incomplete');
    expect(text.split('\n').every((line) => [...line].length <= 80)).toBe(true);
  });
});
