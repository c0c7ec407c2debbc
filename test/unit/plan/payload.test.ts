/**
 * Payload sizes in a plan: held against Lambda's 6 MB synchronous limit and API Gateway's 10 MB (the numbers read
 * from src/facts, as the quota room checks them), and priced by the cost room where AWS bills by size: HTTP API
 * requests in 512 KB units band by band, responses as data transfer out. The sweep sees the sizes too.
 */
import { describe, expect, it } from 'vitest';
import { QUOTAS } from '../../../src/facts/quotas.js';
import { planCapacity } from '../../../src/plan/plan.js';
import { renderPlan } from '../../../src/plan/render.js';
import { resolvePayload } from '../../../src/plan/payload.js';
import type { Plan } from '../../../src/plan/types.js';
import { validatePlan } from '../../../src/plan/validate.js';

const capacity = (plan: Plan) => planCapacity({ plan, dir: process.cwd(), results: new Map() }, { file: 'test.ts', recommendations: false });
const base = (over: Partial<Plan> = {}): Plan => ({
  name: 'payload',
  region: 'us-east-1',
  arrivals: 'uniform',
  monthlyRequests: 10_000_000,
  traffic: { type: 'steady', rps: 20, duration: '10s' },
  api: { type: 'http' },
  functions: { f: { memoryMb: 1024, duration: 20, init: 200, timeout: '3s' } },
  ...over,
});
const line = (plan: Plan, item: string) => capacity(plan).cost.estimate.lines.find((l) => l.item === item);
const MB = 1024; // KB

describe('payload sizes and the cost', () => {
  it('HTTP API: 90% of 20 KB and 10% of 1.2 MB meter as 1.2 requests each (512 KB units, band by band)', () => {
    const plain = line(base(), 'API Gateway HTTP requests')!;
    const sized = line(base({ payload: { requestKb: [{ sizeKb: 20, weight: 9 }, { sizeKb: 1.2 * MB, weight: 1 }] } }), 'API Gateway HTTP requests')!;
    expect(sized.quantity / plain.quantity).toBeCloseTo(1.2, 9);
    expect(sized.amountUsd / plain.amountUsd).toBeCloseTo(1.2, 9);
  });

  it('REST: a request size changes nothing (one request per call); a response size adds data transfer out', () => {
    const rest = (payload?: Plan['payload']) => base({ api: { type: 'rest' }, payload });
    expect(line(rest({ requestKb: 2 * MB }), 'API Gateway REST requests')!.quantity).toBe(line(rest(), 'API Gateway REST requests')!.quantity);
    expect(line(rest(), 'Data transfer out')).toBeUndefined();
    const dto = line(rest({ responseKb: 100 }), 'Data transfer out')!;
    const requests = line(rest(), 'API Gateway REST requests')!.quantity;
    expect(dto.quantity).toBeCloseTo((requests * 100) / 1024 ** 2, 6);
    expect(dto.amountUsd).toBeGreaterThan(0);
  });

  it('routes with their own sizes: the mix weighs each by its share', () => {
    const mix = resolvePayload(
      base({
        functions: { read: { duration: 10, init: 100 }, upload: { duration: 50, init: 100 } },
        payload: { requestKb: 2 },
        routes: [
          { name: 'GET', function: 'read', share: 9 },
          { name: 'PUT', function: 'upload', share: 1, payload: { requestKb: [{ sizeKb: 1000, weight: 1 }, { sizeKb: 3000, weight: 1 }] } },
        ],
      }),
    )!;
    expect(mix.request).toEqual([
      { sizeKb: 2, share: 0.9 },
      { sizeKb: 1000, share: 0.05 },
      { sizeKb: 3000, share: 0.05 },
    ]);
    expect(mix.response).toBeUndefined();
  });
});

describe('payload sizes and the limits', () => {
  it('sizes within the limits: ok findings, no warning, the same simulation as without sizes', () => {
    const result = capacity(base({ payload: { requestKb: 20, responseKb: 500 } }));
    const plain = capacity(base());
    expect([result.served, result.coldStarts, result.histograms.all]).toEqual([plain.served, plain.coldStarts, plain.histograms.all]);
    expect(result.payloadRejected).toBe(0);
    expect(result.payload!.over).toEqual([]);
    expect(result.payload!.findings.map((f) => [f.id, f.severity])).toEqual([
      ['lambda.payload.request', 'ok'],
      ['apigw.payload.request', 'ok'],
      ['lambda.payload.response', 'ok'],
      ['apigw.payload.response', 'ok'],
    ]);
    expect(result.warnings.map((w) => w.code)).not.toContain('PAYLOAD_OVER_LIMIT');
  });

  it("requests over 6 MB and over 10 MB, responses over 6 MB: the share over each limit and the status its clients get", () => {
    const lambdaKb = QUOTAS.syncPayloadBytes.value / 1024;
    const apiKb = QUOTAS.apiPayloadBytes.value / 1024;
    const result = capacity(
      base({
        api: { type: 'rest' },
        traffic: { type: 'steady', rps: 200, duration: '10s' },
        payload: {
          requestKb: [{ sizeKb: 10, weight: 94 }, { sizeKb: lambdaKb + 1, weight: 5 }, { sizeKb: apiKb + 1, weight: 1 }],
          responseKb: [{ sizeKb: 10, weight: 3 }, { sizeKb: lambdaKb + 1, weight: 1 }],
        },
      }),
    );
    expect(result.payload!.over).toEqual([
      { kind: 'request', quota: QUOTAS.apiPayloadBytes.name, limitBytes: QUOTAS.apiPayloadBytes.value, share: 0.01, status: 413 },
      { kind: 'request', quota: QUOTAS.syncPayloadBytes.name, limitBytes: QUOTAS.syncPayloadBytes.value, share: 0.05, status: 413 },
      { kind: 'response', quota: QUOTAS.syncPayloadBytes.name, limitBytes: QUOTAS.syncPayloadBytes.value, share: 0.25, status: 502 },
    ]);
    expect(result.payload!.findings.filter((f) => f.severity === 'critical').map((f) => f.id)).toEqual(['lambda.payload.request', 'apigw.payload.request', 'lambda.payload.response']);
    expect(result.warnings.filter((w) => w.code === 'PAYLOAD_OVER_LIMIT')).toHaveLength(3);
    expect(result.recommendations.summary[0]).toMatch(/^1% of the requests are over API Gateway payload .*: their clients get 413; move large bodies to S3/);
    // Simulated: about 6% refused with 413 before Lambda, about 25% of the rest fail after running (502 behind REST).
    expect(result.payloadRejected! / result.arrivals).toBeGreaterThan(0.04);
    expect(result.payloadRejected! / result.arrivals).toBeLessThan(0.08);
    expect(result.responsesTooLarge! / (result.arrivals - result.payloadRejected!)).toBeGreaterThan(0.2);
    expect(result.responsesTooLarge! / (result.arrivals - result.payloadRejected!)).toBeLessThan(0.3);
    expect(result.statuses).toEqual({ 413: result.payloadRejected, 502: result.responsesTooLarge });
    expect(result.served).toBe(result.arrivals - result.payloadRejected! - result.responsesTooLarge!);
    expect(result.errorRate).toBeCloseTo((result.payloadRejected! + result.responsesTooLarge!) / result.arrivals, 9);
    expect(result.functions[0].invocations).toBe(result.arrivals - result.payloadRejected!);
    const text = renderPlan(result);
    expect(text).toMatch(/│ payload over a limit\s+│ [\d,]+\s+│ 413/);
    expect(text).toMatch(/payload: requests 94% 10 KB, 5% 6,145 KB, 1% 10,241 KB/);
    expect(text).toMatch(/✗ critical .*Largest request vs the Lambda synchronous/);
  });
});

describe('payload validation', () => {
  it('every problem with its key path', () => {
    const problems = validatePlan(
      base({
        payload: { requestKb: 'big' as never, responseKb: [{ sizeKb: -1, weight: 0 }], bodyKb: 3 } as never,
        routes: [{ name: 'r', function: 'f', payload: { requestKb: [] } }],
      }),
    );
    expect(problems.map((p) => p.path)).toEqual([
      'routes[0].payload.requestKb',
      'payload.bodyKb',
      'payload.requestKb',
      'payload.responseKb[0].sizeKb',
      'payload.responseKb[0].weight',
    ]);
    expect(problems[2].message).toMatch(/must be a size in KB/);
    expect(problems[0].message).toMatch(/with 1 to 100 bands \(got 0 bands\)/);
  });
});
