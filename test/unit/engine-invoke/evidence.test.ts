/**
 * From Invoke answers to labels and totals (src/run/invoke-evidence.ts), and a `lambda` target's lookups folded into
 * its resolved target (src/target/lambda-config.ts). Pure: samples and lookups in, labels, totals and targets out.
 */
import { describe, expect, it } from 'vitest';
import { createReportTotals, labelFromReport, reportMissing, reportMissingWarning } from '../../../src/run/invoke-evidence.js';
import type { ReportEvidence, Sample } from '../../../src/records/sample.js';
import { withLambdaConfiguration } from '../../../src/target/lambda-config.js';
import { resolveTarget } from '../../../src/target/resolve.js';

const report = (extra: Partial<ReportEvidence> = {}): ReportEvidence => ({ requestId: 'r', durationMs: 10.5, billedMs: 11, memoryMb: 256, maxMemoryUsedMb: 60, ...extra });
const sample = (extra: Partial<Sample> = {}): Sample => ({ phaseIndex: 0, requestIndex: 0, intendedAtMs: 0, sentAtMs: 0, endedAtMs: 1_000, status: 200, bytesSent: 2, bytesReceived: 2, ...extra });

describe('labels from REPORT tails', () => {
  it('Init Duration ⇒ cold with its initMs; none ⇒ warm; no REPORT ⇒ unknown', () => {
    expect(labelFromReport(sample({ invoke: { report: report({ initMs: 150.25 }) } }))).toEqual({ start: 'cold', source: 'report-tail', initMs: 150.25 });
    expect(labelFromReport(sample({ invoke: { report: report() } }))).toEqual({ start: 'warm', source: 'report-tail' });
    expect(labelFromReport(sample({ invoke: {} }))).toEqual({ start: 'unknown', source: 'none' });
  });

  it('a 200 without REPORT is a missing report (warned); a throttle is not', () => {
    expect(reportMissing(sample({ invoke: {} }))).toBe(true);
    expect(reportMissing(sample({ status: 429, invoke: { errorType: 'TooManyRequestsException' } }))).toBe(false);
    expect(reportMissingWarning(0)).toBeUndefined();
    expect(reportMissingWarning(3)).toMatchObject({ code: 'REPORT_TAIL_MISSING', message: expect.stringContaining('3 invocations') });
  });
});

describe('totals from REPORT tails', () => {
  it('counts cold starts, billed ms, throttles by reason, function errors by type, and the overlapping peak', () => {
    const totals = createReportTotals('orders', 256);
    totals.add(sample({ endedAtMs: 1_000, invoke: { report: report({ initMs: 100, durationMs: 50, billedMs: 150 }) } }));
    totals.add(sample({ endedAtMs: 1_020, invoke: { report: report({ durationMs: 30, billedMs: 30 }) } }));
    totals.add(sample({ endedAtMs: 2_000, invoke: { functionError: 'Unhandled', errorType: 'TypeError', errorMessage: 'x is not a function', report: report({ billedMs: 11 }) } }));
    totals.add(sample({ status: 429, invoke: { errorType: 'TooManyRequestsException', reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' } }));
    totals.add(sample({ invoke: {} }));
    expect(totals.missing).toBe(1);
    const t = totals.totals();
    expect(t.functions).toHaveLength(1);
    const fn = t.functions[0]!;
    expect(fn).toMatchObject({ functionName: 'orders', memoryMb: 256, invocations: 3, coldStarts: 1, maxInitMs: 100 });
    expect(fn.outcomes).toEqual({ success: 2, 'function-error': 1, throttled: 1 });
    expect(fn.throttleReasons).toEqual({ ReservedFunctionConcurrentInvocationLimitExceeded: 1 });
    expect(fn.errorTypes).toEqual({ TypeError: { count: 1, example: 'x is not a function' } });
    expect(fn.billedMs.onDemand).toBe(150 + 30 + 11);
    // [850, 1000] and [990, 1020] overlap; [1989.5, 2000] does not.
    expect(t.concurrency).toEqual({ peak: 2, byFunction: { orders: 2 }, exact: false });
  });
});

describe('withLambdaConfiguration', () => {
  const target = resolveTarget({ type: 'lambda', functionName: 'orders', qualifier: 'live', region: 'eu-west-1' });

  it('replaces the assumed defaults with what AWS said, each listed with its API', () => {
    const looked = withLambdaConfiguration(target, {
      functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders:live',
      memoryMb: 1024,
      timeoutS: 30,
      architecture: 'arm64',
      runtime: 'python3.13',
      ephemeralStorageMb: 2048,
      reservedConcurrency: 50,
      accountConcurrency: 3000,
    });
    expect(looked.functions[0]).toMatchObject({ name: 'orders', memoryMb: 1024, timeoutMs: 30_000, architecture: 'arm64', runtime: 'python3.13', ephemeralStorageMb: 2048, reservedConcurrency: 50 });
    expect(looked.accountConcurrency).toBe(3000);
    expect(looked.invoke).toEqual({ functionName: 'orders', qualifier: 'live', functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders:live' });
    const byPath = Object.fromEntries(looked.defaults.map((d) => [d.path, d]));
    expect(byPath['target.architecture']).toEqual({ path: 'target.architecture', value: 'arm64', source: 'AWS lookup: lambda:GetFunctionConfiguration' });
    expect(byPath['target.accountConcurrency']!.source).toBe('AWS lookup: lambda:GetAccountSettings');
    // The one default no lookup replaces stays as it was.
    expect(byPath['target.provisionedConcurrency']!.source).toContain('provisioned concurrency');
    expect(looked.defaults.filter((d) => d.path === 'target.architecture')).toHaveLength(1);
  });

  it('a runtime lambdaload does not model, or none (an image), stays unknown and says so; no reservation says none', () => {
    const looked = withLambdaConfiguration(target, { memoryMb: 512, timeoutS: 3, runtime: 'java21' });
    expect(looked.functions[0]!.runtime).toBeUndefined();
    const byPath = Object.fromEntries(looked.defaults.map((d) => [d.path, d]));
    expect(byPath['target.runtime']).toMatchObject({ value: 'java21', source: expect.stringContaining('left unknown') });
    expect(byPath['target.reservedConcurrency']).toMatchObject({ value: null, source: expect.stringContaining('none reserved') });
    expect(looked.functions[0]!.reservedConcurrency).toBeUndefined();
    // Nothing said about the account: the documented default stays.
    expect(looked.accountConcurrency).toBe(target.accountConcurrency);
  });

  it('takes the provisioned concurrency of the qualifier the run invokes, names the others, and says when none applies', () => {
    const configs = [
      { qualifier: '3', allocated: 4, requested: 4, status: 'READY' },
      { qualifier: 'live', allocated: 6, requested: 10, status: 'IN_PROGRESS' },
    ];
    const live = withLambdaConfiguration(target, { provisionedConcurrency: configs });
    expect(live.functions[0]!.provisionedConcurrency).toBe(6);
    expect(Object.fromEntries(live.defaults.map((d) => [d.path, d]))['target.provisionedConcurrency']).toEqual({
      path: 'target.provisionedConcurrency',
      value: 6,
      source: 'AWS lookup: lambda:ListProvisionedConcurrencyConfigs on live (IN_PROGRESS: 6 of 10 requested ready); also on 3: 4, which this run does not invoke',
    });
    const unqualified = withLambdaConfiguration(resolveTarget({ type: 'lambda', functionName: 'orders', region: 'eu-west-1' }), { provisionedConcurrency: configs });
    expect(unqualified.functions[0]!.provisionedConcurrency).toBe(0);
    expect(unqualified.defaults.find((d) => d.path === 'target.provisionedConcurrency')!.source).toBe(
      'AWS lookup: lambda:ListProvisionedConcurrencyConfigs (none on $LATEST); also on 3: 4, live: 6, which this run does not invoke',
    );
    // Not looked up: the documented default stays, said so.
    expect(withLambdaConfiguration(target, {}).defaults.find((d) => d.path === 'target.provisionedConcurrency')!.source).not.toContain('AWS lookup');
  });
});
