import { describe, expect, it } from 'vitest';
import { checkQuotas } from '../../../src/quota/check.js';
import { littlesLawConcurrency } from '../../../src/quota/check-concurrency.js';
import { maxUsedFraction } from '../../../src/quota/finding.js';
import { QUOTAS } from '../../../src/facts/quotas.js';
import type { QuotaFunctionInput, QuotaInput } from '../../../src/quota/types.js';

const fn = (over: Partial<QuotaFunctionInput> = {}): QuotaFunctionInput => ({ name: 'api', memoryMb: 1024, timeoutMs: 3000, ...over });
const find = (input: QuotaInput, id: string) => checkQuotas(input).find((f) => f.id === id);

describe('quota table', () => {
  it('carries the documented values with a source and a date', () => {
    expect(QUOTAS.accountConcurrency.value).toBe(1000);
    expect(QUOTAS.scalingRate.value).toBe(1000);
    expect(QUOTAS.accountThrottleRps.value).toBe(10_000);
    expect(QUOTAS.accountThrottleBurst.value).toBe(5000);
    expect(QUOTAS.restIntegrationTimeoutMs.value).toBe(29_000);
    expect(QUOTAS.httpIntegrationTimeoutMs.value).toBe(30_000);
    expect(QUOTAS.syncPayloadBytes.value).toBe(6_291_456);
    expect(QUOTAS.apiPayloadBytes.value).toBe(10 * 1024 * 1024);
    expect(QUOTAS.functionTimeoutMax.value).toBe(900);
    expect([QUOTAS.memoryMinMb.value, QUOTAS.memoryMaxMb.value]).toEqual([128, 10_240]);
    expect(QUOTAS.initMaxS.value).toBe(10);
    for (const [id, quota] of Object.entries(QUOTAS)) {
      expect(quota.source.length, id).toBeGreaterThan(10);
      expect(quota.asOf, id).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
    }
  });
});

describe("Little's law", () => {
  it('needs rate × mean duration environments', () => {
    expect(littlesLawConcurrency(800, 1500)).toBe(1200);
  });
});

describe('each check triggers and stays quiet', () => {
  it.each([
    // Concurrency, measured and by Little's law, against account concurrency (default and raised).
    { id: 'lambda.concurrency.measured', hit: { traffic: { peakConcurrency: 1000 } }, quiet: { traffic: { peakConcurrency: 120 } }, severity: 'critical' },
    { id: 'lambda.concurrency.measured', hit: { traffic: { peakConcurrency: 850 } }, quiet: { accountConcurrency: 5000, traffic: { peakConcurrency: 850 } }, severity: 'warning' },
    { id: 'lambda.concurrency.projected', hit: { traffic: { projectedPeakRps: 800, meanDurationMs: 1500 } }, quiet: { traffic: { projectedPeakRps: 800, meanDurationMs: 100 } }, severity: 'critical' },
    {
      id: 'lambda.concurrency.reserved.api',
      hit: { functions: [fn({ reservedConcurrency: 50, peakConcurrency: 60 })] },
      quiet: { functions: [fn({ reservedConcurrency: 50, peakConcurrency: 10 })] },
      severity: 'critical',
    },
    {
      id: 'lambda.concurrency.reserved.api',
      hit: { functions: [fn({ reservedConcurrency: 50, projectedPeakRps: 500, meanDurationMs: 90 })] },
      quiet: { functions: [fn({ reservedConcurrency: 50, projectedPeakRps: 100, meanDurationMs: 90 })] },
      severity: 'warning',
    },
    { id: 'lambda.concurrency.reserved-total', hit: { functions: [fn({ reservedConcurrency: 950 })] }, quiet: { functions: [fn({ reservedConcurrency: 100 })] }, severity: 'critical' },
    { id: 'lambda.invocation-rate', hit: { traffic: { peakRps: 10_000 } }, quiet: { traffic: { peakRps: 1000 } }, severity: 'critical' },
    // Scaling: measured cold starts per 10 s, and what the ramp needs.
    { id: 'lambda.scaling.measured.api', hit: { functions: [fn({ maxNewEnvironmentsPer10s: 1200 })] }, quiet: { functions: [fn({ maxNewEnvironmentsPer10s: 40 })] }, severity: 'critical' },
    {
      id: 'lambda.scaling.ramp',
      // 0 → 5,000 req/s in 20 s at 500 ms: 2,500 environments, 1,250 per 10 s.
      hit: { traffic: { meanDurationMs: 500, ramp: { fromRps: 0, toRps: 5000, durationMs: 20_000 } } },
      quiet: { traffic: { meanDurationMs: 500, ramp: { fromRps: 0, toRps: 5000, durationMs: 120_000 } } },
      severity: 'critical',
    },
    // API Gateway throttle and token bucket.
    { id: 'apigw.throttle.measured', hit: { apiType: 'http', traffic: { peakRps: 9000 } }, quiet: { apiType: 'http', traffic: { peakRps: 900 } }, severity: 'warning' },
    { id: 'apigw.throttle.projected', hit: { apiType: 'rest', traffic: { projectedPeakRps: 12_000 } }, quiet: { apiType: 'rest', traffic: { projectedPeakRps: 2000 } }, severity: 'critical' },
    {
      id: 'apigw.throttle.projected',
      // Cape Town has the lower 2,500 req/s default.
      hit: { apiType: 'rest', region: 'af-south-1', traffic: { projectedPeakRps: 3000 } },
      quiet: { apiType: 'rest', region: 'us-east-1', traffic: { projectedPeakRps: 3000 } },
      severity: 'critical',
    },
    {
      id: 'apigw.throttle.burst',
      // 6,500 requests within 100 ms; the bucket passes 5,000 + 10,000 × 0.1 = 6,000.
      hit: { apiType: 'http', traffic: { peakWindow: { windowMs: 100, requests: 6500 } } },
      quiet: { apiType: 'http', traffic: { peakWindow: { windowMs: 1000, requests: 6500 } } },
      severity: 'critical',
    },
    // Latency tail against the integration timeout; function timeout longer than it.
    { id: 'apigw.integration-timeout', hit: { apiType: 'rest', latency: { maxMs: 29_000, p999Ms: 9000 } }, quiet: { apiType: 'rest', latency: { maxMs: 900, p999Ms: 300 } }, severity: 'critical' },
    { id: 'apigw.integration-timeout', hit: { apiType: 'http', latency: { p999Ms: 25_000 } }, quiet: { apiType: 'http', integrationTimeoutMs: 60_000, latency: { p999Ms: 25_000 } }, severity: 'warning' },
    { id: 'apigw.integration-timeout.function.api', hit: { apiType: 'rest', functions: [fn({ timeoutMs: 900_000 })] }, quiet: { apiType: 'rest', functions: [fn({ timeoutMs: 29_000 })] }, severity: 'info' },
    { id: 'apigw.integration-timeout.config', hit: { apiType: 'http', integrationTimeoutMs: 60_000 }, quiet: { apiType: 'http', integrationTimeoutMs: 10_000 }, severity: 'critical' },
    // Payloads.
    { id: 'lambda.payload.request', hit: { payload: { maxRequestBytes: 7_000_000 } }, quiet: { payload: { maxRequestBytes: 20_000 } }, severity: 'critical' },
    { id: 'lambda.payload.response', hit: { payload: { maxResponseBytes: 5_500_000 } }, quiet: { payload: { maxResponseBytes: 2_000_000 } }, severity: 'warning' },
    { id: 'apigw.payload.request', hit: { apiType: 'http', payload: { maxRequestBytes: 11_000_000 } }, quiet: { apiType: 'http', payload: { maxRequestBytes: 1000 } }, severity: 'critical' },
    // Function configuration and measurements.
    { id: 'lambda.timeout.api', hit: { functions: [fn({ maxDurationMs: 2900 })] }, quiet: { functions: [fn({ maxDurationMs: 900 })] }, severity: 'warning' },
    // Without REPORT Durations, a single function is held against the client-side latency tail.
    { id: 'lambda.timeout.api', hit: { functions: [fn()], latency: { maxMs: 3100 } }, quiet: { functions: [fn(), fn({ name: 'b' })], latency: { maxMs: 3100 } }, severity: 'critical' },
    { id: 'lambda.timeout.config.api', hit: { functions: [fn({ timeoutMs: 901_000 })] }, quiet: undefined, severity: 'critical' },
    { id: 'lambda.memory.config.api', hit: { functions: [fn({ memoryMb: 64 })] }, quiet: undefined, severity: 'critical' },
    { id: 'lambda.init.api', hit: { functions: [fn({ maxInitMs: 10_500 })] }, quiet: { functions: [fn({ maxInitMs: 400 })] }, severity: 'critical' },
    { id: 'lambda.memory.api', hit: { functions: [fn({ maxMemoryUsedMb: 1000 })] }, quiet: { functions: [fn({ maxMemoryUsedMb: 500 })] }, severity: 'warning' },
    { id: 'lambda.memory.api', hit: { functions: [fn({ maxMemoryUsedMb: 1024 })] }, quiet: undefined, severity: 'critical' },
    // Over-provisioned: 150 of 1,024 MB used.
    { id: 'lambda.memory.api', hit: { functions: [fn({ maxMemoryUsedMb: 150 })] }, quiet: { functions: [fn({ maxMemoryUsedMb: 600 })] }, severity: 'info' },
  ] as Array<{ id: string; hit: QuotaInput; quiet?: QuotaInput; severity: string }>)('$id → $severity', ({ id, hit, quiet, severity }) => {
    const found = find(hit, id);
    expect(found, `${id} should be reported`).toBeDefined();
    expect(found!.severity).toBe(severity);
    expect(found!.evidence).toMatch(/\d/);
    expect(found!.quota.source).not.toBe('');
    expect(found!.hint.length).toBeGreaterThan(20);
    if (quiet) expect(find(quiet, id)?.severity ?? 'absent').toMatch(/^(ok|absent)$/);
  });
});

describe('checkQuotas', () => {
  const input: QuotaInput = {
    region: 'us-east-1',
    apiType: 'rest',
    functions: [fn({ maxMemoryUsedMb: 600, maxDurationMs: 400 })],
    traffic: { peakConcurrency: 1200, peakRps: 900, projectedPeakRps: 3000, meanDurationMs: 200 },
    latency: { maxMs: 1500, p999Ms: 800 },
  };
  const findings = checkQuotas(input);

  it('puts the worst first and keeps the evidence from the run', () => {
    expect(findings[0]).toMatchObject({ id: 'lambda.concurrency.measured', severity: 'critical', limit: 1000, usedFraction: 1.2 });
    expect(findings[0]!.evidence).toContain('1,200 invocations in flight');
    expect(findings[0]!.quota).toMatchObject({ name: 'Lambda concurrent executions', value: 1000, unit: 'environments' });
    const ranks = findings.map((f) => ['critical', 'warning', 'info', 'ok'].indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('gives the headroom for thresholds', () => {
    expect(maxUsedFraction(findings)).toBe(1.2);
    expect(maxUsedFraction([])).toBe(0);
  });

  it('checks nothing it has no numbers for', () => {
    expect(checkQuotas({})).toEqual([]);
    expect(checkQuotas({ traffic: { peakRps: 100 } }).map((f) => f.id)).toEqual(['lambda.invocation-rate']);
  });
});
