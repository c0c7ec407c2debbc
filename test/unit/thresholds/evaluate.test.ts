import { describe, expect, it } from 'vitest';
import { evaluateRunThresholds, evaluateThresholds, type ThresholdInput } from '../../../src/thresholds/evaluate.js';
import { IMPLICIT_ERROR_RATE_MAX, implicitThresholds } from '../../../src/thresholds/implicit.js';
import { EMPTY_STATS } from '../../../src/measure/stats.js';

const stats = (p99Ms: number, count = 100) => ({ ...EMPTY_STATS, count, p50Ms: p99Ms / 2, p99Ms, maxMs: p99Ms * 2 });
const input: ThresholdInput = {
  latency: {
    overall: { all: stats(120), warm: stats(80, 95), cold: stats(400, 5), unknown: { ...EMPTY_STATS } },
    byRequest: { 'GET /hello': { all: stats(120), warm: stats(80, 95), cold: stats(400, 5), unknown: { ...EMPTY_STATS } } },
    byPhase: {},
  },
  requests: { completed: 100, ok: 98, errors: 2, expectationFailures: 2, bytesSent: 0, bytesReceived: 0 },
  coldStarts: { count: 5, rate: 0.05, initMs: { ...EMPTY_STATS } },
};

describe('thresholds', () => {
  it('passes and fails latency thresholds per start label and request', () => {
    const [warm, cold, byRequest] = evaluateThresholds(
      [
        { metric: 'latency', percentile: 'p99', start: 'warm', maxMs: 100 },
        { metric: 'latency', percentile: 'p99', start: 'cold', maxMs: 300 },
        { metric: 'latency', percentile: 'max', request: 'GET /hello', maxMs: 250 },
      ],
      input,
    );
    expect(warm).toMatchObject({ passed: true, actual: 80 });
    expect(cold).toMatchObject({ passed: false, actual: 400 });
    expect(byRequest).toMatchObject({ passed: true, actual: 240 });
  });

  it('judges error and cold-start rates', () => {
    const [errors, coldRate] = evaluateThresholds([{ metric: 'errorRate', max: 0.01 }, { metric: 'coldStartRate', max: 0.1 }], input);
    expect(errors).toMatchObject({ passed: false, actual: 0.02 });
    expect(coldRate).toMatchObject({ passed: true, actual: 0.05 });
  });

  it('fails visibly when there is nothing to judge instead of passing silently', () => {
    const [unknownRequest, cost] = evaluateThresholds(
      [{ metric: 'latency', percentile: 'p50', request: 'POST /nope', maxMs: 10 }, { metric: 'costPerMillionUsd', max: 1 }],
      input,
    );
    expect(unknownRequest).toMatchObject({ passed: false, actual: null });
    expect(unknownRequest!.note).toMatch(/no .*samples/);
    expect(cost).toMatchObject({ passed: false, actual: null });
  });
});

describe('the implicit errorRate threshold', () => {
  const latency = { metric: 'latency', percentile: 'p99', maxMs: 500 } as const;

  it('applies when no errorRate threshold is declared, also with an explicit empty list, and says so', () => {
    expect(implicitThresholds([])).toEqual([{ metric: 'errorRate', max: IMPLICIT_ERROR_RATE_MAX }]);
    const implicit = implicitThresholds([latency]);
    // 2% errors in the input: over the implicit 1%.
    const [declared, added] = evaluateRunThresholds([latency], implicit, input);
    expect(declared).toMatchObject({ passed: true });
    expect(declared!.implicit).toBeUndefined();
    expect(added).toMatchObject({ passed: false, actual: 0.02, implicit: true, description: 'error rate ≤ 1% (implicit: no errorRate threshold declared)' });
  });

  it('is replaced by a declared errorRate threshold; max 1 turns the check off', () => {
    expect(implicitThresholds([latency, { metric: 'errorRate', max: 0.05 }])).toEqual([]);
    const off = [{ metric: 'errorRate', max: 1 }] as const;
    const results = evaluateRunThresholds(off, implicitThresholds(off), { ...input, requests: { ...input.requests, ok: 0, errors: 100 } });
    expect(results).toEqual([expect.objectContaining({ passed: true, actual: 1 })]);
  });
});
